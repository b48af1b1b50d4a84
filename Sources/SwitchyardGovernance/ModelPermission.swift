import SwitchyardCore

/// Model allow-lists of keys and teams. An entry is a model group name, `*` (everything) or `prefix*`.
enum ModelPermission {
    static func allows(_ list: [String]?, _ model: String) -> Bool {
        guard let list else { return true }
        return list.contains { entry in
            if entry == "*" { return true }
            if entry.hasSuffix("*") { return model.hasPrefix(entry.dropLast()) }
            return entry == model
        }
    }

    /// The 403 when the key's or the team's list forbids `model` (the key is checked first), else nil.
    static func refusal(model: String, key: VirtualKeyRecord?, team: TeamSpec?) -> GatewayError? {
        if let key, !allows(key.models, model) {
            return forbidden(model: model, holder: "key \(key.name)", allowed: key.models ?? [])
        }
        if let team, !allows(team.models, model) {
            return forbidden(model: model, holder: "team \(team.name)", allowed: team.models ?? [])
        }
        return nil
    }

    private static func forbidden(model: String, holder: String, allowed: [String]) -> GatewayError {
        let list = allowed.isEmpty ? "no models" : allowed.joined(separator: ", ")
        return GatewayError(
            kind: .forbidden, status: 403,
            message: "model '\(model)' is not allowed for \(holder) (allowed: \(list))", code: "model_not_allowed")
    }
}

/// An operator command applied to the overrides a fleet shares, checked against the names its replicas report:
/// what a fleet dashboard or `ctl --database-url` writes to the shared store, as a replica's control plane would.
public enum FleetOverrideChange: Sendable, Hashable {
    /// The overrides after the command, with the audit record's before and after texts.
    case changed(StoredOverrides, before: String, after: String)
    /// Nothing to change; the message says why (already disabled, say).
    case unchanged(String)
    /// A name the fleet does not know, or a value out of bounds.
    case refused(String)

    /// `command` applied to `overrides`. `catalog` supplies the providers, deployments and model groups the
    /// replicas report; `undo` is not handled here (it needs the history of the one undoing).
    public static func apply(_ command: ControlCommand, to overrides: StoredOverrides, catalog: GatewaySnapshot) -> Self {
        var next = overrides
        switch command {
        case .disableProvider(let name), .enableProvider(let name):
            let disable = if case .disableProvider = command { true } else { false }
            return switched("provider", name, in: \.disabledProviders, of: overrides, disable: disable,
                            valid: catalog.providers.map(\.name))

        case .disableDeployment(let id), .enableDeployment(let id):
            let disable = if case .disableDeployment = command { true } else { false }
            return switched("deployment", id, in: \.disabledDeployments, of: overrides, disable: disable,
                            valid: catalog.deployments.map(\.id))

        case .setWeight(let id, let weight):
            guard let deployment = catalog.deployments.first(where: { $0.id == id }) else {
                return unknown("deployment", id, valid: catalog.deployments.map(\.id))
            }
            guard InputBounds.weight.contains(weight) else {
                return .refused("weight must be a number \(InputBounds.describe(InputBounds.weight)), got \(InputBounds.formatNumber(weight))")
            }
            let old = overrides.weights[id] ?? deployment.weight
            guard old != weight else { return .unchanged("\(id) already has weight \(InputBounds.formatNumber(weight))") }
            next.weights[id] = weight
            return .changed(next, before: "weight \(InputBounds.formatNumber(old))",
                            after: "weight \(InputBounds.formatNumber(weight))")

        case .failover(let model, let from):
            guard let group = catalog.models.first(where: { $0.name == model }) else {
                return unknown("model", model, valid: catalog.models.map(\.name))
            }
            let members = group.deploymentIDs
            let provider = { (id: String) in catalog.deployments.first { $0.id == id }?.provider }
            guard let id = members.contains(from) ? from : members.first(where: { provider($0) == from }) else {
                return unknown("deployment of \(model)", from, valid: members)
            }
            guard members.count > 1 else { return .refused("\(model) has no other deployment to fail over to") }
            guard !overrides.drainingDeployments.contains(id) else { return .unchanged("\(id) is already draining") }
            next.drainingDeployments.append(id)
            return .changed(next, before: "serving", after: "draining")

        case .reset:
            guard !overrides.isEmpty else { return .unchanged("no overrides to reset") }
            return .changed(StoredOverrides(), before: "overridden", after: "as configured")

        case .undo:
            return .refused("undo needs the history of the one undoing")
        }
    }

    private static func unknown(_ what: String, _ name: String, valid: [String]) -> Self {
        .refused("unknown \(what) '\(name)'; valid: \(valid.joined(separator: ", "))")
    }

    /// `name` added to (disable) or taken from (enable) the list of disabled `what`s at `list`.
    private static func switched(
        _ what: String, _ name: String, in list: WritableKeyPath<StoredOverrides, [String]>, of overrides: StoredOverrides,
        disable: Bool, valid: [String]
    ) -> Self {
        guard valid.contains(name) else { return unknown(what, name, valid: valid) }
        guard overrides[keyPath: list].contains(name) != disable else {
            return .unchanged("\(what) \(name) is already \(disable ? "disabled" : "enabled")")
        }
        var next = overrides
        next[keyPath: list] = disable ? next[keyPath: list] + [name] : next[keyPath: list].filter { $0 != name }
        return .changed(next, before: disable ? "enabled" : "disabled", after: disable ? "disabled" : "enabled")
    }
}

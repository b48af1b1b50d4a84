import HTTPTypes
import SwitchyardCore

/// The HTTP status of a command's answer.
enum ControlStatus {
    /// 200 for success and no-ops; 404 when the command names a provider, deployment or model the catalog
    /// lacks; 400 for an invalid value; 409 when the state refuses it (nothing to undo, no other deployment).
    static func of(_ result: CommandResult, command: ControlCommand, catalog: Catalog) -> HTTPResponse.Status {
        if result.ok { return .ok }
        let providers = Set(catalog.providers.map(\.name))
        let deployments = Set(catalog.deployments.map(\.id))
        switch command {
        case .disableProvider(let name), .enableProvider(let name):
            return providers.contains(name) ? .conflict : .notFound
        case .disableDeployment(let id), .enableDeployment(let id):
            return deployments.contains(id) ? .conflict : .notFound
        case .setWeight(let id, let weight):
            if !deployments.contains(id) { return .notFound }
            return InputBounds.weight.contains(weight) ? .conflict : .badRequest
        case .failover(let model, let from):
            guard let group = catalog.models.first(where: { $0.name == model }) else { return .notFound }
            let members = catalog.deployments.filter { group.deployments.contains($0.id) || $0.model == group.name }
            let known = members.contains { $0.id == from || $0.provider == from }
            return known ? .conflict : .notFound
        case .undo, .reset:
            return .conflict
        }
    }
}

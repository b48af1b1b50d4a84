import Foundation
import SwitchyardCore
import SwitchyardControlAPI

/// The control API request that carries a `ControlCommand`: method, path and JSON body.
public struct ControlRoute: Sendable, Hashable {
    /// HTTP method, always "POST" for commands.
    public var method: String
    /// Request path, names percent-encoded as one path segment each.
    public var path: String
    /// JSON body, if the route takes one.
    public var body: [UInt8]?

    /// The route for `command`; throws `EncodingError` for a body JSON cannot carry (a non-finite weight).
    public init(_ command: ControlCommand) throws {
        method = "POST"
        switch command {
        case .disableProvider(let name):
            path = ControlPath.disableProvider(name)
        case .enableProvider(let name):
            path = ControlPath.enableProvider(name)
        case .disableDeployment(let id):
            path = ControlPath.disableDeployment
            body = try Self.json(DeploymentBody(deployment: id))
        case .enableDeployment(let id):
            path = ControlPath.enableDeployment
            body = try Self.json(DeploymentBody(deployment: id))
        case .setWeight(let id, let weight):
            path = ControlPath.weight
            body = try Self.json(WeightBody(deployment: id, weight: weight))
        case .failover(let model, let from):
            path = ControlPath.failover(model)
            body = try Self.json(FailoverBody(from: from))
        case .undo:
            path = ControlPath.undo
        case .reset:
            path = ControlPath.reset
        }
    }

    private static func json(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = ControlKeyCasing.encoding
        return Array(try encoder.encode(value))
    }
}

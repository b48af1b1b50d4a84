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
            path = "/v1/providers/\(Self.segment(name))/disable"
        case .enableProvider(let name):
            path = "/v1/providers/\(Self.segment(name))/enable"
        case .disableDeployment(let id):
            path = "/v1/deployments/disable"
            body = try Self.json(DeploymentBody(deployment: id))
        case .enableDeployment(let id):
            path = "/v1/deployments/enable"
            body = try Self.json(DeploymentBody(deployment: id))
        case .setWeight(let id, let weight):
            path = "/v1/deployments/weight"
            body = try Self.json(WeightBody(deployment: id, weight: weight))
        case .failover(let model, let from):
            path = "/v1/models/\(Self.segment(model))/failover"
            body = try Self.json(FailoverBody(from: from))
        case .undo:
            path = "/v1/undo"
        case .reset:
            path = "/v1/reset"
        }
    }

    private static func json(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// Percent-encodes a name for one path segment: "/" and "?" inside a name must not split the path.
    public static func segment(_ name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%;")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }
}

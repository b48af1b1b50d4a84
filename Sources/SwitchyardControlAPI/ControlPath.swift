import Foundation
import SwitchyardCore

/// Every route of the control API, defined once: the server registers the patterns (`:name` marks a path
/// parameter), and `ctl`, `top` and tests build their paths with the functions beside them, through one encoder.
public enum ControlPath {
    public static let status = "/v1/status"
    public static let feed = "/v1/feed"
    public static let audit = "/v1/audit"
    public static let undo = "/v1/undo"
    public static let reset = "/v1/reset"
    public static let disableDeployment = "/v1/deployments/disable"
    public static let enableDeployment = "/v1/deployments/enable"
    public static let weight = "/v1/deployments/weight"
    public static let disableProviderPattern = "/v1/providers/:name/disable"
    public static let enableProviderPattern = "/v1/providers/:name/enable"
    public static let failoverPattern = "/v1/models/:model/failover"
    public static let keys = "/v1/keys"
    public static let keyPattern = "/v1/keys/:name"
    public static let revokeKeyPattern = "/v1/keys/:name/revoke"
    public static let teams = "/v1/teams"
    public static let teamPattern = "/v1/teams/:name"
    public static let budgets = "/v1/budgets"
    public static let spend = "/v1/spend"
    public static let traces = "/v1/traces"
    public static let tracePattern = "/v1/traces/:id"
    public static let routeExplain = "/v1/route/explain"
    public static let reload = "/v1/reload"

    public static func disableProvider(_ name: String) -> String { "/v1/providers/\(escape(name))/disable" }
    public static func enableProvider(_ name: String) -> String { "/v1/providers/\(escape(name))/enable" }
    public static func failover(_ model: String) -> String { "/v1/models/\(escape(model))/failover" }
    public static func key(_ name: String) -> String { "/v1/keys/\(escape(name))" }
    public static func revokeKey(_ name: String) -> String { "/v1/keys/\(escape(name))/revoke" }
    public static func team(_ name: String) -> String { "/v1/teams/\(escape(name))" }
    public static func trace(_ id: String) -> String { "/v1/traces/\(escape(id))" }

    /// `path` with `parameters` as its query string, in the order given.
    public static func query(_ path: String, _ parameters: [(name: String, value: String)]) -> String {
        guard !parameters.isEmpty else { return path }
        return path + "?" + parameters.map { "\(escape($0.name))=\(escape($0.value))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, so a name is one path segment or one query
    /// value whatever it holds ("/", "?", "&", "%", spaces); the server undoes it.
    public static func escape(_ text: String) -> String { PercentEncoding.component(text) }
}

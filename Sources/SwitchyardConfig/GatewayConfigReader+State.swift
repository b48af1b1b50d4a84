import Yams

/// The `state:` section.
extension GatewayConfigReader {
    static func readState(_ node: Node, walker w: inout YAMLWalker) -> StateConfig {
        var state = StateConfig()
        guard let map = w.mapping(node, "state", allowed: ["database_url", "on_database_down"]) else { return state }
        if let n = map["database_url"], let url = w.string(n, "state.database_url") {
            if url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") {
                state.databaseURL = url
            } else {
                w.error(n, "state.database_url", "expected a postgresql://user@host:port/database URL")
            }
        }
        if let n = map["on_database_down"], let word = w.string(n, "state.on_database_down") {
            if let policy = DatabaseDownPolicy(rawValue: word) {
                state.onDatabaseDown = policy
            } else {
                let known = DatabaseDownPolicy.allCases.map(\.rawValue).joined(separator: ", ")
                w.error(n, "state.on_database_down", "unknown policy '\(word)'; expected one of: \(known)")
            }
        }
        return state
    }
}

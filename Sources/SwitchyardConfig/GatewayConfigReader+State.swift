import Yams

/// The `state:` section.
extension GatewayConfigReader {
    static func readState(_ node: Node, walker w: inout YAMLWalker) -> StateConfig {
        var state = StateConfig()
        guard let map = w.mapping(node, "state", allowed: ["database_url"]) else { return state }
        if let n = map["database_url"], let url = w.string(n, "state.database_url") {
            if url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") {
                state.databaseURL = url
            } else {
                w.error(n, "state.database_url", "expected a postgresql://user@host:port/database URL")
            }
        }
        return state
    }
}

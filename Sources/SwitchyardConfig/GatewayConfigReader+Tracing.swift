import SwitchyardCore
import Yams

/// The `tracing:` section.
extension GatewayConfigReader {
    static func readTracing(_ node: Node, walker w: inout YAMLWalker) -> TracingConfig {
        var tracing = TracingConfig()
        let fields = ["enabled", "ring_size", "bodies", "max_body_bytes", "archive_size"]
        guard let map = w.mapping(node, "tracing", allowed: fields) else { return tracing }
        if let n = map["enabled"], let value = w.boolean(n, "tracing.enabled") { tracing.enabled = value }
        if let n = map["ring_size"], let value = w.integer(n, "tracing.ring_size", minimum: 1, maximum: 1_000_000) {
            tracing.ringCapacity = value
        }
        if let n = map["bodies"], let value = w.boolean(n, "tracing.bodies") { tracing.captureBodies = value }
        if let n = map["max_body_bytes"], let value = w.integer(n, "tracing.max_body_bytes", minimum: 1, maximum: 16 << 20) {
            tracing.maxBodyBytes = value
        }
        if let n = map["archive_size"], let value = w.integer(n, "tracing.archive_size", minimum: 1, maximum: 100_000_000) {
            tracing.archiveCapacity = value
        }
        return tracing
    }
}

import SwitchyardCore
import Yams

/// The `tracing:` section.
extension GatewayConfigReader {
    static func readTracing(_ node: Node, walker w: inout YAMLWalker) -> TracingConfig {
        var tracing = TracingConfig()
        let fields = ["enabled", "ring_size", "bodies", "max_body_bytes", "archive_size", "otlp"]
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
        if let n = map["otlp"] { tracing.otlp = readOTLP(n, walker: &w) }
        return tracing
    }

    /// `tracing.otlp`: where and how finished traces are pushed to a collector.
    static func readOTLP(_ node: Node, walker w: inout YAMLWalker) -> OTLPExportConfig? {
        let path = "tracing.otlp"
        let fields = ["enabled", "endpoint", "protocol", "headers", "timeout", "service_name", "queue_size",
                      "batch_size", "schedule_delay", "retry"]
        guard let map = w.mapping(node, path, allowed: fields) else { return nil }
        var otlp = OTLPExportConfig()
        if let n = map["enabled"] { otlp.enabled = w.boolean(n, "\(path).enabled") }
        if let n = map["endpoint"], let url = w.string(n, "\(path).endpoint") {
            if OTLPExportConfig.isHTTPURL(url) {
                otlp.endpoint = url
            } else {
                w.error(n, "\(path).endpoint", "expected an http:// or https:// URL (the collector's …/v1/traces), got '\(url)'")
            }
        }
        if let n = map["protocol"], let value = w.oneOf(n, "\(path).protocol", OTLPExportConfig.WireProtocol.self) {
            otlp.wireProtocol = value
        }
        if let n = map["headers"] {
            otlp.headers = w.stringMap(n, "\(path).headers", example: "{ authorization: \"Bearer ${OTLP_TOKEN}\" }")
        }
        if let n = map["timeout"] { otlp.timeout = w.duration(n, "\(path).timeout") }
        if let n = map["service_name"] { otlp.serviceName = w.string(n, "\(path).service_name") }
        if let n = map["queue_size"] { otlp.queueSize = w.integer(n, "\(path).queue_size", minimum: 1, maximum: 10_000_000) }
        if let n = map["batch_size"] { otlp.batchSize = w.integer(n, "\(path).batch_size", minimum: 1, maximum: 100_000) }
        if let n = map["schedule_delay"] { otlp.scheduleDelay = w.duration(n, "\(path).schedule_delay") }
        if let n = map["retry"], let retry = w.mapping(n, "\(path).retry", allowed: ["initial_backoff", "max_backoff", "max_elapsed"]) {
            if let n = retry["initial_backoff"] { otlp.retryInitialBackoff = w.duration(n, "\(path).retry.initial_backoff") }
            if let n = retry["max_backoff"] { otlp.retryMaxBackoff = w.duration(n, "\(path).retry.max_backoff") }
            if let n = retry["max_elapsed"] { otlp.retryMaxElapsed = w.duration(n, "\(path).retry.max_elapsed") }
        }
        if let batch = otlp.batchSize, let queue = otlp.queueSize, batch > queue, let n = map["batch_size"] {
            w.error(n, "\(path).batch_size", "must be at most queue_size (\(queue)), got \(batch)")
        }
        return otlp
    }
}

import Foundation
import SwitchyardCore

/// Everything the OTLP exporter needs, resolved from the `tracing.otlp` section and the standard
/// `OTEL_EXPORTER_OTLP_*` environment variables: a field the file sets wins; one it leaves out comes from the
/// environment (the signal-specific `…_TRACES_…` variable before the general one), else from the defaults, which
/// are those of OpenTelemetry's batch span processor and OTLP exporter.
public struct OTLPExporterSettings: Sendable, Hashable {
    /// The traces URL requests are posted to.
    public var endpoint: String
    /// The encoding actually sent (gRPC is not spoken; it falls back to protobuf over HTTP with a warning).
    public var wireProtocol: OTLPExportConfig.WireProtocol
    /// Extra request headers, in a stable order.
    public var headers: [Header]
    /// Seconds one export request may take.
    public var timeout: Double
    /// The resource's `service.name`.
    public var serviceName: String
    /// Most spans waiting; past it, new traces are dropped.
    public var queueSize: Int
    /// Most spans per request.
    public var batchSize: Int
    /// Seconds between scheduled exports.
    public var scheduleDelay: Double
    /// How failed exports are retried.
    public var retry: OTLPRetryPolicy

    public static let defaultTimeout = 10.0
    public static let defaultQueueSize = 2_048
    public static let defaultBatchSize = 512
    public static let defaultScheduleDelay = 5.0

    public init(
        endpoint: String, wireProtocol: OTLPExportConfig.WireProtocol = .protobuf,
        headers: [Header] = [], timeout: Double = defaultTimeout,
        serviceName: String = "switchyard", queueSize: Int = defaultQueueSize, batchSize: Int = defaultBatchSize,
        scheduleDelay: Double = defaultScheduleDelay, retry: OTLPRetryPolicy = OTLPRetryPolicy()
    ) {
        self.endpoint = endpoint
        self.wireProtocol = wireProtocol
        self.headers = headers
        self.timeout = timeout
        self.serviceName = serviceName
        self.queueSize = queueSize
        self.batchSize = min(batchSize, queueSize)
        self.scheduleDelay = scheduleDelay
        self.retry = retry
    }

    /// One request header.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The exporter's settings, or nil when nothing asks for export (no endpoint in the file or the environment,
    /// `enabled: false`, `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`). `warn` hears every
    /// environment value that was ignored and why.
    public static func resolve(
        config: OTLPExportConfig?, environment: [String: String], warn: @escaping (String) -> Void = { _ in }
    ) -> OTLPExporterSettings? {
        let env = OTLPEnvironment(environment, warn: warn)
        if config?.enabled == false { return nil }
        if config?.enabled == nil {
            if env.flag("OTEL_SDK_DISABLED") == true { return nil }
            if let exporters = env.text("OTEL_TRACES_EXPORTER"),
               !exporters.split(separator: ",").contains(where: { String($0).trimmingCharacters(in: .whitespaces) == "otlp" }) {
                return nil
            }
        }
        guard let endpoint = config?.endpoint ?? env.tracesEndpoint() else { return nil }
        var settings = OTLPExporterSettings(endpoint: endpoint)
        let requested = config?.wireProtocol
            ?? env.wireProtocol("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ?? env.wireProtocol("OTEL_EXPORTER_OTLP_PROTOCOL")
        if requested == .grpc {
            warn("OTLP over gRPC is not supported; exporting traces as http/protobuf to \(endpoint) instead")
        }
        settings.wireProtocol = requested == OTLPExportConfig.WireProtocol.json ? .json : .protobuf
        var headers = env.headers("OTEL_EXPORTER_OTLP_HEADERS")
        for (name, value) in env.headers("OTEL_EXPORTER_OTLP_TRACES_HEADERS") { headers[name] = value }
        for (name, value) in config?.headers ?? [:] { headers[name.lowercased()] = value }
        settings.headers = headers.sorted { $0.key < $1.key }.map { Header(name: $0.key, value: $0.value) }
        settings.timeout = config?.timeout
            ?? env.milliseconds("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT") ?? env.milliseconds("OTEL_EXPORTER_OTLP_TIMEOUT")
            ?? defaultTimeout
        settings.serviceName = config?.serviceName ?? env.text("OTEL_SERVICE_NAME") ?? "switchyard"
        settings.queueSize = config?.queueSize ?? env.count("OTEL_BSP_MAX_QUEUE_SIZE") ?? defaultQueueSize
        settings.batchSize = min(
            settings.queueSize, config?.batchSize ?? env.count("OTEL_BSP_MAX_EXPORT_BATCH_SIZE") ?? defaultBatchSize)
        settings.scheduleDelay = config?.scheduleDelay ?? env.milliseconds("OTEL_BSP_SCHEDULE_DELAY") ?? defaultScheduleDelay
        if let initial = config?.retryInitialBackoff { settings.retry.initialBackoff = initial }
        if let maximum = config?.retryMaxBackoff { settings.retry.maxBackoff = maximum }
        if let elapsed = config?.retryMaxElapsed { settings.retry.maxElapsed = elapsed }
        settings.retry.maxBackoff = max(settings.retry.maxBackoff, settings.retry.initialBackoff)
        return settings
    }
}

/// The `tracing.otlp` section: pushing finished traces to an OpenTelemetry collector over OTLP/HTTP. Every field
/// is optional; one the file leaves out is taken from the standard `OTEL_EXPORTER_OTLP_*` environment variables,
/// else from the exporter's defaults.
public struct OTLPExportConfig: Sendable, Hashable {
    /// The wire encoding of the export request.
    public enum WireProtocol: String, Sendable, Hashable, CaseIterable {
        case protobuf = "http/protobuf"
        case json = "http/json"
        /// Not spoken by Switchyard; read so that it can be named in a warning.
        case grpc
    }

    /// Whether export is on (`enabled: false` turns off what the environment would turn on).
    public var enabled: Bool?
    /// The full traces URL (`…/v1/traces`), used as written.
    public var endpoint: String?
    public var wireProtocol: WireProtocol?
    /// Sent with every export (an API key for a hosted collector, say).
    public var headers: [String: String]?
    /// Seconds one export request may take.
    public var timeout: Double?
    /// The resource's `service.name`.
    public var serviceName: String?
    /// Most spans waiting for export; past it, new traces are dropped.
    public var queueSize: Int?
    /// Most spans in one export request.
    public var batchSize: Int?
    /// Seconds between scheduled exports.
    public var scheduleDelay: Double?
    /// Seconds before the first retry of a failed export; doubles per retry.
    public var retryInitialBackoff: Double?
    /// Longest wait between retries, in seconds.
    public var retryMaxBackoff: Double?
    /// Seconds a batch is retried for before it is dropped.
    public var retryMaxElapsed: Double?

    public init() {}
}

extension OTLPExportConfig {
    /// Whether `text` is an http:// or https:// URL with a host.
    public static func isHTTPURL(_ text: String) -> Bool {
        for scheme in ["http://", "https://"] where text.lowercased().hasPrefix(scheme) {
            let rest = text.dropFirst(scheme.count)
            let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !host.isEmpty && !host.contains(where: \.isWhitespace)
        }
        return false
    }
}

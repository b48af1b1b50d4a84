/// What the gateway keeps of each request's trace.
public struct TracingConfig: Sendable, Hashable {
    /// Whether traces are recorded at all.
    public var enabled: Bool = true
    /// Traces kept in memory (the newest; older ones remain in the archive).
    public var ringCapacity: Int = 10_000
    /// Whether request and response bodies are kept (off by default: prompts are often confidential).
    public var captureBodies: Bool = false
    /// Largest body kept per direction, in bytes; longer bodies are cut and marked truncated.
    public var maxBodyBytes: Int = 8_192
    /// Traces kept in the archive (oldest deleted first).
    public var archiveCapacity: Int = 100_000
    /// Pushing traces to an OpenTelemetry collector, as the file configures it (nil: the environment decides).
    public var otlp: OTLPExportConfig?

    /// Defaults: traces on, bodies off.
    public init() {}
}

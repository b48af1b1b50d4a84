/// What the ingress measured of a request before handing it to the engine: its steps (authentication, reading
/// and decoding the body) on the engine's clock, and the body as received when bodies are kept. The engine turns
/// the steps into the trace's first spans; the trace starts at `start`.
public struct IngressTiming: Sendable, Hashable {
    /// Engine-clock time (`GatewayEngine.now()`) the ingress took the request: the trace's start.
    public var start: Double
    /// The ingress's spans in the order they ran. Their `start` is an engine-clock time (not yet an offset) and
    /// their ids are assigned by the engine when it records the trace.
    public var steps: [TraceSpan]
    /// The client's body, capped and redacted (see `TraceBody`), when the configuration keeps bodies.
    public var requestBody: String?
    /// Whether `requestBody` was cut at the cap.
    public var bodyTruncated: Bool

    /// Timing that starts now-ish: `start` is the engine-clock time the ingress took the request.
    public init(start: Double, steps: [TraceSpan] = [], requestBody: String? = nil, bodyTruncated: Bool = false) {
        self.start = start
        self.steps = steps
        self.requestBody = requestBody
        self.bodyTruncated = bodyTruncated
    }

    /// Appends a finished step that ran from `start` to `end` (engine-clock times).
    public mutating func add(
        _ name: TraceSpan.Name, start: Double, end: Double, status: TraceSpan.Status = .ok, message: String? = nil,
        attributes: [TraceAttribute] = []
    ) {
        steps.append(TraceSpan(
            spanID: "", parentSpanID: nil, name: name, start: start, duration: max(0, end - start), status: status,
            message: message, attributes: attributes))
    }
}

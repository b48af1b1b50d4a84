/// Everything the gateway did for one request: its summary (the same record the requests pane lists), its W3C
/// trace identity, its spans, and, when the configuration opts in, its bodies (capped and redacted).
public struct RequestTrace: Sendable, Codable, Hashable, Identifiable {
    /// The request's summary: id, model, status, latency, tokens, cost, attempts.
    public var record: RequestRecord
    /// 32 hex digits: the client's trace, continued, or a new one.
    public var traceID: String
    /// The client's span that sent the request, when it sent a `traceparent`.
    public var parentSpanID: String?
    /// The client's `tracestate`, carried on to the exported spans.
    public var traceState: String?
    /// Spans in start order; the first is the root (`request`) span.
    public var spans: [TraceSpan]
    /// The client's request body, when bodies are kept: at most the configured cap, secrets redacted.
    public var requestBody: String?
    /// The answer's body (or the stream's frames), under the same rules.
    public var responseBody: String?
    /// Whether a kept body was cut at the cap.
    public var bodyTruncated: Bool

    public init(
        record: RequestRecord, traceID: String, parentSpanID: String?, spans: [TraceSpan],
        requestBody: String? = nil, responseBody: String? = nil, bodyTruncated: Bool = false,
        traceState: String? = nil
    ) {
        self.traceState = traceState
        self.record = record
        self.traceID = traceID
        self.parentSpanID = parentSpanID
        self.spans = spans
        self.requestBody = requestBody
        self.responseBody = responseBody
        self.bodyTruncated = bodyTruncated
    }

    /// The request id.
    public var id: String { record.id }

    /// The root span's id.
    public var rootSpanID: String? { spans.first?.spanID }
}

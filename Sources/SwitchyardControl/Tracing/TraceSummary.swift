import SwitchyardCore

/// One line of `GET /v1/traces`: what a trace list shows of a request, without its spans.
public struct TraceSummary: Sendable, Codable, Hashable {
    /// Input and output tokens.
    public struct Tokens: Sendable, Codable, Hashable {
        /// Tokens sent to the model.
        public var input: Int
        /// Tokens it generated.
        public var output: Int
    }

    /// The request id.
    public var id: String
    /// The W3C trace id (32 hex digits).
    public var traceID: String
    /// Epoch seconds the request started.
    public var time: Double
    /// The model group the client asked for.
    public var model: String
    /// The deployment that answered, if one did.
    public var servedBy: String?
    /// HTTP status returned to the client.
    public var status: Int
    /// Seconds, first byte in to last byte out.
    public var latency: Double
    /// Seconds to the first token.
    public var ttft: Double?
    /// Dollars.
    public var cost: Double
    /// Tokens in and out.
    public var tokens: Tokens
    /// Attempts made.
    public var attempts: Int
    /// Whether it was answered after falling back.
    public var fellBack: Bool
    /// The virtual key's name.
    public var key: String?
    /// The key's team.
    public var team: String?
    /// Why it failed, when it did.
    public var error: String?

    /// The summary of `trace`.
    public init(_ trace: RequestTrace) {
        let r = trace.record
        id = r.id
        traceID = trace.traceID
        time = r.time
        model = r.model
        servedBy = r.servedBy
        status = r.status
        latency = r.latency
        ttft = r.timeToFirstToken
        cost = r.cost
        tokens = Tokens(input: r.inputTokens, output: r.outputTokens)
        attempts = r.attempts.count
        fellBack = r.fellBack
        key = r.key
        team = r.team
        error = r.errorMessage
    }
}

/// The body of `GET /v1/traces`.
public struct TraceList: Sendable, Codable, Hashable {
    /// Newest first.
    public var traces: [TraceSummary]

    /// A list of `traces`.
    public init(traces: [TraceSummary]) {
        self.traces = traces
    }
}

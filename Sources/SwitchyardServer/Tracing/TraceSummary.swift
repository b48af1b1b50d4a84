import SwitchyardCore

/// One line of `GET /v1/traces`: what a trace list shows of a request, without its spans.
public struct TraceSummary: Sendable, Codable, Hashable {
    /// Input and output tokens.
    public struct Tokens: Sendable, Codable, Hashable {
        public var input: Int
        public var output: Int
    }

    public var id: String
    public var traceID: String
    /// Epoch seconds the request started.
    public var time: Double
    public var model: String
    public var servedBy: String?
    public var status: Int
    /// Seconds, first byte in to last byte out.
    public var latency: Double
    /// Seconds to the first token.
    public var ttft: Double?
    /// Dollars.
    public var cost: Double
    public var tokens: Tokens
    /// Attempts made.
    public var attempts: Int
    public var fellBack: Bool
    public var key: String?
    public var team: String?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, traceID = "trace_id", time, model, servedBy = "served_by", status, latency, ttft, cost, tokens
        case attempts, fellBack = "fell_back", key, team, error
    }

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

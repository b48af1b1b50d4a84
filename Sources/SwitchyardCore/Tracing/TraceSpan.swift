/// One timed step of a request inside the gateway: parsing, authentication, admission, a routing decision, an
/// upstream attempt, a backoff, the response write. Times are seconds from the trace's start.
public struct TraceSpan: Sendable, Codable, Hashable {
    /// What kind of step a span is. The raw value is the span's name in exports.
    public enum Name: String, Sendable, Codable, Hashable, CaseIterable {
        /// The whole request, first byte in to last byte out (the root span).
        case request
        /// Reading and decoding the client's body.
        case parse = "ingress.parse"
        /// Checking the virtual key.
        case auth
        /// A task-routed model's decision: the request's features, the rules that matched, its task and the group
        /// that serves it.
        case task = "route.task"
        /// Permissions, rate limits and budgets.
        case admission
        /// Choosing a deployment: the candidates, their state and score, and the pick.
        case route
        /// One call to one deployment.
        case attempt
        /// Waiting before retrying the same deployment.
        case backoff
        /// Writing the answer (or relaying the stream) to the client.
        case write = "response.write"
    }

    /// How the span ended.
    public enum Status: String, Sendable, Codable, Hashable {
        case ok, error
    }

    /// 16 lower-case hex digits; an attempt's id is the one sent upstream in `traceparent`.
    public var spanID: String
    /// The enclosing span (the root span for every other span); nil for the root.
    public var parentSpanID: String?
    public var name: Name
    /// Seconds after the trace's start.
    public var start: Double
    /// Seconds.
    public var duration: Double
    public var status: Status
    /// Why the span failed, or a short note ("retry after 503", "fallback to gpt-4o-mini: 429").
    public var message: String?
    /// Details in display order (deployment, status, tokens, cost, reason …). Never secrets.
    public var attributes: [TraceAttribute]
    /// For `route` spans: every deployment of the group considered, with its state and score.
    public var candidates: [RouteCandidateTrace]?

    public init(
        spanID: String, parentSpanID: String?, name: Name, start: Double, duration: Double, status: Status = .ok,
        message: String? = nil, attributes: [TraceAttribute] = [], candidates: [RouteCandidateTrace]? = nil
    ) {
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.name = name
        self.start = start
        self.duration = duration
        self.status = status
        self.message = message
        self.attributes = attributes
        self.candidates = candidates
    }

    /// Seconds after the trace's start at which the span ended.
    public var end: Double { start + duration }

    /// The value of the first attribute named `key`.
    public subscript(attribute key: String) -> String? {
        attributes.first { $0.key == key }?.value
    }
}

/// A key and its value on a span. Values are text; numbers are written in plain decimal.
public struct TraceAttribute: Sendable, Codable, Hashable {
    /// Dotted lower-case name, OpenTelemetry style: `deployment`, `http.status`, `error.class`, `tokens.output`.
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// One deployment as a routing decision saw it.
public struct RouteCandidateTrace: Sendable, Codable, Hashable {
    /// Deployment id.
    public var deployment: String
    /// "available", "tried", "cooling", "open", "half-open", "ejected", "disabled", "saturated".
    public var state: String
    /// The weight the strategy saw (after operator overrides).
    public var weight: Double
    /// The strategy's expected share 0…1 of traffic for this candidate; nil when it was not a candidate.
    public var share: Double?
    /// Latency moving average in seconds, when measured.
    public var latency: Double?
    public var priority: Int
    /// Whether this candidate was picked.
    public var picked: Bool

    public init(
        deployment: String, state: String, weight: Double, share: Double?, latency: Double?, priority: Int,
        picked: Bool
    ) {
        self.deployment = deployment
        self.state = state
        self.weight = weight
        self.share = share
        self.latency = latency
        self.priority = priority
        self.picked = picked
    }
}

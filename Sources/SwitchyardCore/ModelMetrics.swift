/// Cumulative request counters of one requested model group.
public struct ModelMetrics: Sendable, Hashable {
    /// The model name clients sent.
    public var name: String
    /// Requests by status code, ascending, non-zero only.
    public var requests: [StatusCount]
    /// End-to-end request latency (streams: until the stream ended).
    public var duration: HistogramSnapshot
    /// Time from request start to the first token, when known.
    public var timeToFirstToken: HistogramSnapshot
    /// Moves to another deployment or model group, every scope present.
    public var fallbacks: [FallbackScope: UInt64]
    /// Seconds per output token after the first, for streams.
    public var timePerOutputToken: HistogramSnapshot?
    /// Requests by the model group that answered them (itself, a fallback group or a budget's downgrade);
    /// groups that answered none are absent.
    public var servedBy: [String: UInt64]

    /// Creates model metrics.
    public init(
        name: String, requests: [StatusCount], duration: HistogramSnapshot, timeToFirstToken: HistogramSnapshot,
        fallbacks: [FallbackScope: UInt64], timePerOutputToken: HistogramSnapshot? = nil,
        servedBy: [String: UInt64] = [:]
    ) {
        self.timePerOutputToken = timePerOutputToken
        self.servedBy = servedBy
        self.name = name
        self.requests = requests
        self.duration = duration
        self.timeToFirstToken = timeToFirstToken
        self.fallbacks = fallbacks
    }

    /// Requests answered with `code`.
    public func requests(code: Int) -> UInt64 { requests.first { $0.code == code }?.count ?? 0 }

    /// All requests counted.
    public var totalRequests: UInt64 { requests.reduce(0) { $0 &+ $1.count } }
}

/// The counters as `GET /_sim/stats` returns them.
public struct SimulatorStatsSnapshot: Sendable, Hashable, Codable {
    /// API requests received (admin endpoints not included).
    public var requests = 0
    /// Responses by HTTP status, keyed by the status as text (JSON object keys are strings).
    public var byStatus: [String: Int] = [:]
    /// Responses sent as event streams.
    public var streams = 0
    /// Responses the client abandoned before they were complete.
    public var cancelled = 0
    /// Distinct client connections API requests arrived on (fewer than `requests` when connections are reused).
    public var connections = 0
    /// Requests being answered right now.
    public var inFlight = 0
    /// Connections dropped without a response (connection-refused faults).
    public var refused = 0
    /// Requests held without an answer (hang faults).
    public var hung = 0
    /// Responses cut off part-way (stream-cut faults).
    public var cut = 0
    /// 200 responses with an unparseable body (malformed faults).
    public var malformed = 0

    /// Faults that leave the client without a usable answer.
    public enum DroppedKind: Sendable {
        /// The connection was closed before any response.
        case refused
        /// The request was held unanswered, then dropped.
        case hung
        /// The response stopped part-way.
        case cut
        /// The response body does not parse.
        case malformed
    }

    /// Creates empty counters.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case requests, streams, cancelled, refused, hung, cut, malformed, connections
        case byStatus = "by_status"
        case inFlight = "in_flight"
    }
}

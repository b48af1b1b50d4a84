import Synchronization

/// Counters of what the simulator has answered, for `GET /_sim/stats` and tests.
final class SimulatorStats: Sendable {
    private let counters = Mutex(SimulatorStatsSnapshot())

    /// Starts counting one API request; the ticket ends it.
    func begin(streaming: Bool = false) -> SimulatorTicket {
        counters.withLock {
            $0.requests += 1
            $0.inFlight += 1
        }
        return SimulatorTicket(stats: self)
    }

    /// Current counters.
    func snapshot() -> SimulatorStatsSnapshot {
        counters.withLock { $0 }
    }

    func update(_ body: (inout SimulatorStatsSnapshot) -> Void) {
        counters.withLock { body(&$0) }
    }
}

/// One request's place in the counters. Releasing it ends the request, however its response went.
final class SimulatorTicket: Sendable {
    private let stats: SimulatorStats
    private let answered = Mutex(false)

    init(stats: SimulatorStats) {
        self.stats = stats
    }

    deinit {
        stats.update { $0.inFlight -= 1 }
    }

    /// Records the status the response carries; only the first call counts.
    func answered(_ status: Int, streaming: Bool = false) {
        let first = answered.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        stats.update {
            $0.byStatus[String(status), default: 0] += 1
            if streaming { $0.streams += 1 }
        }
    }

    /// Records a fault that left the client without a complete answer.
    func fault(_ kind: SimulatorStatsSnapshot.DroppedKind) {
        stats.update {
            switch kind {
            case .refused: $0.refused += 1
            case .hung: $0.hung += 1
            case .cut: $0.cut += 1
            case .malformed: $0.malformed += 1
            }
        }
    }

    /// Records that the client went away before the response was complete.
    func cancelled() {
        stats.update { $0.cancelled += 1 }
    }
}

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
        case refused, hung, cut, malformed
    }

    /// Creates empty counters.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case requests, streams, cancelled, refused, hung, cut, malformed
        case byStatus = "by_status"
        case inFlight = "in_flight"
    }
}

import Synchronization

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

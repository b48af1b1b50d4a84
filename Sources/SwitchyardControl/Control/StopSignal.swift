import Synchronization

/// Set once when the control server stops, so long-lived feeds end instead of holding shutdown up.
final class StopSignal: Sendable {
    private let flag = Mutex(false)

    var isSet: Bool { flag.withLock { $0 } }

    func set() { flag.withLock { $0 = true } }

    /// Sleeps up to `milliseconds`, waking early (within 50 ms) once the signal is set.
    func sleep(milliseconds: Int) async throws {
        var left = milliseconds
        while left > 0, !isSet {
            let step = min(left, 50)
            try await Task.sleep(for: .milliseconds(step))
            left -= step
        }
    }
}

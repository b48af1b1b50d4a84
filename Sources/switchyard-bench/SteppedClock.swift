import Synchronization
import SwitchyardCore

/// Simulated time for filling metric windows quickly: the bench sets the current second, and each reading
/// inside it moves a little later, so latencies are non-zero and time never runs backwards.
final class SteppedClock: EngineClock {
    private let state: Mutex<(base: Double, readings: Int)>

    /// A clock at `start` epoch seconds.
    init(start: Double) { state = Mutex((start, 0)) }

    /// Moves to `seconds` after the start second.
    func set(_ epoch: Double) { state.withLock { $0 = (epoch, 0) } }

    func now() -> Double {
        state.withLock { s in
            s.readings += 1
            return s.base + min(0.999, Double(s.readings) * 0.0001)
        }
    }

    func sleep(seconds: Double) async throws { try Task.checkCancellation() }
}

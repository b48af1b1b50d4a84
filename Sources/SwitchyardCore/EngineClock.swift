import Foundation
import Synchronization

/// Time as the engine sees it: injected so tests and the simulator control it.
public protocol EngineClock: Sendable {
    /// Seconds since the Unix epoch.
    func now() -> Double
    /// Suspends for `seconds` (backoff, simulated latency). Throws on cancellation.
    func sleep(seconds: Double) async throws
}

/// Wall-clock time.
public struct SystemClock: EngineClock {
    public init() {}

    public func now() -> Double { Date().timeIntervalSince1970 }

    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}

/// A clock that only moves when told to; `sleep` advances it at once. For deterministic tests.
public final class ManualClock: EngineClock {
    private let current: Mutex<Double>

    public init(start: Double = 1_767_225_600) { // 2026-01-01T00:00:00Z
        current = Mutex(start)
    }

    public func now() -> Double { current.withLock { $0 } }

    /// Moves time forward by `seconds`.
    public func advance(by seconds: Double) { current.withLock { $0 += seconds } }

    public func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        advance(by: max(0, seconds))
    }
}

/// A small, fast, seedable generator (SplitMix64) so routing decisions replay exactly in tests.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

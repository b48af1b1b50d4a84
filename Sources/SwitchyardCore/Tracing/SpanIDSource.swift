import Synchronization

/// Span ids for traces: from one process-wide generator seeded once from the system's, because a system random
/// number per span (a system call each) cost more than the rest of a trace.
public enum SpanIDSource {
    private static let generator: Mutex<SeededGenerator> = {
        var system = SystemRandomNumberGenerator()
        return Mutex(SeededGenerator(seed: system.next()))
    }()

    /// A new span id: 16 lower-case hex digits, never all zero.
    public static func next() -> String {
        hex(nonZero())
    }

    /// A random seed for a per-trace generator.
    static func seed() -> UInt64 {
        generator.withLock { $0.next() }
    }

    /// A random non-zero value.
    static func nonZero() -> UInt64 {
        generator.withLock { g in
            var value: UInt64 = 0
            while value == 0 { value = g.next() }
            return value
        }
    }

    /// `value` as 16 lower-case hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return digits.count == 16 ? digits : String(repeating: "0", count: 16 - digits.count) + digits
    }
}

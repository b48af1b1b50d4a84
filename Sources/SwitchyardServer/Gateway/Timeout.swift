/// Thrown by `withTimeout` when the operation took longer than allowed.
struct TimeoutError: Error, Sendable {
    let seconds: Double
}

/// Runs `operation`, cancelling it and throwing `TimeoutError` if it outlasts `seconds` (nil: no limit).
func withTimeout<T: Sendable>(
    _ seconds: Double?, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    guard let seconds, seconds.isFinite else { return try await operation() }
    return try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
            throw TimeoutError(seconds: seconds)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}

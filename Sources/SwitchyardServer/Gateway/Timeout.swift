/// Thrown by `withTimeout` when the operation took longer than allowed.
struct TimeoutError: Error, Sendable {
    /// Which limit ran out.
    enum Limit: Sendable {
        case firstToken, response, total
    }

    let seconds: Double
    var limit: Limit = .firstToken
}

/// Runs `operation`, cancelling it and throwing `TimeoutError` if it outlasts `seconds` (nil: no limit).
func withTimeout<T: Sendable>(
    _ seconds: Double?, limit: TimeoutError.Limit = .firstToken, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    guard let seconds, seconds.isFinite else { return try await operation() }
    return try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await EventLoopSleep.sleep(seconds: seconds)
            throw TimeoutError(seconds: seconds, limit: limit)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}

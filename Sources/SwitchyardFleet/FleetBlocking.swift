import Dispatch

/// Runs blocking database work on `queue`, off the cooperative pool: `FleetConnection` calls wait for their
/// answer on the calling thread.
func fleetBlocking<T: Sendable>(on queue: DispatchQueue, _ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        queue.async { continuation.resume(with: Result { try work() }) }
    }
}

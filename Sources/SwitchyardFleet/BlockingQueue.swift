import Dispatch

/// A dispatch queue for blocking database calls (`FleetConnection` waits for its answers), so they never hold a
/// thread of Swift's cooperative pool; one queue per user keeps their calls in order.
struct BlockingQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `work` on the queue and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}

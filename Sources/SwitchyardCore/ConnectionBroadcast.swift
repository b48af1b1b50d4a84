import Synchronization

/// The latest `FeedConnection`, fanned out to every subscriber; only changes are sent.
public final class ConnectionBroadcast: Sendable {
    private struct State {
        var current: FeedConnection
        var subscribers: [Int: AsyncStream<FeedConnection>.Continuation] = [:]
        var nextID = 0
    }

    private let state: Mutex<State>

    public init(_ initial: FeedConnection) {
        state = Mutex(State(current: initial))
    }

    public var current: FeedConnection { state.withLock { $0.current } }

    public func set(_ connection: FeedConnection) {
        state.withLock { s in
            guard s.current != connection else { return }
            s.current = connection
            // Under the lock, so concurrent changes reach every subscriber in the same order.
            for subscriber in s.subscribers.values { subscriber.yield(connection) }
        }
    }

    /// The current state at once, then every change.
    public func stream() -> AsyncStream<FeedConnection> {
        let (stream, continuation) = AsyncStream<FeedConnection>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = state.withLock { s in
            let id = s.nextID
            s.nextID += 1
            s.subscribers[id] = continuation
            continuation.yield(s.current)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every subscriber's stream.
    public func finish() {
        let subscribers = state.withLock { s in
            defer { s.subscribers = [:] }
            return Array(s.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }
}

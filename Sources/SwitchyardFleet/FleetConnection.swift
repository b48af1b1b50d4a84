import Dispatch
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// One connection to the shared database, opened on first use and again after it drops. Calls block the calling
/// thread until PostgreSQL answers or `timeout` passes: management changes and override writes are rare and must
/// be durable before they are acknowledged, and the request path never comes here (keys are cached in memory).
/// The connection runs on its own event loop, so a blocked caller never holds up the answer it waits for.
public final class FleetConnection: Sendable {
    public let url: FleetDatabaseURL
    /// How long connecting, and then each query, may take.
    public let timeout: Duration
    let logger: Logger
    private let eventLoop: any EventLoop
    /// The open connection; held while a call uses it, so calls run one at a time and in order.
    private let current = Mutex<PostgresConnection?>(nil)
    private static let ids = Atomic<Int>(0)

    public init(url: FleetDatabaseURL, timeout: Duration = .seconds(5), logger: Logger) {
        self.url = url
        self.timeout = timeout
        self.logger = logger
        eventLoop = MultiThreadedEventLoopGroup.singleton.next()
    }

    /// Runs `body` on the connection (opening it first when needed) and waits for its answer. A connection that
    /// failed or timed out is dropped; when it turns out to have been closed under the call (the server restarted
    /// since the last one), the call is tried once more on a fresh connection.
    public func run<T: Sendable>(_ body: (PostgresConnection) -> EventLoopFuture<T>) throws(FleetError) -> T {
        try current.withLock { (connection: inout PostgresConnection?) throws(FleetError) -> T in
            var attempt = 0
            while true {
                attempt += 1
                if let open = connection, open.isClosed { connection = nil }
                let live: PostgresConnection
                if let open = connection {
                    live = open
                } else {
                    live = try open()
                    connection = live
                }
                do throws(FleetError) {
                    return try Self.wait(body(live), timeout: timeout, what: "an answer from \(url)")
                } catch {
                    let wasStale = live.isClosed
                    live.closeQuietly()
                    connection = nil
                    guard wasStale, attempt == 1 else { throw error }
                    logger.notice("fleet: the connection to \(url) had closed; reconnecting")
                }
            }
        }
    }

    /// A query's rows.
    public func query(_ query: PostgresQuery) throws(FleetError) -> [PostgresRow] {
        let logger = self.logger
        return try run { $0.query(query, logger: logger).map { Array($0.rows) } }
    }

    /// A new connection of its own (the listener's), opened within `timeout`.
    public func open() throws(FleetError) -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try url.configuration(connectTimeout: .seconds(max(1, timeout.components.seconds)))
        } catch {
            throw FleetError("cannot set up TLS for \(url): \(error)")
        }
        let id = Self.ids.add(1, ordering: .relaxed).newValue
        let future = PostgresConnection.connect(on: eventLoop, configuration: configuration, id: id, logger: logger)
        do {
            return try Self.wait(future, timeout: timeout + .seconds(1), what: "a connection to \(url)")
        } catch {
            throw FleetError("cannot connect to \(url): \(error.description)")
        }
    }

    /// Closes the connection, if open.
    public func close() {
        current.withLock { connection in
            connection?.closeQuietly()
            connection = nil
        }
    }

    /// Blocks until `future` completes or `timeout` passes.
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>, timeout: Duration, what: String) throws(FleetError) -> T {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<T, any Error>?>(nil)
        future.whenComplete { result in
            outcome.withLock { $0 = result }
            done.signal()
        }
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        guard done.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success else {
            throw FleetError("no \(what) within \(seconds) s")
        }
        switch outcome.withLock({ $0 }) {
        case .success(let value)?: return value
        case .failure(let error)?: throw FleetError(FleetError.reason(error))
        case nil: throw FleetError("no \(what)")
        }
    }
}

extension PostgresConnection {
    /// Closes the connection and waits (briefly) until it is: one let go of while still open is a leak, and an
    /// error to PostgresNIO. A connection that is already gone has nothing more to say.
    func closeQuietly() {
        let closing: EventLoopFuture<Void> = close()
        _ = try? FleetConnection.wait(closing, timeout: .seconds(2), what: "the connection to close")
    }
}

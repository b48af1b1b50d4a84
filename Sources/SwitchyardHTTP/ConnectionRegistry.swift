import NIOCore
import Synchronization

/// The server's open client connections: counted against the cap, told when the server drains, and closed
/// together when it stops.
final class ConnectionRegistry: Sendable {
    private let open = Mutex<[ObjectIdentifier: any Channel]>([:])
    private let drainingFlag = Mutex(false)
    /// Connections refused at the cap since the last warning, and when that was.
    private let refusals = Mutex<(count: Int, lastWarning: ContinuousClock.Instant?)>((0, nil))
    let capacity: Int

    /// The server is draining: every answer closes its connection, idle connections are closed.
    var draining: Bool { drainingFlag.withLock { $0 } }

    /// Starts draining: each open connection closes once idle (see `HTTPConnectionHandler.drain`).
    func drain() {
        drainingFlag.withLock { $0 = true }
        let channels = open.withLock { Array($0.values) }
        for channel in channels {
            channel.eventLoop.execute {
                (try? channel.pipeline.syncOperations.handler(type: HTTPConnectionHandler.self))?.drain()
            }
        }
    }

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Takes `channel` in if there is room; it leaves by itself when it closes.
    func admit(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        let admitted = open.withLock { open in
            guard open.count < capacity else { return false }
            open[id] = channel
            return true
        }
        if admitted {
            channel.closeFuture.whenComplete { _ in _ = self.open.withLock { $0.removeValue(forKey: id) } }
        }
        return admitted
    }

    var count: Int { open.withLock { $0.count } }

    /// Counts a refused connection; returns how many to report when a warning is due (at most one every 10 s,
    /// so a flood does not flood the log too).
    func refused() -> Int? {
        refusals.withLock { r in
            r.count += 1
            let now = ContinuousClock.now
            if let last = r.lastWarning, now - last < .seconds(10) { return nil }
            defer { r = (0, now) }
            return r.count
        }
    }

    /// Closes every open connection.
    func closeAll() {
        let channels = open.withLock { Array($0.values) }
        for channel in channels { channel.close(promise: nil) }
    }
}

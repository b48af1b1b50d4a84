import Synchronization
import SwitchyardCore

/// Whether the gateway is draining, and the streams still being written: what a drain needs to know, and what it
/// ends when its time is up.
public final class DrainState: Sendable {
    private struct State {
        var draining = false
        var next = 0
        var streams: [Int: @Sendable (UpstreamFailure) -> Void] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// New model requests are refused (503) and `/ready` says so.
    public var isDraining: Bool { state.withLock { $0.draining } }

    public func startDraining() {
        state.withLock { $0.draining = true }
    }

    /// Streams being written now.
    public var openStreams: Int { state.withLock { $0.streams.count } }

    /// Registers a stream being written; `abort` ends it with a failure. Returns the token for `close`.
    func open(_ abort: @escaping @Sendable (UpstreamFailure) -> Void) -> Int {
        state.withLock { s in
            s.next += 1
            s.streams[s.next] = abort
            return s.next
        }
    }

    func close(_ token: Int) {
        _ = state.withLock { $0.streams.removeValue(forKey: token) }
    }

    /// Ends every open stream with `failure`: each gets the error event of its wire format, and its ledger row says
    /// so. Returns how many there were.
    @discardableResult
    public func endOpenStreams(_ failure: UpstreamFailure) -> Int {
        let aborts = state.withLock { Array($0.streams.values) }
        for abort in aborts { abort(failure) }
        return aborts.count
    }
}

import Foundation
import Synchronization

/// The latest snapshot as an encoded NDJSON line, shared by every attached feed: encoding a full snapshot is
/// the feed's main cost, so dashboards attached at the same rate share one encoding per interval instead of
/// paying for one each. Any operator change drops the cached line, so every feed shows it on its next tick.
final class SnapshotLineCache: Sendable {
    private let latest = Mutex<(at: ContinuousClock.Instant, line: Data)?>(nil)

    /// The cached line if it is younger than `maxAge`, else a fresh one from `make`.
    func line(maxAge: Duration, _ make: () throws -> Data) rethrows -> Data {
        let now = ContinuousClock.now
        if let cached = latest.withLock({ $0 }), now - cached.at < maxAge { return cached.line }
        let line = try make()
        latest.withLock { $0 = (now, line) }
        return line
    }

    /// Forgets the cached line (the state changed).
    func invalidate() { latest.withLock { $0 = nil } }
}

import Synchronization

/// Finished traces waiting for the OTLP exporter: bounded in spans, so a collector that is down or slow costs the
/// gateway a fixed amount of memory and never a request's time. The recorder offers every trace it keeps; when the
/// queue is full the offered trace is dropped (the newest, as OpenTelemetry's batch span processor does) and its
/// spans counted. The exporter takes batches from the front.
public final class TraceExportQueue: Sendable {
    /// Most spans waiting at once.
    public let capacity: Int
    private let state: Mutex<State>

    struct State {
        var traces: [RequestTrace] = []
        var head = 0
        var spans = 0
        var counts = TraceExportCounts()
    }

    /// A queue holding at most `capacity` spans.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        state = Mutex(State())
    }

    /// Queues `trace`, or drops it when its spans do not fit. Returns whether it was queued.
    @discardableResult
    public func offer(_ trace: RequestTrace) -> Bool {
        let size = max(1, trace.spans.count)
        return state.withLock { s in
            guard s.spans + size <= capacity else {
                s.counts.dropped += UInt64(size)
                return false
            }
            s.traces.append(trace)
            s.spans += size
            return true
        }
    }

    /// Removes and returns the oldest traces, up to `maxSpans` spans (at least one trace when any waits).
    public func take(maxSpans: Int) -> [RequestTrace] {
        state.withLock { s in
            var taken: [RequestTrace] = []
            var spans = 0
            while s.head < s.traces.count {
                let size = max(1, s.traces[s.head].spans.count)
                if !taken.isEmpty, spans + size > maxSpans { break }
                taken.append(s.traces[s.head])
                spans += size
                s.head += 1
            }
            s.spans -= spans
            // Compact once the taken front outgrows what waits, so taking stays linear in what is taken.
            if s.head == s.traces.count {
                s.traces.removeAll(keepingCapacity: true)
                s.head = 0
            } else if s.head > 64, s.head * 2 > s.traces.count {
                s.traces.removeFirst(s.head)
                s.head = 0
            }
            return taken
        }
    }

    /// Counts `spans` as delivered to the collector.
    public func exported(spans: Int) {
        state.withLock { $0.counts.exported += UInt64(max(0, spans)) }
    }

    /// Counts `spans` as given up on (refused by the collector, or retried until the retry budget ran out).
    public func dropped(spans: Int) {
        state.withLock { $0.counts.dropped += UInt64(max(0, spans)) }
    }

    /// Spans waiting now.
    public var queuedSpans: Int { state.withLock { $0.spans } }

    /// Delivered and dropped spans since start, and what waits now.
    public var counts: TraceExportCounts {
        state.withLock { s in
            var counts = s.counts
            counts.queued = UInt64(s.spans)
            return counts
        }
    }
}

/// The OTLP exporter's tallies, for `/metrics`.
public struct TraceExportCounts: Sendable, Hashable {
    /// Spans the collector accepted.
    public var exported: UInt64 = 0
    /// Spans shed: the queue was full, the collector refused them, or retries ran out.
    public var dropped: UInt64 = 0
    /// Spans waiting now.
    public var queued: UInt64 = 0

    public init(exported: UInt64 = 0, dropped: UInt64 = 0, queued: UInt64 = 0) {
        self.exported = exported
        self.dropped = dropped
        self.queued = queued
    }
}

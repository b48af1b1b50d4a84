import Synchronization

/// Where finished traces go: the newest in a bounded in-memory ring for the dashboard and the control API, and
/// every one (in batches, by `flush`) to the archive when there is one, and every one to the OTLP exporter's
/// queue when traces are pushed to a collector.
///
/// A trace is recorded once, finished: by the ingress after its response write for requests it served, by the
/// engine for the rest (see `GatewayEngine.file`). Nothing amends it afterwards, so `flush` can archive at once.
public final class TraceRecorder: Sendable {
    /// What is kept and how much.
    public let config: TracingConfig
    /// Durable storage, when the gateway has a state directory.
    public let archive: (any TraceArchive)?
    /// Where finished traces wait for the OTLP exporter, when they are pushed to a collector.
    public let exportQueue: TraceExportQueue?
    private let state: Mutex<TraceRing>

    /// A recorder keeping `config.ringCapacity` traces in memory, archiving to `archive` and handing every trace
    /// to `exportQueue`.
    public init(
        config: TracingConfig = TracingConfig(), archive: (any TraceArchive)? = nil,
        exportQueue: TraceExportQueue? = nil
    ) {
        self.config = config
        self.archive = archive
        self.exportQueue = exportQueue
        state = Mutex(TraceRing(capacity: config.ringCapacity, archiving: archive != nil))
    }

    /// Keeps a finished trace.
    public func record(_ trace: RequestTrace) {
        state.withLock { $0.insert(trace) }
        // A lock and an append (the spans are shared, not copied); a full queue drops, it never waits.
        exportQueue?.offer(trace)
    }

    /// The trace of request `id`: from memory, else from the archive.
    public func trace(id: String) async throws -> RequestTrace? {
        if let trace = state.withLock({ $0.trace(id: id) }) { return trace }
        return try await archive?.trace(id: id)
    }

    /// Traces matching `query`, newest first: from memory, topped up from the archive when memory has fewer than
    /// the limit.
    public func traces(matching query: TraceQuery) async throws -> [RequestTrace] {
        let recent = state.withLock { $0.traces(matching: query) }
        guard recent.count < query.limit, let archive else { return recent }
        var seen = Set(recent.map(\.id))
        var merged = recent
        for trace in try await archive.traces(matching: query) where !seen.contains(trace.id) {
            seen.insert(trace.id)
            merged.append(trace)
        }
        merged.sort { $0.record.time > $1.record.time }
        return Array(merged.prefix(query.limit))
    }

    /// Traces in memory now.
    public var count: Int { state.withLock { $0.count } }

    /// Traces waiting for the archive now.
    public var pendingCount: Int { state.withLock { $0.pendingCount } }

    /// Traces dropped unarchived since start because the archive fell too far behind (it kept failing).
    public var droppedCount: Int { state.withLock { $0.dropped } }

    /// Archives every trace waiting. Returns how many were written. On failure the batch is kept for the next
    /// flush.
    @discardableResult
    public func flush() async throws -> Int {
        guard let archive else { return 0 }
        let batch = state.withLock { $0.takePending() }
        guard !batch.isEmpty else { return 0 }
        do {
            try await archive.store(batch)
        } catch {
            state.withLock { $0.putBack(batch) }
            throw error
        }
        return batch.count
    }
}

/// The ring behind `TraceRecorder`: slots reused oldest first, an index from request id to slot, and the traces
/// not yet archived.
struct TraceRing {
    private var slots: [RequestTrace] = []
    private var next = 0
    private var slotByID: [String: Int] = [:]
    private let capacity: Int
    private let archiving: Bool
    /// Traces waiting for the archive, oldest first.
    private var pending = PendingTraces()
    /// Most traces waiting for the archive: while it keeps failing, the oldest go first (memory stays bounded).
    let pendingLimit: Int
    private(set) var dropped = 0

    init(capacity: Int, archiving: Bool) {
        self.capacity = max(1, capacity)
        self.archiving = archiving
        pendingLimit = max(1_000, 2 * self.capacity)
    }

    var count: Int { slots.count }

    var pendingCount: Int { pending.count }

    mutating func insert(_ trace: RequestTrace) {
        if slots.count < capacity {
            slotByID[trace.id] = slots.count
            slots.append(trace)
        } else {
            let old = slots[next].id
            if slotByID[old] == next { slotByID[old] = nil }
            slots[next] = trace
            slotByID[trace.id] = next
            next = (next + 1) % capacity
        }
        if archiving {
            if pending.count >= pendingLimit {
                // Drop a tenth at once, so the array is compacted rarely.
                dropped += pending.removeOldest(max(1, pendingLimit / 10)).count
            }
            pending.append(trace)
        }
    }

    func trace(id: String) -> RequestTrace? {
        if let slot = slotByID[id], slots[slot].id == id { return slots[slot] }
        // Evicted from the ring but not archived yet: still only here.
        return pending.trace(id: id)
    }

    /// Newest first.
    func traces(matching query: TraceQuery) -> [RequestTrace] {
        var found: [RequestTrace] = []
        guard !slots.isEmpty, query.limit > 0 else { return found }
        // Walk from the newest slot backwards.
        var slot = (slots.count < capacity ? slots.count : next) - 1
        for _ in 0..<slots.count {
            if slot < 0 { slot = slots.count - 1 }
            if query.matches(slots[slot]) {
                found.append(slots[slot])
                if found.count == query.limit { break }
            }
            slot -= 1
        }
        return found
    }

    /// Removes and returns every pending trace.
    mutating func takePending() -> [RequestTrace] {
        pending.removeOldest(pending.count)
    }

    /// Returns a batch the archive refused to the front of the queue.
    mutating func putBack(_ batch: [RequestTrace]) {
        pending.putBack(batch)
        if pending.count > pendingLimit {
            dropped += pending.removeOldest(pending.count - pendingLimit).count
        }
    }
}

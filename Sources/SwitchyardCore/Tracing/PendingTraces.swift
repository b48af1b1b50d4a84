/// Traces waiting for the archive, oldest first, found by request id. Taking the oldest off costs what is taken,
/// not what stays: every trace keeps the position number it arrived with, and the array drops its taken front only
/// once that front outgrows the rest, so the id index is never rebuilt on the way.
struct PendingTraces {
    private var items: [RequestTrace] = []
    /// Index in `items` of the oldest trace still waiting.
    private var head = 0
    /// Position number of `items[0]`.
    private var base = 0
    private var positionByID: [String: Int] = [:]

    /// Traces waiting.
    var count: Int { items.count - head }

    /// Adds `trace` as the newest; a trace of the same id added before stays, but is no longer found by id.
    mutating func append(_ trace: RequestTrace) {
        positionByID[trace.id] = base + items.count
        items.append(trace)
    }

    /// The waiting trace of request `id`.
    func trace(id: String) -> RequestTrace? {
        index(of: id).map { items[$0] }
    }

    /// Removes and returns the `n` oldest traces.
    @discardableResult
    mutating func removeOldest(_ n: Int) -> [RequestTrace] {
        let n = min(max(0, n), count)
        guard n > 0 else { return [] }
        let taken = Array(items[head..<(head + n)])
        for (offset, trace) in taken.enumerated() where positionByID[trace.id] == base + head + offset {
            positionByID[trace.id] = nil
        }
        head += n
        if head == items.count {
            base += head
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64, head * 2 > items.count {
            base += head
            items.removeFirst(head)
            head = 0
        }
        return taken
    }

    /// Puts `batch` (taken earlier, oldest first) back in front of the waiting traces. Rare (the archive failed),
    /// so it simply renumbers everything.
    mutating func putBack(_ batch: [RequestTrace]) {
        items = batch + items[head...]
        head = 0
        base = 0
        positionByID.removeAll(keepingCapacity: true)
        for (i, trace) in items.enumerated() { positionByID[trace.id] = i }
    }

    private func index(of id: String) -> Int? {
        guard let position = positionByID[id] else { return nil }
        let i = position - base
        guard i >= head, i < items.count, items[i].id == id else { return nil }
        return i
    }
}

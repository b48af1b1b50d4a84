/// A sum and a count over a sliding window of fixed-width time slots, stored sparsely: only slots with activity
/// take memory, so thousands of idle keys cost nothing. Reads prune expired slots first.
struct SlidingSum: Sendable {
    struct Slot: Sendable {
        var index: Int64
        var value: Double
        var count: Int
    }

    /// Seconds per slot.
    let width: Double
    /// Slots in the window; the window is the current slot and the `slots - 1` before it.
    let slots: Int64
    private(set) var entries: [Slot] = []
    private var head = 0
    private(set) var value = 0.0
    private(set) var count = 0

    init(width: Double, slots: Int) {
        self.width = width
        self.slots = Int64(max(1, slots))
    }

    /// Seconds the window spans.
    var span: Double { width * Double(slots) }

    func slotIndex(_ time: Double) -> Int64 { Int64((time / width).rounded(.down)) }

    /// Epoch seconds at which `slot` leaves the window.
    func expiry(of slot: Slot) -> Double { Double(slot.index + slots) * width }

    /// Slots still in the window, oldest first (call `prune(now:)` first).
    var live: ArraySlice<Slot> { entries[head...] }

    /// Adds `amount` and `requests` at `time`; times slightly out of order (racing callers) land in their slot.
    mutating func add(_ amount: Double, count requests: Int = 0, at time: Double) {
        let index = slotIndex(time)
        if let last = entries.last, head < entries.count, last.index >= index {
            guard let at = entries[head...].lastIndex(where: { $0.index <= index }) else {
                // Older than everything kept: count it only if still inside the window of the newest slot.
                guard index > last.index - slots else { return }
                entries.insert(Slot(index: index, value: amount, count: requests), at: head)
                value += amount
                count += requests
                return
            }
            if entries[at].index == index {
                entries[at].value += amount
                entries[at].count += requests
            } else {
                entries.insert(Slot(index: index, value: amount, count: requests), at: at + 1)
            }
        } else {
            entries.append(Slot(index: index, value: amount, count: requests))
        }
        value += amount
        count += requests
    }

    /// Adds `delta` to the slot holding `time`, if it is still kept (a correction after the fact).
    mutating func adjust(_ delta: Double, at time: Double) {
        let index = slotIndex(time)
        guard let at = entries[head...].lastIndex(where: { $0.index == index }) else { return }
        let corrected = max(0, entries[at].value + delta)
        value += corrected - entries[at].value
        entries[at].value = corrected
    }

    /// Drops slots that have left the window at `now`.
    mutating func prune(now: Double) {
        let oldest = slotIndex(now) - slots + 1
        while head < entries.count, entries[head].index < oldest {
            value -= entries[head].value
            count -= entries[head].count
            head += 1
        }
        if head == entries.count {
            // Empty: reset exactly, so floating-point drift never accumulates.
            entries.removeAll(keepingCapacity: true)
            head = 0
            value = 0
            count = 0
        } else if head > 64, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    /// Sum and count in the window ending at `now`.
    mutating func totals(now: Double) -> (value: Double, count: Int) {
        prune(now: now)
        return (max(0, value), max(0, count))
    }
}

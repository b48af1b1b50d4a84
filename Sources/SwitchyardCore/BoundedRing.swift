/// A fixed-capacity ring that keeps the newest elements and overwrites the oldest in place.
struct BoundedRing<Element> {
    private var storage: [Element] = []
    private var head = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(self.capacity)
    }

    var count: Int { storage.count }

    mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
        }
    }

    /// Elements oldest first.
    var elements: [Element] {
        if storage.count < capacity || head == 0 { return storage }
        return Array(storage[head...]) + Array(storage[..<head])
    }
}

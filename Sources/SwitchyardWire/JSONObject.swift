/// A JSON object that remembers its member order, so pass-through JSON (tool schemas, unknown fields) goes back
/// out byte-for-byte in the client's order, which keeps upstream prompt caches warm.
///
/// Equality and hashing ignore order, as JSON object semantics do.
public struct JSONObject: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// Member names in order.
    public private(set) var keys: [String] = []
    private var storage: [String: JSONValue] = [:]

    /// An empty object.
    public init() {}

    /// An object from a dictionary; members ordered by name, since a dictionary has no order of its own.
    public init(_ dictionary: [String: JSONValue]) {
        keys = dictionary.keys.sorted()
        storage = dictionary
    }

    /// An object from members in order (a repeated name keeps its first position and its last value).
    public init<S: Sequence>(members: S) where S.Element == (String, JSONValue) {
        for (key, value) in members { self[key] = value }
    }

    /// A literal, in written order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(members: elements)
    }

    /// The member named `key`; setting nil removes it, setting a new name appends it.
    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Number of members.
    public var count: Int { keys.count }

    /// Whether there are no members.
    public var isEmpty: Bool { keys.isEmpty }

    /// The members as an unordered dictionary.
    public var dictionary: [String: JSONValue] { storage }

    /// The same members with transformed values, in the same order.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var out = JSONObject()
        out.keys = keys
        out.storage = try storage.mapValues(transform)
        return out
    }

    /// Iterates members in order.
    public func makeIterator() -> AnyIterator<(key: String, value: JSONValue)> {
        var index = 0
        let keys = self.keys
        let storage = self.storage
        return AnyIterator {
            while index < keys.count {
                let key = keys[index]
                index += 1
                if let value = storage[key] { return (key, value) }
            }
            return nil
        }
    }

    /// Order-insensitive equality.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.storage == rhs.storage
    }

    /// Order-insensitive hashing.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage)
    }
}

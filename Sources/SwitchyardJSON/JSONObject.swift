/// A JSON object that remembers its member order, so pass-through JSON (tool schemas, unknown fields) goes back
/// out byte-for-byte in the client's order, which keeps upstream prompt caches warm.
///
/// Members live in one array, searched linearly while the object is small (almost every object on the wire: a
/// message, a chunk, a usage block), which costs neither hashing nor a dictionary's allocations; an object that
/// outgrows `indexedFrom` members gets a name index, so a huge object cannot make parsing quadratic.
///
/// Equality and hashing ignore order, as JSON object semantics do.
public struct JSONObject: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// A name and its value.
    public typealias Member = (key: String, value: JSONValue)

    /// Members in order (a repeated name keeps its first position).
    private var members: [Member] = []
    /// Positions by name, kept once the object has `indexedFrom` members.
    private var index: [String: Int]?
    /// Member count from which lookups go through `index` rather than a linear search.
    package static let indexedFrom = 16

    /// An empty object.
    public init() {}

    /// An object from a dictionary; members ordered by name, since a dictionary has no order of its own.
    public init(_ dictionary: [String: JSONValue]) {
        self.init(members: dictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// An object from members in order (a repeated name keeps its first position and its last value).
    public init<S: Sequence>(members: S) where S.Element == (String, JSONValue) {
        for (key, value) in members { self[key] = value }
    }

    /// A literal, in written order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(members: elements)
    }

    /// Member names in order.
    public var keys: [String] { members.map(\.key) }

    /// The member named `key`; setting nil removes it, setting a new name appends it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let at = position(of: key) {
                if let newValue {
                    members[at].value = newValue
                } else {
                    members.remove(at: at)
                    if index != nil { reindex() }
                }
            } else if let newValue {
                members.append((key, newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count >= Self.indexedFrom {
                    reindex()
                }
            }
        }
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    private mutating func reindex() {
        guard members.count >= Self.indexedFrom else {
            index = nil
            return
        }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(members.count)
        for (at, member) in members.enumerated() { positions[member.key] = at }
        index = positions
    }

    /// Number of members.
    public var count: Int { members.count }

    /// Whether there are no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The members as an unordered dictionary.
    public var dictionary: [String: JSONValue] {
        Dictionary(members, uniquingKeysWith: { _, last in last })
    }

    /// The same members with transformed values, in the same order.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var out = self
        for at in out.members.indices { out.members[at].value = try transform(out.members[at].value) }
        return out
    }

    /// Iterates members in order.
    public func makeIterator() -> IndexingIterator<[Member]> {
        members.makeIterator()
    }

    /// Order-insensitive equality.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// Order-insensitive hashing: members' hashes are combined commutatively, as `Dictionary` does.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var one = Hasher()
            one.combine(member.key)
            one.combine(member.value)
            combined ^= one.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

/// A coding key for arbitrary member names, so types can collect the members they do not model.
struct WireCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

extension KeyedDecodingContainer where Key == WireCodingKey {
    func value<T: Decodable>(_ key: String, as type: T.Type = T.self) throws -> T {
        try decode(T.self, forKey: WireCodingKey(key))
    }

    /// Missing and `null` both read as nil.
    func optional<T: Decodable>(_ key: String, as type: T.Type = T.self) throws -> T? {
        try decodeIfPresent(T.self, forKey: WireCodingKey(key))
    }

    /// Every member whose name is not in `known`, kept verbatim.
    func extras(excluding known: Set<String>) throws -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for key in allKeys where !known.contains(key.stringValue) {
            out[key.stringValue] = try decode(JSONValue.self, forKey: key)
        }
        return out
    }
}

extension KeyedEncodingContainer where Key == WireCodingKey {
    mutating func put<T: Encodable>(_ value: T, _ key: String) throws {
        try encode(value, forKey: WireCodingKey(key))
    }

    /// Omits the member when nil.
    mutating func putIfPresent<T: Encodable>(_ value: T?, _ key: String) throws {
        try encodeIfPresent(value, forKey: WireCodingKey(key))
    }

    /// Writes an explicit `null` when nil (fields the APIs always send).
    mutating func putNullable<T: Encodable>(_ value: T?, _ key: String) throws {
        if let value {
            try encode(value, forKey: WireCodingKey(key))
        } else {
            try encodeNil(forKey: WireCodingKey(key))
        }
    }

    /// Writes pass-through members, skipping any that a typed field already wrote.
    mutating func putExtras(_ extra: [String: JSONValue], excluding known: Set<String>) throws {
        for (key, value) in extra where !known.contains(key) {
            try encode(value, forKey: WireCodingKey(key))
        }
    }
}

/// A `Decoder` reading from an already parsed `JSONValue` tree.
///
/// Paired with `JSONParser`, it replaces `JSONDecoder` for wire types: typed fields read straight from the tree,
/// and pass-through `JSONValue` fields take their subtree without any type probing. Coding paths are not
/// tracked (the cost is an allocation per nested value); errors name the offending key instead.
package struct JSONValueDecoder: Decoder {
    package let value: JSONValue
    package var codingPath: [any CodingKey]
    package var userInfo: [CodingUserInfoKey: Any] { [:] }

    package init(value: JSONValue, codingPath: [any CodingKey] = []) {
        self.value = value
        self.codingPath = codingPath
    }

    package static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: JSONValueDecoder(value: value))
    }

    package func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw DecodingError.typeMismatch(
                JSONObject.self, .init(codingPath: codingPath, debugDescription: "Expected an object"))
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    package func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else {
            throw DecodingError.typeMismatch(
                [JSONValue].self, .init(codingPath: codingPath, debugDescription: "Expected an array"))
        }
        return UnkeyedContainer(array: array, codingPath: codingPath)
    }

    package func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValue(value: value, codingPath: codingPath)
    }

    /// Decodes one value of type `T` from a subtree.
    package static func decodeValue<T: Decodable>(_ type: T.Type, _ value: JSONValue, path: [any CodingKey]) throws -> T {
        // Primitive fast paths avoid building a nested decoder.
        // The bit casts are between identical types (checked just before), which skips runtime cast machinery.
        if T.self == String.self, case .string(let s) = value { return unsafeBitCast(s, to: T.self) }
        if T.self == Int.self, case .int(let i) = value { return unsafeBitCast(i, to: T.self) }
        if T.self == Bool.self, case .bool(let b) = value { return unsafeBitCast(b, to: T.self) }
        if T.self == Double.self, let d = value.doubleValue { return unsafeBitCast(d, to: T.self) }
        if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
        return try T(from: JSONValueDecoder(value: value, codingPath: path))
    }

    private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let object: JSONObject
        let codingPath: [any CodingKey]

        var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

        private func value(for key: Key) throws -> JSONValue {
            guard let v = object[key.stringValue] else {
                throw DecodingError.keyNotFound(
                    key, .init(codingPath: codingPath, debugDescription: "Missing member \"\(key.stringValue)\""))
            }
            return v
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            try value(for: key) == .null
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try JSONValueDecoder.decodeValue(T.self, try value(for: key), path: codingPath)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let v = object[key.stringValue], v != .null else { return nil }
            return try JSONValueDecoder.decodeValue(T.self, v, path: codingPath)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try JSONValueDecoder(value: try value(for: key), codingPath: codingPath).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try JSONValueDecoder(value: try value(for: key), codingPath: codingPath).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            JSONValueDecoder(value: .object(object), codingPath: codingPath)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            JSONValueDecoder(value: object[key.stringValue] ?? .null, codingPath: codingPath)
        }
    }

    private struct UnkeyedContainer: UnkeyedDecodingContainer {
        let array: [JSONValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0

        init(array: [JSONValue], codingPath: [any CodingKey]) {
            self.array = array
            self.codingPath = codingPath
        }

        var count: Int? { array.count }
        var isAtEnd: Bool { currentIndex >= array.count }

        private func current() throws -> JSONValue {
            guard currentIndex < array.count else {
                throw DecodingError.valueNotFound(
                    JSONValue.self, .init(codingPath: codingPath, debugDescription: "Unkeyed container is at end"))
            }
            return array[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            if try current() == .null {
                currentIndex += 1
                return true
            }
            return false
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let v = try JSONValueDecoder.decodeValue(T.self, try current(), path: codingPath)
            currentIndex += 1
            return v
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            let c = try JSONValueDecoder(value: try current(), codingPath: codingPath).container(keyedBy: type)
            currentIndex += 1
            return c
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let c = try JSONValueDecoder(value: try current(), codingPath: codingPath).unkeyedContainer()
            currentIndex += 1
            return c
        }

        mutating func superDecoder() throws -> any Decoder {
            let d = JSONValueDecoder(value: try current(), codingPath: codingPath)
            currentIndex += 1
            return d
        }
    }

    private struct SingleValue: SingleValueDecodingContainer {
        let value: JSONValue
        let codingPath: [any CodingKey]

        private func mismatch<T>(_ type: T.Type) -> DecodingError {
            // A fixed message: formatting the type name would cost more than the whole decode, and failed
            // probes (string-or-array fields) are routine.
            .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "Unexpected \(value.kindName)"))
        }

        func decodeNil() -> Bool { value == .null }

        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let b) = value else { throw mismatch(type) }
            return b
        }

        func decode(_ type: String.Type) throws -> String {
            guard case .string(let s) = value else { throw mismatch(type) }
            return s
        }

        func decode(_ type: Double.Type) throws -> Double {
            guard let d = value.doubleValue else { throw mismatch(type) }
            return d
        }

        func decode(_ type: Float.Type) throws -> Float {
            guard let d = value.doubleValue else { throw mismatch(type) }
            return Float(d)
        }

        private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            switch value {
            case .int(let i):
                guard let v = I(exactly: i) else { throw mismatch(type) }
                return v
            case .double(let d):
                guard let v = I(exactly: d) else { throw mismatch(type) }
                return v
            default:
                throw mismatch(type)
            }
        }

        func decode(_ type: Int.Type) throws -> Int { try integer(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try JSONValueDecoder.decodeValue(T.self, value, path: codingPath)
        }
    }
}

extension JSONValue {
    /// A short name of the value's JSON type, for error messages.
    package var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

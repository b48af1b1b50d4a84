/// Writes compact JSON straight into a byte buffer, members in the order they are written.
///
/// Wire types write themselves through this instead of `JSONEncoder`, whose generic container machinery cost
/// more than the bytes it produced. Slashes are not escaped; non-finite numbers become `null`.
public struct JSONWriter: Sendable {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    /// An empty writer, with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Opens an object (as a value).
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes the current object.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array (as a value).
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes the current array.
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name; the next value written is its value.
    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        needsComma = true
    }

    /// Writes a boolean.
    public mutating func bool(_ value: Bool) {
        separate()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
        needsComma = true
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        separate()
        if value >= 0, value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
        needsComma = true
    }

    /// Writes a number in its shortest round-tripping form (`null` if not finite).
    public mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        separate()
        if value == value.rounded(), abs(value) < 1e15 {
            // Integral values print without a fraction, as JSONEncoder does.
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
        needsComma = true
    }

    /// Writes a 32-bit float in its shortest round-tripping form (`null` if not finite).
    public mutating func float(_ value: Float) {
        guard value.isFinite else { return null() }
        separate()
        if value == value.rounded(), abs(value) < 1e7 {
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
        needsComma = true
    }

    /// Writes a string, escaped.
    public mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
        needsComma = true
    }

    /// Writes any wire value.
    public mutating func value<T: WireEncodable>(_ value: T) {
        value.writeWire(to: &self)
    }

    /// Writes a member.
    public mutating func put<T: WireEncodable>(_ value: T, _ key: String) {
        self.key(key)
        value.writeWire(to: &self)
    }

    /// Writes a member unless the value is nil.
    public mutating func putIfPresent<T: WireEncodable>(_ value: T?, _ key: String) {
        guard let value else { return }
        put(value, key)
    }

    /// Writes a member, as `null` when nil (fields the APIs always send).
    public mutating func putNullable<T: WireEncodable>(_ value: T?, _ key: String) {
        self.key(key)
        if let value { value.writeWire(to: &self) } else { null() }
    }

    /// Writes pass-through members, skipping any a typed field already wrote.
    public mutating func putExtras(_ extra: [String: JSONValue], excluding known: Set<String>) {
        guard !extra.isEmpty else { return }
        if extra.count == 1, let (key, value) = extra.first {
            if !known.contains(key) { put(value, key) }
            return
        }
        // Sorted, so the same request always produces the same bytes (dictionary order varies by process).
        for key in extra.keys.sorted() where !known.contains(key) {
            if let value = extra[key] { put(value, key) }
        }
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                runStart = i + 1
                switch b {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// A type that writes itself as JSON through `JSONWriter`.
///
/// Every wire type encodes this way; its `Encodable` conformance goes through the same bytes, so there is one
/// encoding implementation per type.
public protocol WireEncodable {
    /// Writes the value as one JSON value.
    func writeWire(to writer: inout JSONWriter)
}

extension WireEncodable {
    /// The value as compact JSON bytes.
    public var wireBytes: [UInt8] {
        var writer = JSONWriter()
        writeWire(to: &writer)
        return writer.bytes
    }

    /// Feeds any `Encoder` (e.g. `JSONEncoder`) through the written JSON; slower than `wireBytes`.
    package func encodeThroughWire(to encoder: any Encoder) throws {
        try JSONParser.parse(wireBytes).encode(to: encoder)
    }
}

extension String: WireEncodable {
    /// Writes a JSON string.
    public func writeWire(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int: WireEncodable {
    /// Writes a JSON number.
    public func writeWire(to writer: inout JSONWriter) { writer.int(self) }
}

extension Double: WireEncodable {
    /// Writes a JSON number.
    public func writeWire(to writer: inout JSONWriter) { writer.double(self) }
}

extension Float: WireEncodable {
    /// Writes a JSON number.
    public func writeWire(to writer: inout JSONWriter) { writer.float(self) }
}

extension Bool: WireEncodable {
    /// Writes a JSON boolean.
    public func writeWire(to writer: inout JSONWriter) { writer.bool(self) }
}

extension Array: WireEncodable where Element: WireEncodable {
    /// Writes a JSON array.
    public func writeWire(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.writeWire(to: &writer) }
        writer.endArray()
    }
}

extension JSONValue: WireEncodable {
    /// Writes the tree.
    public func writeWire(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let b): writer.bool(b)
        case .int(let i): writer.int(i)
        case .double(let d): writer.double(d)
        case .string(let s): writer.string(s)
        case .array(let a): a.writeWire(to: &writer)
        case .object(let o):
            writer.beginObject()
            for (key, value) in o { writer.put(value, key) }
            writer.endObject()
        }
    }
}

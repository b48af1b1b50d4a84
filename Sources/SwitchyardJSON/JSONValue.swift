import Foundation

/// Any JSON value; used to carry fields the typed models do not know, untouched.
public enum JSONValue: Sendable, Hashable {
    /// JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integral number, kept exact.
    case int(Int)
    /// A number with a fraction or exponent, or one too large for `Int`.
    case double(Double)
    /// A string.
    case string(String)
    /// `array`.
    case array([JSONValue])
    /// `object`.
    case object(JSONObject)

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer payload, if this is an integral number.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int(d)
        default: return nil
        }
    }

    /// The numeric payload as a `Double`, if this is a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// Member lookup on objects; nil for anything else.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Parses JSON text (e.g. a tool call's `arguments` string); nil when it is not valid JSON.
    public init?(parsing text: String) {
        guard let value = try? JSONParser.parse(text) else { return nil }
        self = value
    }

    /// Compact JSON text for this value (e.g. a tool call's `arguments` string).
    public func jsonString() -> String {
        String(decoding: wireBytes, as: UTF8.self)
    }
}

extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        if let tree = decoder as? JSONValueDecoder {
            // Wire decoding already parsed the tree; take the subtree as is.
            self = tree.value
            return
        }
        // Any other decoder (e.g. JSONDecoder) can only be probed type by type, which is slow.
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else if let o = try? c.decode([String: JSONValue].self) {
            self = .object(JSONObject(o))
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .object(let o) = self {
            var k = encoder.container(keyedBy: WireCodingKey.self)
            for (key, value) in o { try k.encode(value, forKey: WireCodingKey(key)) }
            return
        }
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object: break  // written above
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// A literal.
    public init(nilLiteral: ()) { self = .null }
    /// A literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A literal.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A literal.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(members: elements))
    }
}

/// A type that builds itself straight from a parsed JSON tree.
///
/// Every wire type decodes this way; its `Decodable` conformance goes through `JSONValue` too, so there is one
/// decoding implementation per type. Reading the tree directly avoids the generic `Decoder` machinery, whose
/// per-field dispatch and metadata lookups dominated decoding time.
public protocol WireDecodable {
    /// Builds the value from a JSON tree; throws `DecodingError` when the shape does not match.
    init(wire json: JSONValue) throws
}

/// Typed access to the members of a JSON object, for `WireDecodable` initializers.
package struct WireObject {
    package let members: JSONObject

    package init(_ json: JSONValue) throws {
        guard case .object(let members) = json else { throw WireDecodingFailure.mismatch("an object", json) }
        self.members = members
    }

    /// A required member.
    package func value<T: WireDecodable>(_ key: String, as type: T.Type = T.self) throws -> T {
        guard let v = members[key] else {
            throw DecodingError.keyNotFound(
                WireCodingKey(key), .init(codingPath: [], debugDescription: "Missing member \"\(key)\""))
        }
        do {
            return try T(wire: v)
        } catch let error as DecodingError {
            throw error.nested(under: WireCodingKey(key))
        }
    }

    /// An optional member; missing and `null` both read as nil.
    package func optional<T: WireDecodable>(_ key: String, as type: T.Type = T.self) throws -> T? {
        guard let v = members[key], v != .null else { return nil }
        do {
            return try T(wire: v)
        } catch let error as DecodingError {
            throw error.nested(under: WireCodingKey(key))
        }
    }

    /// Every member whose name is not in `known`, kept verbatim.
    package func extras(excluding known: Set<String>) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for (key, value) in members where !known.contains(key) { out[key] = value }
        return out
    }
}

/// Builds the errors for shape mismatches found while reading a tree.
package enum WireDecodingFailure {
    package static func mismatch(_ expected: String, _ found: JSONValue) -> DecodingError {
        DecodingError.typeMismatch(
            JSONValue.self, .init(codingPath: [], debugDescription: "Expected \(expected), found \(found.kindName)"))
    }
}

extension String: WireDecodable {
    /// Reads a JSON string.
    public init(wire json: JSONValue) throws {
        guard case .string(let s) = json else { throw WireDecodingFailure.mismatch("a string", json) }
        self = s
    }
}

extension Int: WireDecodable {
    /// Reads an integral JSON number.
    public init(wire json: JSONValue) throws {
        guard let i = json.intValue else { throw WireDecodingFailure.mismatch("an integer", json) }
        self = i
    }
}

extension Double: WireDecodable {
    /// Reads a JSON number.
    public init(wire json: JSONValue) throws {
        guard let d = json.doubleValue else { throw WireDecodingFailure.mismatch("a number", json) }
        self = d
    }
}

extension Float: WireDecodable {
    /// Reads a JSON number.
    public init(wire json: JSONValue) throws {
        guard let d = json.doubleValue else { throw WireDecodingFailure.mismatch("a number", json) }
        self = Float(d)
    }
}

extension Bool: WireDecodable {
    /// Reads a JSON boolean.
    public init(wire json: JSONValue) throws {
        guard case .bool(let b) = json else { throw WireDecodingFailure.mismatch("a boolean", json) }
        self = b
    }
}

extension JSONValue: WireDecodable {
    /// Takes the tree as is.
    public init(wire json: JSONValue) throws { self = json }
}

extension Array: WireDecodable where Element: WireDecodable {
    /// Reads a JSON array of wire values.
    public init(wire json: JSONValue) throws {
        guard case .array(let items) = json else { throw WireDecodingFailure.mismatch("an array", json) }
        var out: [Element] = []
        out.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                out.append(try Element(wire: item))
            } catch let error as DecodingError {
                throw error.nested(under: WireIndexKey(index))
            }
        }
        self = out
    }
}

/// A coding key for an array position, used in decoding error paths.
package struct WireIndexKey: CodingKey {
    package var intValue: Int?
    package var stringValue: String { "[\(intValue ?? 0)]" }
    package init(_ index: Int) { intValue = index }
    package init?(stringValue: String) { return nil }
    package init?(intValue: Int) { self.intValue = intValue }
}

extension DecodingError {
    /// The same error with `key` prepended to its coding path (built on the way out, only when decoding fails).
    package func nested(under key: any CodingKey) -> DecodingError {
        switch self {
        case .typeMismatch(let type, let context):
            return .typeMismatch(type, context.nested(under: key))
        case .valueNotFound(let type, let context):
            return .valueNotFound(type, context.nested(under: key))
        case .keyNotFound(let missing, let context):
            return .keyNotFound(missing, context.nested(under: key))
        case .dataCorrupted(let context):
            return .dataCorrupted(context.nested(under: key))
        @unknown default:
            return self
        }
    }

    /// A one-line, client-facing description: where in the body (`messages[2].content`) and what was wrong.
    public var wireDescription: String {
        let context: Context?
        switch self {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        case .keyNotFound(let key, let c):
            let path = Self.render(c.codingPath)
            return path.isEmpty ? "Missing member \"\(key.stringValue)\"" : "\(path): missing member \"\(key.stringValue)\""
        @unknown default: context = nil
        }
        guard let context else { return "Invalid request body" }
        let path = Self.render(context.codingPath)
        return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
    }

    private static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if key.intValue != nil {
                out += key.stringValue
            } else {
                if !out.isEmpty { out += "." }
                out += key.stringValue
            }
        }
        return out
    }
}

extension DecodingError.Context {
    fileprivate func nested(under key: any CodingKey) -> DecodingError.Context {
        DecodingError.Context(codingPath: [key] + codingPath, debugDescription: debugDescription, underlyingError: underlyingError)
    }
}

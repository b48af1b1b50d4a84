import Foundation

/// Shared JSON coding entry points for every wire type.
public enum WireCoding {
    /// A compact encoder that does not escape slashes (URLs and data URLs stay readable and shorter).
    public static var encoder: JSONEncoder {
        // A fresh encoder per use: JSONEncoder is a class and not Sendable, and creating one is cheap.
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }

    /// Encodes a wire value to compact JSON bytes.
    public static func encode<T: WireEncodable & Encodable>(_ value: T) throws -> Data {
        Data(value.wireBytes)
    }

    /// Encodes a wire value to a compact JSON string.
    public static func encodeString<T: WireEncodable & Encodable>(_ value: T) throws -> String {
        String(decoding: value.wireBytes, as: UTF8.self)
    }

    /// Encodes any `Encodable` value with `JSONEncoder`.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encoder.encode(value)
    }

    /// Decodes a wire value from JSON bytes (throws `DecodingError` on malformed JSON or a shape mismatch).
    public static func decode<T: WireDecodable & Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try T(wire: JSONParser.parse(data))
    }

    /// Decodes a wire value from JSON bytes held in an array (e.g. an HTTP body read from a byte buffer).
    public static func decode<T: WireDecodable & Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try T(wire: JSONParser.parse(bytes))
    }

    /// Decodes a wire value from a JSON string.
    public static func decode<T: WireDecodable & Decodable>(_ type: T.Type, from text: String) throws -> T {
        try T(wire: JSONParser.parse(text))
    }

    /// Decodes a wire value from an already parsed tree.
    public static func decode<T: WireDecodable & Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(wire: value)
    }

    /// Decodes any `Decodable` type from JSON bytes, through the parsed tree.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONValueDecoder.decode(type, from: JSONParser.parse(data))
    }

    /// Parses JSON bytes into a tree.
    public static func parse(_ data: Data) throws -> JSONValue {
        try JSONParser.parse(data)
    }
}

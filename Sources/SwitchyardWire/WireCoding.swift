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

    /// A decoder for wire payloads.
    public static var decoder: JSONDecoder { JSONDecoder() }

    /// Encodes a wire value to compact JSON bytes.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encoder.encode(value)
    }

    /// Encodes a wire value to a compact JSON string.
    public static func encodeString<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes a wire value from JSON bytes.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder.decode(type, from: data)
    }

    /// Decodes a wire value from a JSON string.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }
}

import Foundation
import SwitchyardControlAPI
import SwitchyardJSON

/// JSON as the control API speaks it: snake_case field names, sorted keys, dates already epoch seconds in the
/// Codable types, and dollars without binary floating-point noise (`0.3`, not `0.30000000000000004`).
public enum ControlJSON {
    /// A body in another format's own casing, such as OTLP's JSON, which the control API hands on unchanged.
    public enum Casing: Sendable { case snake, asDeclared }

    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false, casing: Casing = .snake) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        if casing == .snake { encoder.keyEncodingStrategy = ControlKeyCasing.encoding }
        return Data(JSONNumberTidy.tidy(Array(try encoder.encode(value))))
    }

    /// Reads what `encode` wrote, and camelCase as well (state files written before field names were snake_case).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = ControlKeyCasing.decoding
        return decoder
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder().decode(type, from: data)
    }

    /// `{"error":"message"}`, the body of every failure that is not a command's answer.
    static func errorBody(_ message: String) -> Data {
        (try? encode(["error": message])) ?? Data(#"{"error":"internal error"}"#.utf8)
    }
}

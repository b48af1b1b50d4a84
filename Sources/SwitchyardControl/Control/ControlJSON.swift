import Foundation

/// JSON as the control API speaks it: sorted keys, dates already epoch seconds in the Codable types.
enum ControlJSON {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// `{"error":"message"}`, the body of every failure that is not a command's answer.
    static func errorBody(_ message: String) -> Data {
        (try? encode(["error": message])) ?? Data(#"{"error":"internal error"}"#.utf8)
    }
}

import Foundation
import SwitchyardJSON

/// JSON as the control API speaks it: sorted keys, dates already epoch seconds in the Codable types, and dollars
/// without binary floating-point noise (`0.3`, not `0.30000000000000004`).
public enum ControlJSON {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return Data(JSONNumberTidy.tidy(Array(try encoder.encode(value))))
    }

    /// `{"error":"message"}`, the body of every failure that is not a command's answer.
    static func errorBody(_ message: String) -> Data {
        (try? encode(["error": message])) ?? Data(#"{"error":"internal error"}"#.utf8)
    }
}

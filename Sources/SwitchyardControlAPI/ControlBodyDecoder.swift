import Foundation

/// Reads a control API request body: JSON into the route's body type, or the 400 message that says which field
/// is wrong and what a good body looks like.
public enum ControlBodyDecoder {
    /// A body that does not decode: `message` is the whole answer ("invalid body: missing field 'period';
    /// expected {…}").
    public struct Failure: Error, Sendable, Hashable {
        public var message: String
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, example: String) throws(Failure) -> T {
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = ControlKeyCasing.decoding
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw Failure(message: "invalid body: \(describe(error)); expected \(example)")
        } catch {
            throw Failure(message: "invalid body: \(error); expected \(example)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _):
            return "missing field '\(ControlKeyCasing.snake(key.stringValue))'"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = fieldPath(context)
            return field.isEmpty ? "the body must be a JSON object" : "field '\(field)' must be \(describe(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "field '\(fieldPath(context))' is invalid"
        @unknown default:
            return "not a valid body"
        }
    }

    /// The field as the client wrote it: `downgrade_to`, not the Swift name.
    private static func fieldPath(_ context: DecodingError.Context) -> String {
        context.codingPath.map { ControlKeyCasing.snake($0.stringValue) }.joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        if type == Double.self || type == Int.self { return "a number" }
        if type == String.self { return "a string" }
        return "a \(type)"
    }
}

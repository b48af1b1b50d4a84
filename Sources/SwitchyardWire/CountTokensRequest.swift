import SwitchyardJSON
/// `POST /v1/messages/count_tokens` body: a Messages request without `max_tokens` (Anthropic counts the prompt
/// alone: system, messages and tools).
public struct CountTokensRequest: Decodable, WireDecodable, Hashable, Sendable {
    /// The body read as a Messages request with no completion, for the estimate and for passing on.
    public var request: MessagesRequest

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        guard case .object(var members) = json else {
            throw WireDecodingFailure.mismatch("an object", json)
        }
        // `max_tokens` belongs to a completion; counting has none, and one a client sent anyway is ignored.
        members["max_tokens"] = .int(1)
        request = try MessagesRequest(wire: .object(members))
    }

    /// The model the count is for.
    public var model: String { request.model }
}

import SwitchyardJSON

/// Chaining with `previous_response_id`: a stored response's conversation is the input items that led to it
/// followed by its output as input items; a request continuing it is that conversation, then its own input. As
/// OpenAI does, the earlier request's `instructions` are not carried over: each request gives its own.
extension ResponsesRequest {
    /// The request's input as items (a plain string is one user message).
    public var inputItems: [ResponsesInputItem] {
        switch input {
        case .text(let text): [.message(role: .user, content: .text(text))]
        case .items(let items): items
        }
    }

    /// This request with `history` put before its own input.
    public func continuing(_ history: [ResponsesInputItem]) -> ResponsesRequest {
        var request = self
        request.input = .items(history + inputItems)
        return request
    }

    /// The conversation after `response` answered this request: its input, then the response's output.
    public func conversation(after response: ResponsesResponse) -> [ResponsesInputItem] {
        inputItems + response.output.map(\.replayed)
    }
}

extension ResponsesOutputItem {
    /// The item as a later request's input carries it.
    public var replayed: ResponsesInputItem {
        switch self {
        case .message(_, _, let text): .message(role: .assistant, content: .text(text))
        case .functionCall(_, _, let callID, let name, let arguments):
            .functionCall(callID: callID, name: name, arguments: arguments)
        }
    }
}

/// A stored conversation as JSON: an array of input items in their wire shape.
public enum ResponsesHistory {
    /// The items as a JSON array.
    public static func encode(_ items: [ResponsesInputItem]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for item in items { item.writeWire(to: &w) }
        w.endArray()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// The items of a JSON array `encode` wrote.
    public static func decode(_ text: String) throws -> [ResponsesInputItem] {
        guard let items = try JSONParser.parse(text).arrayValue else { throw ResponsesHistoryError.notAnArray }
        return try items.map { try ResponsesInputItem(wire: $0) }
    }
}

/// A stored conversation that does not read back.
public enum ResponsesHistoryError: Error, Equatable {
    case notAnArray
}

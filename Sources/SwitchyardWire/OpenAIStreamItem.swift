import SwitchyardJSON
/// One parsed event of an OpenAI chat stream: a chunk, an error sent mid-stream, or the `[DONE]` terminator.
public enum OpenAIStreamItem: Hashable, Sendable {
    /// `chunk`.
    case chunk(ChatCompletionChunk)
    /// `data: {"error":{…}}`, which OpenAI-compatible servers send when a stream fails after it started.
    case error(OpenAIErrorBody)
    /// `done`.
    case done

    /// Reads one SSE event of an OpenAI stream.
    public init(sse event: SSEEvent) throws {
        if event.isDone {
            self = .done
            return
        }
        let json = try JSONParser.parse(event.data)
        if json["error"] != nil, json["choices"] == nil {
            self = .error(try OpenAIErrorBody(wire: json))
        } else {
            self = .chunk(try ChatCompletionChunk(wire: json))
        }
    }
}

extension AnthropicStreamEvent {
    /// Reads one SSE event of an Anthropic stream (the `type` member decides; the `event:` name repeats it).
    public init(sse event: SSEEvent) throws {
        try self.init(wire: JSONParser.parse(event.data))
    }
}

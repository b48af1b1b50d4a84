import SwitchyardJSON

/// A legacy completion's answer, `{"object":"text_completion",…}`, whole or as one stream chunk: chat's answer
/// re-shaped for `POST /v1/completions` clients.
public struct TextCompletion: Encodable, WireEncodable, Hashable, Sendable {
    public struct Choice: Hashable, Sendable {
        public var index: Int
        public var text: String
        public var finishReason: FinishReason?
    }

    /// `cmpl-…`, derived from the chat completion's id.
    public var id: String
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: ChatUsage?

    /// The whole answer of a chat completion, its message text as the completion's text.
    public init(translating response: ChatCompletionResponse) {
        id = Self.completionID(response.id)
        created = response.created
        model = response.model
        choices = response.choices.map { choice in
            // A tool call cannot be a text completion's answer: the text stops there.
            let reason = choice.finishReason == .toolCalls ? .stop : choice.finishReason
            return Choice(index: choice.index, text: choice.message.textContent, finishReason: reason)
        }
        usage = response.usage
    }

    /// One stream chunk of a chat completion as a text completion chunk; nil for a chunk with nothing a text
    /// completion client sees (the role, a tool call, a usage chunk the client did not ask for).
    public init?(translating chunk: ChatCompletionChunk, includeUsage: Bool) {
        id = Self.completionID(chunk.id)
        created = chunk.created
        model = chunk.model
        choices = chunk.choices.compactMap { choice in
            let text = choice.delta.content ?? ""
            let reason = choice.finishReason == .toolCalls ? .stop : choice.finishReason
            guard !text.isEmpty || reason != nil else { return nil }
            return Choice(index: choice.index, text: text, finishReason: reason)
        }
        usage = includeUsage ? chunk.usage : nil
        guard !choices.isEmpty || usage != nil else { return nil }
    }

    static func completionID(_ id: String) -> String {
        id.hasPrefix("chatcmpl-") ? "cmpl-" + id.dropFirst("chatcmpl-".count) : id
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(id, "id")
        w.put("text_completion", "object")
        w.put(created, "created")
        w.put(model, "model")
        w.key("choices")
        w.beginArray()
        for choice in choices {
            w.beginObject()
            w.put(choice.text, "text")
            w.put(choice.index, "index")
            w.key("logprobs")
            w.null()
            w.putNullable(choice.finishReason, "finish_reason")
            w.endObject()
        }
        w.endArray()
        w.putIfPresent(usage, "usage")
        w.endObject()
    }
}

/// Turns an Anthropic event stream into OpenAI `chat.completion.chunk`s, one event at a time.
///
/// `message_start` yields the role chunk; text deltas yield content chunks; each `tool_use` block yields a
/// tool-call chunk (index, id, name, empty arguments) and then argument chunks; `message_delta` yields the
/// finish-reason chunk; `message_stop` yields the usage chunk (`choices: []`) when the client asked for it.
/// The caller writes `data: [DONE]` after `message_stop`.
public struct AnthropicToOpenAIStream: Sendable {
    /// Whether to emit the final usage chunk (`stream_options.include_usage`).
    public var includeUsage: Bool
    private var id: String?
    private var model: String?
    private let created: Int
    private var toolIndexByBlock: [Int: Int] = [:]
    private var nextToolIndex = 0
    /// The block carrying the JSON answer (`AnthropicJSONAnswer`), streamed as text.
    private var answerBlock: Int?
    private var anthropicUsage = AnthropicUsage(inputTokens: 0, outputTokens: 0)
    /// The finish reason, once `message_delta` has arrived.
    public private(set) var finishReason: FinishReason?

    /// `id` and `model` default to values derived from `message_start`; `created` is Unix seconds.
    public init(id: String? = nil, model: String? = nil, created: Int, includeUsage: Bool) {
        self.id = id
        self.model = model
        self.created = created
        self.includeUsage = includeUsage
    }

    /// Usage so far, in OpenAI terms (complete after `message_delta`).
    public var usage: ChatUsage { ChatUsage(anthropic: anthropicUsage) }

    /// Consumes one event; an `error` event is thrown so the caller can send it in the client's format.
    public mutating func feed(_ event: AnthropicStreamEvent) throws(AnthropicErrorBody) -> [ChatCompletionChunk] {
        switch event {
        case .messageStart(let message):
            if id == nil { id = WireIDs.completionID(fromMessageID: message.id) }
            if model == nil { model = message.model }
            anthropicUsage = message.usage
            return [chunk(ChatCompletionChunk.Delta(role: .assistant, content: ""))]

        case .contentBlockStart(let index, let block):
            switch block {
            case .text(let text, _):
                return text.isEmpty ? [] : [chunk(ChatCompletionChunk.Delta(content: text))]
            case .toolUse(let use) where AnthropicJSONAnswer.isAnswer(use):
                answerBlock = index
                let initial = use.input == .object([:]) ? "" : use.input.jsonString()
                return initial.isEmpty ? [] : [chunk(ChatCompletionChunk.Delta(content: initial))]
            case .toolUse(let use):
                let toolIndex = nextToolIndex
                nextToolIndex += 1
                toolIndexByBlock[index] = toolIndex
                // Anthropic starts with `input: {}` and streams the JSON; a non-empty input arrives whole.
                let initial = use.input == .object([:]) ? "" : use.input.jsonString()
                let call = ChatCompletionChunk.ToolCallDelta(
                    index: toolIndex, id: use.id, type: "function",
                    function: .init(name: use.name, arguments: initial))
                return [chunk(ChatCompletionChunk.Delta(toolCalls: [call]))]
            default:
                return []
            }

        case .contentBlockDelta(let index, let delta):
            switch delta {
            case .text(let text):
                return [chunk(ChatCompletionChunk.Delta(content: text))]
            case .inputJSON(let partial) where index == answerBlock:
                return partial.isEmpty ? [] : [chunk(ChatCompletionChunk.Delta(content: partial))]
            case .inputJSON(let partial):
                guard let toolIndex = toolIndexByBlock[index], !partial.isEmpty else { return [] }
                let call = ChatCompletionChunk.ToolCallDelta(index: toolIndex, function: .init(arguments: partial))
                return [chunk(ChatCompletionChunk.Delta(toolCalls: [call]))]
            case .other:
                return []
            }

        case .messageDelta(let delta):
            anthropicUsage.outputTokens = delta.usage.outputTokens
            if let input = delta.usage.inputTokens { anthropicUsage.inputTokens = input }
            if let c = delta.usage.cacheCreationInputTokens { anthropicUsage.cacheCreationInputTokens = c }
            if let c = delta.usage.cacheReadInputTokens { anthropicUsage.cacheReadInputTokens = c }
            var reason = FinishReason(anthropic: delta.stopReason ?? .endTurn)
            // The answer came as the JSON tool's call: to the client it is a finished text answer.
            if answerBlock != nil, nextToolIndex == 0, delta.stopReason == .toolUse { reason = .stop }
            finishReason = reason
            return [chunk(ChatCompletionChunk.Delta(), finishReason: reason)]

        case .messageStop:
            guard includeUsage else { return [] }
            return [ChatCompletionChunk(
                id: id ?? "chatcmpl-", created: created, model: model ?? "", choices: [], usage: usage)]

        case .error(let detail):
            throw AnthropicErrorBody(type: detail.type, message: detail.message)

        case .contentBlockStop, .ping, .other:
            return []
        }
    }

    private func chunk(_ delta: ChatCompletionChunk.Delta, finishReason: FinishReason? = nil) -> ChatCompletionChunk {
        ChatCompletionChunk(
            id: id ?? "chatcmpl-", created: created, model: model ?? "",
            choices: [.init(index: 0, delta: delta, finishReason: finishReason)])
    }
}

import SwitchyardJSON
extension ChatCompletionResponse {
    /// Translates a complete Anthropic message into an OpenAI chat completion.
    ///
    /// Text blocks concatenate into `content`; `tool_use` blocks become `tool_calls` with JSON-text arguments;
    /// cached prompt tokens count toward `prompt_tokens` and are reported in `prompt_tokens_details`.
    public init(translating message: MessagesResponse, id: String? = nil, created: Int, model: String? = nil) {
        var text = ""
        var calls: [ChatToolCall] = []
        var answered = false
        for block in message.content {
            switch block {
            case .text(let t, _): text += t
            case .toolUse(let use) where AnthropicJSONAnswer.isAnswer(use):
                // The requested JSON object is the answer itself (any preamble the model wrote is not).
                text = use.input.jsonString()
                answered = true
            case .toolUse(let use):
                calls.append(ChatToolCall(
                    id: use.id, function: FunctionCall(name: use.name, arguments: use.input.jsonString())))
            default: break
            }
        }
        var finish = message.stopReason.map(FinishReason.init(anthropic:))
        if answered, calls.isEmpty, message.stopReason == .toolUse { finish = .stop }
        let chatMessage = ChatMessage(
            role: .assistant, content: text.isEmpty && !calls.isEmpty ? nil : .text(text),
            toolCalls: calls.isEmpty ? nil : calls, extra: ["refusal": .null])
        self.init(
            id: id ?? WireIDs.completionID(fromMessageID: message.id),
            created: created,
            model: model ?? message.model,
            choices: [Choice(message: chatMessage, finishReason: finish)],
            usage: ChatUsage(anthropic: message.usage)
        )
    }
}

extension ChatUsage {
    /// OpenAI usage for Anthropic usage (cache reads and writes are prompt tokens too).
    public init(anthropic usage: AnthropicUsage) {
        var extra: [String: JSONValue] = [:]
        if let cached = usage.cacheReadInputTokens {
            extra["prompt_tokens_details"] = ["cached_tokens": .int(cached)]
        }
        self.init(promptTokens: usage.totalInputTokens, completionTokens: usage.outputTokens, extra: extra)
    }
}

extension AnthropicUsage {
    /// Anthropic usage for OpenAI usage (cached prompt tokens become `cache_read_input_tokens`).
    public init(openAI usage: ChatUsage) {
        let cached = usage.cachedPromptTokens ?? 0
        self.init(
            inputTokens: max(0, usage.promptTokens - cached), outputTokens: usage.completionTokens,
            cacheReadInputTokens: cached > 0 ? cached : nil)
    }
}

extension MessagesResponse {
    /// Translates the first choice of an OpenAI chat completion into an Anthropic message.
    public init(translating response: ChatCompletionResponse, id: String? = nil, model: String? = nil) {
        var content: [AnthropicContentBlock] = []
        let choice = response.choices.first
        if let text = choice?.message.textContent, !text.isEmpty {
            content.append(.text(text))
        }
        for call in choice?.message.toolCalls ?? [] {
            let input = JSONValue(parsing: call.function.arguments) ?? .object([:])
            content.append(.toolUse(AnthropicToolUse(id: call.id, name: call.function.name, input: input)))
        }
        self.init(
            id: id ?? WireIDs.messageID(fromCompletionID: response.id),
            content: content,
            model: model ?? response.model,
            stopReason: StopReason(openAI: choice?.finishReason ?? .stop),
            usage: response.usage.map(AnthropicUsage.init(openAI:)) ?? AnthropicUsage(inputTokens: 0, outputTokens: 0)
        )
    }
}

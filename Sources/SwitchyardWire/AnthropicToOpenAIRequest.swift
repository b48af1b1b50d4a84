extension ChatCompletionRequest {
    /// Translates an Anthropic messages request for an OpenAI upstream.
    ///
    /// The system prompt becomes the first message; `tool_result` blocks become `tool` messages placed before the
    /// rest of their user turn; `top_k` and unknown Anthropic fields are dropped (OpenAI has no equivalent).
    /// Streams ask for a final usage chunk so the translated stream can report output tokens.
    public init(translating request: MessagesRequest) {
        var messages: [ChatMessage] = []
        if let system = request.system {
            messages.append(.text(.system, system.text))
        }
        for message in request.messages {
            let blocks = message.content.blocks
            if message.role == "assistant" {
                var text = ""
                var calls: [ChatToolCall] = []
                for block in blocks {
                    switch block {
                    case .text(let t, _): text += t
                    case .toolUse(let use):
                        calls.append(ChatToolCall(
                            id: use.id, function: FunctionCall(name: use.name, arguments: use.input.jsonString())))
                    default: break
                    }
                }
                messages.append(ChatMessage(
                    role: .assistant, content: text.isEmpty && !calls.isEmpty ? nil : .text(text),
                    toolCalls: calls.isEmpty ? nil : calls))
            } else {
                var parts: [ChatContentPart] = []
                for block in blocks {
                    switch block {
                    case .text(let t, _): parts.append(.text(t))
                    case .image(let source, _): parts.append(.imageURL(.init(url: source.openAIURL)))
                    case .toolResult(let result):
                        messages.append(ChatMessage(
                            role: .tool, content: .text(result.content?.text ?? ""), toolCallID: result.toolUseID))
                    default: break
                    }
                }
                if parts.count == 1, case .text(let t, _) = parts[0] {
                    messages.append(.text(.user, t))
                } else if !parts.isEmpty {
                    messages.append(ChatMessage(role: .user, content: .parts(parts)))
                }
            }
        }

        let tools = request.tools.map { tools in
            tools.map { tool in
                ChatTool(function: FunctionDefinition(
                    name: tool.name, description: tool.description,
                    parameters: tool.inputSchema ?? ["type": "object", "properties": [:]]))
            }
        }
        var toolChoice: ChatToolChoice?
        switch request.toolChoice?.type {
        case "auto": toolChoice = .auto
        case "any": toolChoice = .required
        case "none": toolChoice = ChatToolChoice.none
        case "tool": toolChoice = request.toolChoice?.name.map { .function($0) }
        default: toolChoice = nil
        }

        let streaming = request.isStreaming
        self.init(
            model: request.model,
            messages: messages,
            stream: request.stream,
            streamOptions: streaming ? StreamOptions(includeUsage: true) : nil,
            tools: tools,
            toolChoice: toolChoice,
            parallelToolCalls: request.toolChoice?.disableParallelToolUse == true ? false : nil,
            stop: request.stopSequences.map { .multiple($0) },
            maxTokens: request.maxTokens,
            temperature: request.temperature,
            topP: request.topP,
            user: request.metadata?["user_id"]?.stringValue
        )
    }
}

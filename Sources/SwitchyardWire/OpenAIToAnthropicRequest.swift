import SwitchyardJSON
extension MessagesRequest {
    /// Translates an OpenAI chat request for an Anthropic upstream.
    ///
    /// System and developer messages become the system prompt; tool messages become `tool_result` blocks in a user
    /// turn; consecutive turns of one role merge (Anthropic requires alternation). OpenAI-only options (`n`,
    /// `seed`, unknown fields) are dropped because Anthropic rejects unknown members; a JSON `response_format`
    /// becomes a tool the model must call (`AnthropicJSONAnswer`).
    /// `defaultMaxTokens` applies when the client set no cap, since Anthropic requires one.
    public init(translating request: ChatCompletionRequest, defaultMaxTokens: Int = 4096) {
        var systemParts: [String] = []
        var turns: [(role: String, blocks: [AnthropicContentBlock])] = []

        func append(_ role: String, _ blocks: [AnthropicContentBlock]) {
            guard !blocks.isEmpty else { return }
            if let last = turns.indices.last, turns[last].role == role {
                turns[last].blocks += blocks
            } else {
                turns.append((role, blocks))
            }
        }

        for message in request.messages {
            switch message.role {
            case .system, .developer:
                let text = message.textContent
                if !text.isEmpty { systemParts.append(text) }
            case .assistant:
                var blocks: [AnthropicContentBlock] = []
                let text = message.textContent
                if !text.isEmpty { blocks.append(.text(text)) }
                for call in message.toolCalls ?? [] {
                    let input = JSONValue(parsing: call.function.arguments) ?? .object([:])
                    blocks.append(.toolUse(AnthropicToolUse(id: call.id, name: call.function.name, input: input)))
                }
                append("assistant", blocks)
            case .tool:
                let result = AnthropicToolResult(
                    toolUseID: message.toolCallID ?? "", content: .text(message.textContent))
                append("user", [.toolResult(result)])
            default:
                append("user", Self.userBlocks(message.content))
            }
        }

        let tools = request.tools.map { tools in
            tools.map { tool in
                AnthropicTool(
                    name: tool.function.name, description: tool.function.description,
                    inputSchema: tool.function.parameters ?? ["type": "object", "properties": [:]])
            }
        }
        var toolChoice: AnthropicToolChoice?
        if tools?.isEmpty == false {
            switch request.toolChoice {
            case .none?: toolChoice = AnthropicToolChoice(type: "none")
            case .auto?: toolChoice = AnthropicToolChoice(type: "auto")
            case .required?: toolChoice = AnthropicToolChoice(type: "any")
            case .function(let name)?: toolChoice = AnthropicToolChoice(type: "tool", name: name)
            case .other?, nil: toolChoice = nil
            }
            if request.parallelToolCalls == false {
                var choice = toolChoice ?? AnthropicToolChoice(type: "auto")
                if choice.type != "none" { choice.extra["disable_parallel_tool_use"] = true }
                toolChoice = choice
            }
        }

        var allTools = tools
        if let answer = AnthropicJSONAnswer.tool(for: request) {
            allTools = [answer]
            toolChoice = AnthropicToolChoice(type: "tool", name: answer.name)
        }
        self.init(
            model: request.model,
            maxTokens: request.maxOutputTokens ?? defaultMaxTokens,
            system: systemParts.isEmpty ? nil : .text(systemParts.joined(separator: "\n\n")),
            messages: turns.map { AnthropicMessage(role: $0.role, content: Self.compact($0.blocks)) },
            stopSequences: request.stop?.values,
            stream: request.stream,
            // OpenAI allows 0…2, Anthropic 0…1.
            temperature: request.temperature.map { min($0, 1) },
            topP: request.topP,
            tools: allTools,
            toolChoice: toolChoice,
            metadata: request.user.map { ["user_id": .string($0)] }
        )
    }

    private static func userBlocks(_ content: ChatContent?) -> [AnthropicContentBlock] {
        switch content {
        case nil: return []
        case .text(let s)?: return [.text(s)]
        case .parts(let parts)?:
            return parts.compactMap { part in
                switch part {
                case .text(let t, _): return .text(t)
                case .imageURL(let image, _): return .image(AnthropicImageSource(openAIURL: image.url))
                case .other: return nil
                }
            }
        }
    }

    /// A lone plain text block is sent as a string, the shorter and most common form.
    private static func compact(_ blocks: [AnthropicContentBlock]) -> AnthropicContent {
        if blocks.count == 1, case .text(let t, let extra) = blocks[0], extra.isEmpty { return .text(t) }
        return .blocks(blocks)
    }
}

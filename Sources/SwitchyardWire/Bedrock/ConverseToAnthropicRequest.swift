import SwitchyardJSON

extension MessagesRequest {
    /// The Anthropic request a Converse request stands for, addressed to `model` (Converse names it in the path);
    /// `defaultMaxTokens` when Converse set no cap. Blocks Anthropic has no counterpart for are left out.
    public init(translating request: ConverseRequest, model: String, stream: Bool, defaultMaxTokens: Int = 4096) {
        let messages = request.messages.map { message in
            AnthropicMessage(role: message.role, content: .blocks(message.content.compactMap(Self.block)))
        }
        let system = request.system?.compactMap(\.text).joined(separator: "\n\n")
        var choice: AnthropicToolChoice?
        if let config = request.toolConfig, let type = config.toolChoice {
            choice = AnthropicToolChoice(type: type, name: type == "tool" ? config.toolName : nil)
        }
        self.init(
            model: model, maxTokens: request.inferenceConfig?.maxTokens ?? defaultMaxTokens,
            system: system.flatMap { $0.isEmpty ? nil : .text($0) }, messages: messages,
            stopSequences: request.inferenceConfig?.stopSequences, stream: stream,
            temperature: request.inferenceConfig?.temperature, topP: request.inferenceConfig?.topP,
            topK: request.additionalModelRequestFields?["top_k"]?.intValue,
            tools: request.toolConfig.map { config in
                config.tools.map { AnthropicTool(name: $0.name, description: $0.description, inputSchema: $0.schema) }
            },
            toolChoice: choice)
    }

    private static func block(_ block: ConverseContentBlock) -> AnthropicContentBlock? {
        switch block {
        case .text(let text): .text(text)
        case .image(let format, let bytes): .image(.base64(mediaType: "image/\(format)", data: bytes))
        case .toolUse(let use): .toolUse(AnthropicToolUse(id: use.toolUseID, name: use.name, input: use.input))
        case .toolResult(let result):
            .toolResult(AnthropicToolResult(
                toolUseID: result.toolUseID,
                content: .blocks(result.content.compactMap { inner -> AnthropicContentBlock? in
                    if case .json(let value) = inner { return .text(value.jsonString()) }
                    return Self.block(inner)
                }),
                isError: result.status == "error" ? true : nil))
        case .json(let value): .text(value.jsonString())
        case .other: nil
        }
    }
}

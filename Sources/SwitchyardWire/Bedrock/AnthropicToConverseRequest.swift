import SwitchyardJSON

/// A request Converse cannot carry, with the reason in words a client can act on.
public struct ConverseTranslationError: Error, Hashable, Sendable {
    /// What cannot be sent, and why.
    public var message: String

    /// Creates a value from its message.
    public init(_ message: String) { self.message = message }
}

extension ConverseRequest {
    /// Translates an Anthropic Messages request: Converse's blocks mirror Anthropic's, so this is a renaming.
    ///
    /// Images must be inline (Converse takes bytes, not URLs); `top_k` goes to the model through
    /// `additionalModelRequestFields`; `tool_choice: none` keeps the tools (Converse needs them to read earlier
    /// tool calls) and leaves the choice to the model; `metadata` and members Converse does not know are dropped.
    public init(translating request: MessagesRequest) throws(ConverseTranslationError) {
        var messages: [ConverseMessage] = []
        for message in request.messages {
            var blocks: [ConverseContentBlock] = []
            for block in message.content.blocks {
                blocks.append(try Self.block(block))
            }
            messages.append(ConverseMessage(role: message.role, content: blocks))
        }
        let system: [ConverseContentBlock]? = request.system.flatMap { content in
            let texts = content.blocks.compactMap(\.text).filter { !$0.isEmpty }
            return texts.isEmpty ? nil : texts.map { .text($0) }
        }
        let inference = ConverseInferenceConfig(
            maxTokens: request.maxTokens, temperature: request.temperature, topP: request.topP,
            stopSequences: request.stopSequences?.isEmpty == false ? request.stopSequences : nil)
        var toolConfig: ConverseToolConfig?
        if let tools = request.tools, !tools.isEmpty {
            var specs: [ConverseToolSpec] = []
            for tool in tools {
                guard let schema = tool.inputSchema else {
                    throw ConverseTranslationError(
                        "tool \(tool.name) has no input_schema; Bedrock serves client tools only")
                }
                specs.append(ConverseToolSpec(name: tool.name, description: tool.description, schema: schema))
            }
            var config = ConverseToolConfig(tools: specs)
            switch request.toolChoice?.type {
            case "any": config.toolChoice = "any"
            case "tool":
                config.toolChoice = "tool"
                config.toolName = request.toolChoice?.name
            case "auto": config.toolChoice = "auto"
            default: break
            }
            toolConfig = config
        }
        self.init(
            messages: messages, system: system, inferenceConfig: inference.isEmpty ? nil : inference,
            toolConfig: toolConfig,
            additionalModelRequestFields: request.topK.map { ["top_k": .int($0)] })
    }

    /// Translates an OpenAI chat request through its Anthropic form (the same turn merging and tool mapping), with
    /// no output cap when the client set none: Converse, unlike Anthropic, does not require one.
    public init(translating request: ChatCompletionRequest) throws(ConverseTranslationError) {
        guard (request.n ?? 1) <= 1 else {
            throw ConverseTranslationError("n > 1 is not supported by Bedrock deployments")
        }
        try self.init(translating: MessagesRequest(translating: request))
        inferenceConfig?.maxTokens = request.maxOutputTokens
        if inferenceConfig?.isEmpty == true { inferenceConfig = nil }
    }

    private static func block(_ block: AnthropicContentBlock) throws(ConverseTranslationError) -> ConverseContentBlock {
        switch block {
        case .text(let text, _):
            return .text(text)
        case .image(let source, _):
            guard source.type == "base64", let data = source.data else {
                throw ConverseTranslationError(
                    "Bedrock takes images as inline data (a data: URL or base64 source), not as a URL")
            }
            return .image(format: try imageFormat(source.mediaType), bytes: data)
        case .toolUse(let use):
            return .toolUse(ConverseToolUse(toolUseID: use.id, name: use.name, input: use.input))
        case .toolResult(let result):
            var content: [ConverseContentBlock] = []
            for inner in result.content?.blocks ?? [] {
                content.append(try Self.block(inner))
            }
            if content.isEmpty { content = [.text("")] }
            return .toolResult(ConverseToolResult(
                toolUseID: result.toolUseID, content: content, status: result.isError == true ? "error" : nil))
        case .other(let value):
            let type = value["type"]?.stringValue ?? "unknown"
            throw ConverseTranslationError("content blocks of type \(type) are not supported by Bedrock deployments")
        }
    }

    /// Converse names an image's format (`png`), not its media type (`image/png`).
    private static func imageFormat(_ mediaType: String?) throws(ConverseTranslationError) -> String {
        switch mediaType?.lowercased() {
        case "image/png": "png"
        case "image/jpeg", "image/jpg": "jpeg"
        case "image/gif": "gif"
        case "image/webp": "webp"
        default:
            throw ConverseTranslationError(
                "Bedrock takes png, jpeg, gif or webp images, not \(mediaType ?? "an image without a media type")")
        }
    }
}

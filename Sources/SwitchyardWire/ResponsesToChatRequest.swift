import SwitchyardJSON
extension ChatCompletionRequest {
    /// Translates a Responses request into the chat completion the gateway routes, for any upstream.
    ///
    /// `instructions` becomes the first (system) message; consecutive `function_call` items become the
    /// `tool_calls` of one assistant turn (joined to the assistant message just before them), each
    /// `function_call_output` a `tool` message. Flat function tools gain chat's `function` wrapper; `text.format`
    /// becomes `response_format`; `max_output_tokens` becomes `max_completion_tokens`; `reasoning.effort` becomes
    /// `reasoning_effort`; `safety_identifier` stands in for `user`. `metadata` and `store` stay behind: nothing
    /// is stored, and chat upstreams refuse `metadata` without `store`. Streams ask for a final usage chunk, which
    /// `response.completed` reports. Items `unsupported` refuses are dropped here.
    public init(translating request: ResponsesRequest) {
        var messages: [ChatMessage] = []
        if let instructions = request.instructions, !instructions.isEmpty {
            messages.append(.text(.system, instructions))
        }
        switch request.input {
        case .text(let text):
            messages.append(.text(.user, text))
        case .items(let items):
            for item in items { Self.append(item, to: &messages) }
        }

        let tools: [ChatTool] = (request.tools ?? []).compactMap { tool in
            guard case .function(let name, let description, let parameters, let strict) = tool else { return nil }
            return ChatTool(function: FunctionDefinition(
                name: name, description: description,
                parameters: parameters ?? ["type": "object", "properties": [:]],
                extra: strict.map { ["strict": .bool($0)] } ?? [:]))
        }
        var toolChoice: ChatToolChoice?
        switch request.toolChoice {
        case .string("auto")?: toolChoice = .auto
        case .string("none")?: toolChoice = ChatToolChoice.none
        case .string("required")?: toolChoice = .required
        case let value?: toolChoice = value["name"]?.stringValue.map { ChatToolChoice.function($0) }
        case nil: toolChoice = nil
        }

        var extra: [String: JSONValue] = [:]
        if let effort = request.reasoning?["effort"], effort != .null { extra["reasoning_effort"] = effort }
        let streaming = request.isStreaming
        self.init(
            model: request.model,
            messages: messages,
            stream: request.stream,
            streamOptions: streaming ? StreamOptions(includeUsage: true) : nil,
            tools: tools.isEmpty ? nil : tools,
            // Chat upstreams refuse a tool choice without tools.
            toolChoice: tools.isEmpty ? nil : toolChoice,
            parallelToolCalls: tools.isEmpty ? nil : request.parallelToolCalls,
            responseFormat: Self.responseFormat(request.text?["format"]),
            maxCompletionTokens: request.maxOutputTokens,
            temperature: request.temperature,
            topP: request.topP,
            user: request.safetyIdentifier ?? request.user,
            extra: extra
        )
    }

    private static func append(_ item: ResponsesInputItem, to messages: inout [ChatMessage]) {
        switch item {
        case .message(let role, let content):
            messages.append(ChatMessage(role: role, content: chatContent(content, role: role)))
        case .functionCall(let callID, let name, let arguments):
            let call = ChatToolCall(id: callID, function: FunctionCall(name: name, arguments: arguments))
            // One assistant turn: the text before the calls, then every call made with it.
            if var last = messages.last, last.role == .assistant {
                last.toolCalls = (last.toolCalls ?? []) + [call]
                if last.content == .text("") { last.content = nil }
                messages[messages.count - 1] = last
            } else {
                messages.append(ChatMessage(role: .assistant, toolCalls: [call]))
            }
        case .functionCallOutput(let callID, let output):
            messages.append(ChatMessage(role: .tool, content: .text(output), toolCallID: callID))
        case .other:
            break
        }
    }

    /// Plain text stays a string (and so does a single text part); images become `image_url` parts. Assistant
    /// turns carry text only, as chat's assistant messages do.
    private static func chatContent(_ content: ResponsesMessageContent, role: ChatRole) -> ChatContent {
        guard case .parts(let parts) = content else { return content.textOnly }
        var chatParts: [ChatContentPart] = []
        for part in parts {
            switch part {
            case .text(let text, _): chatParts.append(.text(text))
            case .image(let url?, let detail, _) where role != .assistant:
                chatParts.append(.imageURL(.init(url: url, detail: detail)))
            default: continue
            }
        }
        if role == .assistant || chatParts.allSatisfy({ if case .text = $0 { true } else { false } }) {
            return content.textOnly
        }
        return .parts(chatParts)
    }

    /// `text.format` as chat's `response_format`: json_schema's members move into a nested `json_schema`.
    private static func responseFormat(_ format: JSONValue?) -> JSONValue? {
        guard let format, let type = format["type"]?.stringValue else { return nil }
        switch type {
        case "json_object":
            return ["type": "json_object"]
        case "json_schema":
            var schema = JSONObject()
            schema["name"] = format["name"] ?? "response"
            for key in ["description", "schema", "strict"] {
                if let value = format[key], value != .null { schema[key] = value }
            }
            return ["type": "json_schema", "json_schema": .object(schema)]
        default:
            return nil
        }
    }
}

extension ResponsesMessageContent {
    /// The text of the content as one string: the string itself, or the text parts joined.
    var textOnly: ChatContent {
        switch self {
        case .text(let text): return .text(text)
        case .parts(let parts):
            return .text(parts.compactMap { part -> String? in
                if case .text(let text, _) = part { return text }
                return nil
            }.joined(separator: "\n"))
        }
    }
}

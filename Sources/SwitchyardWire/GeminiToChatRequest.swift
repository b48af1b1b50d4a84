import SwitchyardJSON

extension GeminiGenerateContentRequest {
    /// The first thing in the request that needs what only Google's servers have (stored caches, built-in tools),
    /// or that a chat completion cannot carry; nil when it can all be served. `safetySettings` is not refused: it
    /// is accepted and not applied.
    public var unsupported: UnsupportedParameter? {
        if let cachedContent, !cachedContent.isEmpty {
            return UnsupportedParameter(
                param: "cachedContent", message: "cachedContent is not supported by this gateway: it keeps no context "
                    + "caches; send the cached turns in 'contents' instead")
        }
        if let refusal = generationConfig.flatMap(Self.configRefusal) { return refusal }
        for (index, tool) in (tools ?? []).enumerated() {
            if let builtIn = tool.extra.first(where: { $0.value != .null })?.key {
                return UnsupportedParameter(
                    param: "tools[\(index)].\(builtIn)",
                    message: "tool '\(builtIn)' is not supported by this gateway: only functionDeclarations are; "
                        + "Google's built-in tools run on Google's own servers")
            }
        }
        if let mode = toolConfig?.functionCallingConfig?.mode,
           !["AUTO", "ANY", "NONE", "VALIDATED", "MODE_UNSPECIFIED"].contains(mode) {
            return UnsupportedParameter(
                param: "toolConfig.functionCallingConfig.mode",
                message: "unknown function calling mode '\(mode)': expected AUTO, ANY, NONE or VALIDATED")
        }
        for (turn, content) in contents.enumerated() {
            if let role = content.role, !["user", "model", "function"].contains(role) {
                return UnsupportedParameter(
                    param: "contents[\(turn)].role", message: "unknown role '\(role)': expected 'user' or 'model'")
            }
            for (index, part) in content.parts.enumerated() {
                if let refusal = Self.partRefusal(part, at: "contents[\(turn)].parts[\(index)]") { return refusal }
            }
        }
        return nil
    }

    private static func configRefusal(_ config: GeminiGenerationConfig) -> UnsupportedParameter? {
        if let count = config.candidateCount, count != 1 {
            return UnsupportedParameter(
                param: "generationConfig.candidateCount",
                message: "candidateCount \(count) is not supported by this gateway: it answers with one candidate")
        }
        let mime = config.responseMimeType ?? "text/plain"
        if mime != "text/plain", mime != "application/json" {
            return UnsupportedParameter(
                param: "generationConfig.responseMimeType",
                message: "responseMimeType '\(mime)' is not supported by this gateway: use text/plain or application/json")
        }
        if mime != "application/json", config.responseSchema != nil || config.responseJsonSchema != nil {
            return UnsupportedParameter(
                param: "generationConfig.responseSchema",
                message: "a response schema needs responseMimeType 'application/json'")
        }
        if let modalities = config.extra["responseModalities"]?.arrayValue,
           modalities.contains(where: { $0.stringValue?.uppercased() != "TEXT" }) {
            return UnsupportedParameter(
                param: "generationConfig.responseModalities",
                message: "this gateway answers with text only: responseModalities may only hold TEXT")
        }
        return nil
    }

    private static func partRefusal(_ part: GeminiPart, at path: String) -> UnsupportedParameter? {
        if let blob = part.inlineData, !blob.mimeType.lowercased().hasPrefix("image/") {
            return UnsupportedParameter(
                param: path + ".inlineData.mimeType",
                message: "inline data of type '\(blob.mimeType)' is not supported by this gateway: only images are")
        }
        if let file = part.fileData {
            let isImage = file.mimeType?.lowercased().hasPrefix("image/") ?? false
            let isWeb = file.fileURI.hasPrefix("https://") || file.fileURI.hasPrefix("http://")
            if !isImage || !isWeb {
                return UnsupportedParameter(
                    param: path + ".fileData",
                    message: "fileData is supported only for images at http(s) URLs; send other files as inlineData")
            }
        }
        return nil
    }
}

extension ChatCompletionRequest {
    /// Translates a Gemini `generateContent` request (for `model`, streaming when `stream`) into the chat
    /// completion the gateway routes, for any upstream.
    ///
    /// `systemInstruction` becomes the first (system) message; `model` turns become assistant messages (text, and
    /// their `functionCall`s as `tool_calls`, arguments as JSON text); `functionResponse` parts become `tool`
    /// messages answering the call they name, ahead of the rest of their turn; images (inline or at an http(s)
    /// URL) become `image_url` parts. A call without an `id` gets `call_{turn}_{index}`, and a response without
    /// one answers the oldest unanswered call of its name. `functionDeclarations` become function tools (Google's
    /// `Schema` read as JSON Schema); `functionCallingConfig` becomes `tool_choice` (ANY with one allowed name
    /// picks that function; with several, only those tools are sent). `generationConfig` becomes the sampling
    /// options, `max_completion_tokens`, `stop` and, for `application/json`, `response_format`. Thoughts,
    /// `safetySettings` and `thinkingConfig` stay behind. Streams ask for a final usage chunk.
    public init(translating request: GeminiGenerateContentRequest, model: String, stream: Bool) {
        var messages: [ChatMessage] = []
        if let system = request.systemInstruction {
            let text = system.parts.compactMap { $0.thought == true ? nil : $0.text }.joined(separator: "\n")
            if !text.isEmpty { messages.append(.text(.system, text)) }
        }
        // The calls of the latest model turn, in order, that no response has answered yet.
        var unanswered: [(id: String, name: String)] = []
        for (turn, content) in request.contents.enumerated() {
            if content.role == "model" {
                let (message, calls) = Self.assistantMessage(content, turn: turn)
                unanswered = calls
                if let message { messages.append(message) }
                continue
            }
            var userParts: [ChatContentPart] = []
            for part in content.parts where part.thought != true {
                if let response = part.functionResponse {
                    let id: String
                    if let given = response.id, !given.isEmpty {
                        id = given
                        unanswered.removeAll { $0.id == given }
                    } else if let at = unanswered.firstIndex(where: { $0.name == response.name }) {
                        id = unanswered.remove(at: at).id
                    } else {
                        id = "call_\(response.name)"
                    }
                    let output = (response.response ?? .object([:])).jsonString()
                    messages.append(ChatMessage(role: .tool, content: .text(output), toolCallID: id))
                } else if let text = part.text {
                    userParts.append(.text(text))
                } else if let blob = part.inlineData {
                    userParts.append(.imageURL(.init(url: "data:\(blob.mimeType);base64,\(blob.data)")))
                } else if let file = part.fileData {
                    userParts.append(.imageURL(.init(url: file.fileURI)))
                }
            }
            if !userParts.isEmpty { messages.append(ChatMessage(role: .user, content: Self.compact(userParts))) }
        }

        let config = request.toolConfig?.functionCallingConfig
        var tools: [ChatTool] = (request.tools ?? []).flatMap { $0.functionDeclarations ?? [] }.map { declaration in
            ChatTool(function: FunctionDefinition(
                name: declaration.name, description: declaration.description,
                parameters: declaration.argumentsJSONSchema ?? ["type": "object", "properties": [:]]))
        }
        var toolChoice: ChatToolChoice?
        switch config?.mode {
        case "NONE"?: toolChoice = ChatToolChoice.none
        case "AUTO"?: toolChoice = .auto
        case "ANY"?:
            let allowed = config?.allowedFunctionNames ?? []
            if allowed.count == 1 {
                toolChoice = .function(allowed[0])
            } else {
                if !allowed.isEmpty { tools = tools.filter { allowed.contains($0.function.name) } }
                toolChoice = .required
            }
        default: toolChoice = nil
        }

        let generation = request.generationConfig
        var extra: [String: JSONValue] = [:]
        if let penalty = generation?.presencePenalty { extra["presence_penalty"] = .double(penalty) }
        if let penalty = generation?.frequencyPenalty { extra["frequency_penalty"] = .double(penalty) }
        let stops = generation?.stopSequences ?? []
        self.init(
            model: model,
            messages: messages,
            stream: stream ? true : nil,
            streamOptions: stream ? StreamOptions(includeUsage: true) : nil,
            tools: tools.isEmpty ? nil : tools,
            // Chat upstreams refuse a tool choice without tools.
            toolChoice: tools.isEmpty ? nil : toolChoice,
            responseFormat: generation.flatMap(Self.responseFormat),
            stop: stops.isEmpty ? nil : .multiple(stops),
            maxCompletionTokens: generation?.maxOutputTokens,
            temperature: generation?.temperature,
            topP: generation?.topP,
            seed: generation?.seed,
            extra: extra
        )
    }

    /// A model turn as an assistant message (nil when it said nothing but thoughts) and the calls it made.
    private static func assistantMessage(
        _ content: GeminiContent, turn: Int
    ) -> (ChatMessage?, [(id: String, name: String)]) {
        var text = ""
        var calls: [ChatToolCall] = []
        for part in content.parts where part.thought != true {
            if let call = part.functionCall {
                let id = call.id.flatMap { $0.isEmpty ? nil : $0 } ?? "call_\(turn)_\(calls.count)"
                let arguments = call.args.map { $0 == .null ? "{}" : $0.jsonString() } ?? "{}"
                calls.append(ChatToolCall(id: id, function: FunctionCall(name: call.name, arguments: arguments)))
            } else if let piece = part.text {
                text += piece
            }
        }
        guard !text.isEmpty || !calls.isEmpty else { return (nil, []) }
        let message = ChatMessage(
            role: .assistant, content: text.isEmpty ? nil : .text(text), toolCalls: calls.isEmpty ? nil : calls)
        return (message, calls.map { ($0.id, $0.function.name) })
    }

    /// One text part stays a string; anything else is sent as parts.
    private static func compact(_ parts: [ChatContentPart]) -> ChatContent {
        if parts.count == 1, case .text(let text, _) = parts[0] { return .text(text) }
        return .parts(parts)
    }

    /// `responseMimeType: application/json` as chat's `response_format`: a `json_schema` when a schema is given
    /// (`responseJsonSchema` as is, `responseSchema` read as JSON Schema), else `json_object`.
    private static func responseFormat(_ config: GeminiGenerationConfig) -> JSONValue? {
        guard config.responseMimeType == "application/json" else { return nil }
        let schema = config.responseJsonSchema ?? config.responseSchema.map(GeminiSchema.jsonSchema(from:))
        guard let schema, schema != .null else { return ["type": "json_object"] }
        return ["type": "json_schema", "json_schema": ["name": "response", "schema": schema]]
    }
}

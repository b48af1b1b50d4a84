import SwitchyardJSON

extension GeminiGenerateContentRequest {
    /// What a function call sent back to Gemini carries as its `thoughtSignature` when the gateway has none: the
    /// value Google documents for conversations that come from elsewhere. Gemini 3 models refuse a call in the
    /// history without a signature; the client never saw the real one (chat has no place for it).
    public static let foreignThoughtSignature = "skip_thought_signature_validator"

    /// Translates a chat request for a Gemini upstream (the model and whether it streams go in the path).
    ///
    /// System and developer messages become `systemInstruction`; assistant messages become `model` turns (text,
    /// then each tool call as a `functionCall` with its arguments parsed, the first one signed with
    /// `foreignThoughtSignature`); `tool` messages become `functionResponse` parts (named after the call they
    /// answer; output that is not a JSON object is wrapped as `{"output":…}`); images become `inlineData`
    /// (`data:` URLs) or `fileData`. Consecutive turns of one role merge. Function tools become one tool's
    /// `functionDeclarations` with `parametersJsonSchema`; `tool_choice` becomes `functionCallingConfig`;
    /// `response_format` becomes `responseMimeType` (and `responseJsonSchema`); sampling options, `stop`,
    /// `seed` and the token cap go in `generationConfig`. Other OpenAI-only options are dropped.
    public init(translating request: ChatCompletionRequest) {
        var system: [String] = []
        var turns: [GeminiContent] = []
        var callNames: [String: String] = [:]

        func append(_ role: String, _ parts: [GeminiPart]) {
            guard !parts.isEmpty else { return }
            if let last = turns.indices.last, turns[last].role == role {
                turns[last].parts += parts
            } else {
                turns.append(GeminiContent(role: role, parts: parts))
            }
        }

        for message in request.messages {
            switch message.role {
            case .system, .developer:
                let text = message.textContent
                if !text.isEmpty { system.append(text) }
            case .assistant:
                var parts: [GeminiPart] = []
                let text = message.textContent
                if !text.isEmpty { parts.append(.text(text)) }
                for (index, call) in (message.toolCalls ?? []).enumerated() {
                    callNames[call.id] = call.function.name
                    let args = JSONValue(parsing: call.function.arguments).flatMap { $0.objectValue.map(JSONValue.object) }
                    var part = GeminiPart(functionCall: GeminiFunctionCall(
                        id: call.id, name: call.function.name, args: args ?? .object([:])))
                    if index == 0 { part.extra["thoughtSignature"] = .string(Self.foreignThoughtSignature) }
                    parts.append(part)
                }
                append("model", parts)
            case .tool:
                let id = message.toolCallID ?? ""
                let text = message.textContent
                let response: JSONValue
                if let parsed = JSONValue(parsing: text), case .object = parsed {
                    response = parsed
                } else {
                    response = ["output": JSONValue(parsing: text) ?? .string(text)]
                }
                let answer = GeminiFunctionResponse(
                    id: id.isEmpty ? nil : id, name: callNames[id] ?? message.name ?? "", response: response)
                append("user", [GeminiPart(functionResponse: answer)])
            default:
                append("user", Self.userParts(message.content))
            }
        }

        let declarations = (request.tools ?? []).map { tool in
            GeminiFunctionDeclaration(
                name: tool.function.name, description: tool.function.description,
                parametersJsonSchema: tool.function.parameters)
        }
        var toolConfig: GeminiToolConfig?
        if !declarations.isEmpty {
            switch request.toolChoice {
            case .none?: toolConfig = GeminiToolConfig(functionCallingConfig: .init(mode: "NONE"))
            case .auto?: toolConfig = GeminiToolConfig(functionCallingConfig: .init(mode: "AUTO"))
            case .required?: toolConfig = GeminiToolConfig(functionCallingConfig: .init(mode: "ANY"))
            case .function(let name)?:
                toolConfig = GeminiToolConfig(functionCallingConfig: .init(mode: "ANY", allowedFunctionNames: [name]))
            case .other?, nil: toolConfig = nil
            }
        }

        var config = GeminiGenerationConfig(
            temperature: request.temperature, topP: request.topP, maxOutputTokens: request.maxOutputTokens,
            stopSequences: request.stop?.values, seed: request.seed)
        config.presencePenalty = request.extra["presence_penalty"]?.doubleValue
        config.frequencyPenalty = request.extra["frequency_penalty"]?.doubleValue
        switch request.responseFormat?["type"]?.stringValue {
        case "json_object"?:
            config.responseMimeType = "application/json"
        case "json_schema"?:
            config.responseMimeType = "application/json"
            if let schema = request.responseFormat?["json_schema"]?["schema"], schema != .null {
                config.responseJsonSchema = schema
            }
        default:
            break
        }

        self.init(
            contents: turns,
            systemInstruction: system.isEmpty ? nil : GeminiContent(parts: [.text(system.joined(separator: "\n\n"))]),
            tools: declarations.isEmpty ? nil : [GeminiTool(functionDeclarations: declarations)],
            toolConfig: toolConfig,
            generationConfig: config == GeminiGenerationConfig() ? nil : config
        )
    }

    private static func userParts(_ content: ChatContent?) -> [GeminiPart] {
        switch content {
        case nil: return []
        case .text(let text)?: return text.isEmpty ? [] : [.text(text)]
        case .parts(let parts)?:
            return parts.compactMap { part in
                switch part {
                case .text(let text, _): return .text(text)
                case .imageURL(let image, _): return Self.imagePart(image.url)
                case .other: return nil
                }
            }
        }
    }

    /// A `data:` URL as inline bytes; any other URL as a file reference.
    private static func imagePart(_ url: String) -> GeminiPart {
        let source = AnthropicImageSource(openAIURL: url)
        if source.type == "base64" {
            return GeminiPart(inlineData: GeminiBlob(mimeType: source.mediaType ?? "image/png", data: source.data ?? ""))
        }
        return GeminiPart(fileData: GeminiFileData(mimeType: Self.imageType(of: url), fileURI: url))
    }

    /// The image type a URL's extension names; JPEG when it names none.
    private static func imageType(of url: String) -> String {
        let path = url.split(separator: "?").first.map(String.init)?.lowercased() ?? ""
        if path.hasSuffix(".png") { return "image/png" }
        if path.hasSuffix(".webp") { return "image/webp" }
        if path.hasSuffix(".gif") { return "image/gif" }
        if path.hasSuffix(".heic") { return "image/heic" }
        return "image/jpeg"
    }
}

import SwitchyardJSON

/// The body of Google's `POST /v1beta/models/{model}:generateContent` (and `:streamGenerateContent`): the model
/// and whether it streams are in the path, not the body. Members are read in either spelling Google's JSON
/// mapping accepts (`systemInstruction` or `system_instruction`) and written in lowerCamelCase, as the API
/// answers and as `google-genai` sends them.
public struct GeminiGenerateContentRequest: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The conversation, oldest turn first.
    public var contents: [GeminiContent]
    /// The system prompt: a content whose parts are text.
    public var systemInstruction: GeminiContent?
    /// The `tools` member.
    public var tools: [GeminiTool]?
    /// The `toolConfig` member.
    public var toolConfig: GeminiToolConfig?
    /// The `generationConfig` member.
    public var generationConfig: GeminiGenerationConfig?
    /// The `safetySettings` member, kept as sent (the gateway does not apply it).
    public var safetySettings: JSONValue?
    /// A context cache stored on Google's servers (`cachedContents/…`), which the gateway refuses.
    public var cachedContent: String?
    /// Every member not modelled above, written back unchanged on encode.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        contents: [GeminiContent], systemInstruction: GeminiContent? = nil, tools: [GeminiTool]? = nil,
        toolConfig: GeminiToolConfig? = nil, generationConfig: GeminiGenerationConfig? = nil,
        safetySettings: JSONValue? = nil, cachedContent: String? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.contents = contents
        self.systemInstruction = systemInstruction
        self.tools = tools
        self.toolConfig = toolConfig
        self.generationConfig = generationConfig
        self.safetySettings = safetySettings
        self.cachedContent = cachedContent
        self.extra = extra
    }

    static let known: Set<String> = [
        "contents", "systemInstruction", "system_instruction", "tools", "toolConfig", "tool_config",
        "generationConfig", "generation_config", "safetySettings", "safety_settings", "cachedContent",
        "cached_content",
    ]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        contents = try c.optional("contents") ?? []
        systemInstruction = try c.either("systemInstruction", "system_instruction")
        tools = try c.optional("tools")
        toolConfig = try c.either("toolConfig", "tool_config")
        generationConfig = try c.either("generationConfig", "generation_config")
        safetySettings = try c.either("safetySettings", "safety_settings")
        cachedContent = try c.either("cachedContent", "cached_content")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(contents, "contents")
        w.putIfPresent(systemInstruction, "systemInstruction")
        w.putIfPresent(tools, "tools")
        w.putIfPresent(toolConfig, "toolConfig")
        w.putIfPresent(generationConfig, "generationConfig")
        w.putIfPresent(safetySettings, "safetySettings")
        w.putIfPresent(cachedContent, "cachedContent")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// One turn: `{"role":"user"|"model","parts":[…]}`. The role is optional (a system instruction has none).
public struct GeminiContent: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `user`, `model` (or the older `function`); nil on a system instruction.
    public var role: String?
    /// The `parts` member.
    public var parts: [GeminiPart]

    /// Creates a value from its members.
    public init(role: String? = nil, parts: [GeminiPart]) {
        self.role = role
        self.parts = parts
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        role = try c.optional("role")
        parts = try c.optional("parts") ?? []
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(parts, "parts")
        w.putIfPresent(role, "role")
        w.endObject()
    }

    /// The text parts (thoughts left out), concatenated.
    public var text: String {
        parts.compactMap { $0.thought == true ? nil : $0.text }.joined()
    }
}

/// One part of a turn. Google's `Part` is a union: exactly one of `text`, `inlineData`, `fileData`,
/// `functionCall`, `functionResponse` (or a member the gateway does not model, kept in `extra`) is set.
public struct GeminiPart: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `text` member.
    public var text: String?
    /// Whether the text is the model's reasoning rather than its answer.
    public var thought: Bool?
    /// Bytes sent inline (`{"mimeType","data"}`, the data base64).
    public var inlineData: GeminiBlob?
    /// A file by URI (`{"mimeType","fileUri"}`).
    public var fileData: GeminiFileData?
    /// A call the model made.
    public var functionCall: GeminiFunctionCall?
    /// What the application's function returned.
    public var functionResponse: GeminiFunctionResponse?
    /// Members not modelled above (`thoughtSignature`, `executableCode`, `videoMetadata`, …), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        text: String? = nil, thought: Bool? = nil, inlineData: GeminiBlob? = nil, fileData: GeminiFileData? = nil,
        functionCall: GeminiFunctionCall? = nil, functionResponse: GeminiFunctionResponse? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.text = text
        self.thought = thought
        self.inlineData = inlineData
        self.fileData = fileData
        self.functionCall = functionCall
        self.functionResponse = functionResponse
        self.extra = extra
    }

    /// A text part.
    public static func text(_ text: String) -> GeminiPart { GeminiPart(text: text) }

    static let known: Set<String> = [
        "text", "thought", "inlineData", "inline_data", "fileData", "file_data", "functionCall", "function_call",
        "functionResponse", "function_response",
    ]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        text = try c.optional("text")
        thought = try c.optional("thought")
        inlineData = try c.either("inlineData", "inline_data")
        fileData = try c.either("fileData", "file_data")
        functionCall = try c.either("functionCall", "function_call")
        functionResponse = try c.either("functionResponse", "function_response")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(text, "text")
        w.putIfPresent(thought, "thought")
        w.putIfPresent(inlineData, "inlineData")
        w.putIfPresent(fileData, "fileData")
        w.putIfPresent(functionCall, "functionCall")
        w.putIfPresent(functionResponse, "functionResponse")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// Inline bytes: `{"mimeType":"image/png","data":"<base64>"}`.
public struct GeminiBlob: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `mimeType` member.
    public var mimeType: String
    /// The bytes, base64.
    public var data: String

    /// Creates a value from its members.
    public init(mimeType: String, data: String) {
        self.mimeType = mimeType
        self.data = data
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        mimeType = try c.either("mimeType", "mime_type") ?? ""
        data = try c.optional("data") ?? ""
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(mimeType, "mimeType")
        w.put(data, "data")
        w.endObject()
    }
}

/// A file by URI: `{"mimeType","fileUri"}`.
public struct GeminiFileData: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `mimeType` member.
    public var mimeType: String?
    /// The `fileUri` member.
    public var fileURI: String

    /// Creates a value from its members.
    public init(mimeType: String?, fileURI: String) {
        self.mimeType = mimeType
        self.fileURI = fileURI
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        mimeType = try c.either("mimeType", "mime_type")
        fileURI = try c.either("fileUri", "file_uri") ?? ""
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(mimeType, "mimeType")
        w.put(fileURI, "fileUri")
        w.endObject()
    }
}

/// A call the model made: `{"id"?,"name","args":{…}}` (the arguments an object, not a string).
public struct GeminiFunctionCall: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// Set by newer models; the matching `functionResponse` repeats it.
    public var id: String?
    /// The `name` member.
    public var name: String
    /// The `args` member.
    public var args: JSONValue?
    /// Members not modelled above, passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(id: String? = nil, name: String, args: JSONValue? = nil, extra: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.args = args
        self.extra = extra
    }

    static let known: Set<String> = ["id", "name", "args"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        id = try c.optional("id")
        name = try c.optional("name") ?? ""
        args = try c.optional("args")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(id, "id")
        w.put(name, "name")
        w.putIfPresent(args, "args")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// A function's result: `{"id"?,"name","response":{…}}`.
public struct GeminiFunctionResponse: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The id of the call it answers, when the call had one.
    public var id: String?
    /// The `name` member.
    public var name: String
    /// The result, a JSON object (by convention `{"output":…}` or `{"error":…}`).
    public var response: JSONValue?
    /// Members not modelled above, passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(id: String? = nil, name: String, response: JSONValue? = nil, extra: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.response = response
        self.extra = extra
    }

    static let known: Set<String> = ["id", "name", "response"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        id = try c.optional("id")
        name = try c.optional("name") ?? ""
        response = try c.optional("response")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(id, "id")
        w.put(name, "name")
        w.put(response ?? .object([:]), "response")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// One entry of `tools`: function declarations, or one of Google's built-in tools (`googleSearch`,
/// `codeExecution`, `urlContext`, …), which stay in `extra`.
public struct GeminiTool: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `functionDeclarations` member.
    public var functionDeclarations: [GeminiFunctionDeclaration]?
    /// Built-in tools and any other member, passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(functionDeclarations: [GeminiFunctionDeclaration]? = nil, extra: [String: JSONValue] = [:]) {
        self.functionDeclarations = functionDeclarations
        self.extra = extra
    }

    static let known: Set<String> = ["functionDeclarations", "function_declarations"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        functionDeclarations = try c.either("functionDeclarations", "function_declarations")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(functionDeclarations, "functionDeclarations")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// A function the model may call. Its arguments are described either by `parameters` (Google's OpenAPI-style
/// `Schema`, types in capitals) or by `parametersJsonSchema` (plain JSON Schema).
public struct GeminiFunctionDeclaration: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `name` member.
    public var name: String
    /// The `description` member.
    public var description: String?
    /// The arguments as Google's `Schema`.
    public var parameters: JSONValue?
    /// The arguments as JSON Schema.
    public var parametersJsonSchema: JSONValue?
    /// Members not modelled above (`response`, `behavior`, …), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        name: String, description: String? = nil, parameters: JSONValue? = nil,
        parametersJsonSchema: JSONValue? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.parametersJsonSchema = parametersJsonSchema
        self.extra = extra
    }

    static let known: Set<String> = ["name", "description", "parameters", "parametersJsonSchema", "parameters_json_schema"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        name = try c.value("name")
        description = try c.optional("description")
        parameters = try c.optional("parameters")
        parametersJsonSchema = try c.either("parametersJsonSchema", "parameters_json_schema")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(name, "name")
        w.putIfPresent(description, "description")
        w.putIfPresent(parameters, "parameters")
        w.putIfPresent(parametersJsonSchema, "parametersJsonSchema")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }

    /// The arguments' schema as JSON Schema, whichever way it was given; nil when the function takes none.
    public var argumentsJSONSchema: JSONValue? {
        if let parametersJsonSchema, parametersJsonSchema != .null { return parametersJsonSchema }
        return parameters.map(GeminiSchema.jsonSchema(from:))
    }
}

/// `toolConfig`: `{"functionCallingConfig":{"mode","allowedFunctionNames"}}`.
public struct GeminiToolConfig: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `functionCallingConfig` member.
    public var functionCallingConfig: GeminiFunctionCallingConfig?
    /// Members not modelled above (`retrievalConfig`), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(functionCallingConfig: GeminiFunctionCallingConfig? = nil, extra: [String: JSONValue] = [:]) {
        self.functionCallingConfig = functionCallingConfig
        self.extra = extra
    }

    static let known: Set<String> = ["functionCallingConfig", "function_calling_config"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        functionCallingConfig = try c.either("functionCallingConfig", "function_calling_config")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(functionCallingConfig, "functionCallingConfig")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// How the model may call functions: `AUTO`, `ANY` (it must call one, of `allowedFunctionNames` when given),
/// `NONE`, or `VALIDATED`.
public struct GeminiFunctionCallingConfig: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `mode` member.
    public var mode: String?
    /// The `allowedFunctionNames` member.
    public var allowedFunctionNames: [String]?

    /// Creates a value from its members.
    public init(mode: String? = nil, allowedFunctionNames: [String]? = nil) {
        self.mode = mode
        self.allowedFunctionNames = allowedFunctionNames
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        mode = try c.optional("mode")
        allowedFunctionNames = try c.either("allowedFunctionNames", "allowed_function_names")
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(mode, "mode")
        w.putIfPresent(allowedFunctionNames, "allowedFunctionNames")
        w.endObject()
    }
}

/// `generationConfig`: sampling, limits and the answer's format.
public struct GeminiGenerationConfig: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `temperature` member.
    public var temperature: Double?
    /// The `topP` member.
    public var topP: Double?
    /// The `topK` member.
    public var topK: Double?
    /// Number of answers; the gateway serves one.
    public var candidateCount: Int?
    /// The `maxOutputTokens` member.
    public var maxOutputTokens: Int?
    /// The `stopSequences` member.
    public var stopSequences: [String]?
    /// `text/plain` (the default), `application/json`, or `text/x.enum`.
    public var responseMimeType: String?
    /// The answer's shape as Google's `Schema`.
    public var responseSchema: JSONValue?
    /// The answer's shape as JSON Schema.
    public var responseJsonSchema: JSONValue?
    /// The `presencePenalty` member.
    public var presencePenalty: Double?
    /// The `frequencyPenalty` member.
    public var frequencyPenalty: Double?
    /// The `seed` member.
    public var seed: Int?
    /// Members not modelled above (`thinkingConfig`, `responseModalities`, …), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        temperature: Double? = nil, topP: Double? = nil, topK: Double? = nil, candidateCount: Int? = nil,
        maxOutputTokens: Int? = nil, stopSequences: [String]? = nil, responseMimeType: String? = nil,
        responseSchema: JSONValue? = nil, responseJsonSchema: JSONValue? = nil, presencePenalty: Double? = nil,
        frequencyPenalty: Double? = nil, seed: Int? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.candidateCount = candidateCount
        self.maxOutputTokens = maxOutputTokens
        self.stopSequences = stopSequences
        self.responseMimeType = responseMimeType
        self.responseSchema = responseSchema
        self.responseJsonSchema = responseJsonSchema
        self.presencePenalty = presencePenalty
        self.frequencyPenalty = frequencyPenalty
        self.seed = seed
        self.extra = extra
    }

    static let known: Set<String> = [
        "temperature", "topP", "top_p", "topK", "top_k", "candidateCount", "candidate_count", "maxOutputTokens",
        "max_output_tokens", "stopSequences", "stop_sequences", "responseMimeType", "response_mime_type",
        "responseSchema", "response_schema", "responseJsonSchema", "response_json_schema", "_responseJsonSchema",
        "presencePenalty", "presence_penalty", "frequencyPenalty", "frequency_penalty", "seed",
    ]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        temperature = try c.optional("temperature")
        topP = try c.either("topP", "top_p")
        topK = try c.either("topK", "top_k")
        candidateCount = try c.either("candidateCount", "candidate_count")
        maxOutputTokens = try c.either("maxOutputTokens", "max_output_tokens")
        stopSequences = try c.either("stopSequences", "stop_sequences")
        responseMimeType = try c.either("responseMimeType", "response_mime_type")
        responseSchema = try c.either("responseSchema", "response_schema")
        responseJsonSchema = try c.either("responseJsonSchema", "response_json_schema")
            ?? c.optional("_responseJsonSchema")
        presencePenalty = try c.either("presencePenalty", "presence_penalty")
        frequencyPenalty = try c.either("frequencyPenalty", "frequency_penalty")
        seed = try c.optional("seed")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.putIfPresent(temperature, "temperature")
        w.putIfPresent(topP, "topP")
        w.putIfPresent(topK, "topK")
        w.putIfPresent(candidateCount, "candidateCount")
        w.putIfPresent(maxOutputTokens, "maxOutputTokens")
        w.putIfPresent(stopSequences, "stopSequences")
        w.putIfPresent(responseMimeType, "responseMimeType")
        w.putIfPresent(responseSchema, "responseSchema")
        w.putIfPresent(responseJsonSchema, "responseJsonSchema")
        w.putIfPresent(presencePenalty, "presencePenalty")
        w.putIfPresent(frequencyPenalty, "frequencyPenalty")
        w.putIfPresent(seed, "seed")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

extension WireObject {
    /// A member Google's JSON mapping accepts under two names (lowerCamelCase and the proto field name): the
    /// first one present.
    func either<T: WireDecodable>(_ camel: String, _ snake: String, as type: T.Type = T.self) throws -> T? {
        if let value: T = try optional(camel) { return value }
        return try optional(snake)
    }
}

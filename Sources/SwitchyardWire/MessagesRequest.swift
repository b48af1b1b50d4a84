import SwitchyardJSON
/// `POST /v1/messages` request body.
public struct MessagesRequest: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `model` member.
    public var model: String
    /// Required by the API.
    public var maxTokens: Int
    /// A string or an array of text blocks.
    public var system: AnthropicContent?
    /// The `messages` member.
    public var messages: [AnthropicMessage]
    /// The `stop_sequences` member.
    public var stopSequences: [String]?
    /// The `stream` member.
    public var stream: Bool?
    /// The `temperature` member.
    public var temperature: Double?
    /// The `top_p` member.
    public var topP: Double?
    /// The `top_k` member.
    public var topK: Int?
    /// The `tools` member.
    public var tools: [AnthropicTool]?
    /// The `tool_choice` member.
    public var toolChoice: AnthropicToolChoice?
    /// `{"user_id":…}`, kept as sent.
    public var metadata: JSONValue?
    /// Every member not modelled above (`thinking`, `service_tier`, …), written back unchanged on encode.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        model: String, maxTokens: Int, system: AnthropicContent? = nil, messages: [AnthropicMessage],
        stopSequences: [String]? = nil, stream: Bool? = nil, temperature: Double? = nil, topP: Double? = nil,
        topK: Int? = nil, tools: [AnthropicTool]? = nil, toolChoice: AnthropicToolChoice? = nil,
        metadata: JSONValue? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.maxTokens = maxTokens
        self.system = system
        self.messages = messages
        self.stopSequences = stopSequences
        self.stream = stream
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.tools = tools
        self.toolChoice = toolChoice
        self.metadata = metadata
        self.extra = extra
    }

    /// Whether the client asked for a stream.
    public var isStreaming: Bool { stream ?? false }

    static let known: Set<String> = [
        "model", "max_tokens", "system", "messages", "stop_sequences", "stream", "temperature", "top_p", "top_k",
        "tools", "tool_choice", "metadata",
    ]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        model = try c.value("model")
        maxTokens = try c.value("max_tokens")
        system = try c.optional("system")
        messages = try c.value("messages")
        stopSequences = try c.optional("stop_sequences")
        stream = try c.optional("stream")
        temperature = try c.optional("temperature")
        topP = try c.optional("top_p")
        topK = try c.optional("top_k")
        tools = try c.optional("tools")
        toolChoice = try c.optional("tool_choice")
        metadata = try c.optional("metadata")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(model, "model")
        w.put(maxTokens, "max_tokens")
        w.putIfPresent(system, "system")
        w.put(messages, "messages")
        w.putIfPresent(stopSequences, "stop_sequences")
        w.putIfPresent(stream, "stream")
        w.putIfPresent(temperature, "temperature")
        w.putIfPresent(topP, "top_p")
        w.putIfPresent(topK, "top_k")
        w.putIfPresent(tools, "tools")
        w.putIfPresent(toolChoice, "tool_choice")
        w.putIfPresent(metadata, "metadata")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// One conversation turn: role `user` or `assistant`, content a string or blocks.
public struct AnthropicMessage: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `role` member.
    public var role: String
    /// The `content` member.
    public var content: AnthropicContent
    /// Members not modelled above, passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(role: String, content: AnthropicContent, extra: [String: JSONValue] = [:]) {
        self.role = role
        self.content = content
        self.extra = extra
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        role = try c.value("role")
        content = try c.value("content")
        extra = c.extras(excluding: ["role", "content"])
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(role, "role")
        w.put(content, "content")
        w.putExtras(extra, excluding: ["role", "content"])
        w.endObject()
    }
}

/// A client tool: `{"name","description","input_schema"}`.
public struct AnthropicTool: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `name` member.
    public var name: String
    /// The `description` member.
    public var description: String?
    /// JSON Schema of the input object; absent on server tools.
    public var inputSchema: JSONValue?
    /// Members not modelled above (`type` of server tools, `cache_control`), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(name: String, description: String? = nil, inputSchema: JSONValue?, extra: [String: JSONValue] = [:]) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
        self.extra = extra
    }

    static let known: Set<String> = ["name", "description", "input_schema"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        name = try c.value("name")
        description = try c.optional("description")
        inputSchema = try c.optional("input_schema")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(name, "name")
        w.putIfPresent(description, "description")
        w.putIfPresent(inputSchema, "input_schema")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// `tool_choice`: `{"type":"auto"|"any"|"tool"|"none","name"?}`.
public struct AnthropicToolChoice: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `type` member.
    public var type: String
    /// The tool to use when `type` is `"tool"`.
    public var name: String?
    /// Members not modelled above (`disable_parallel_tool_use`), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(type: String, name: String? = nil, extra: [String: JSONValue] = [:]) {
        self.type = type
        self.name = name
        self.extra = extra
    }

    /// `disable_parallel_tool_use`, when set.
    public var disableParallelToolUse: Bool? {
        if case .bool(let b)? = extra["disable_parallel_tool_use"] { return b }
        return nil
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        type = try c.value("type")
        name = try c.optional("name")
        extra = c.extras(excluding: ["type", "name"])
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(type, "type")
        w.putIfPresent(name, "name")
        w.putExtras(extra, excluding: ["type", "name"])
        w.endObject()
    }
}

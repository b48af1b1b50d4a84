import SwitchyardJSON
/// Anthropic `stop_reason`; open-ended so unknown reasons still decode.
public struct StopReason: WireString {
    /// The wire string.
    public var rawValue: String
    /// Wraps a wire string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `end_turn`.
    public static let endTurn: StopReason = "end_turn"
    /// `max_tokens`.
    public static let maxTokens: StopReason = "max_tokens"
    /// `stop_sequence`.
    public static let stopSequence: StopReason = "stop_sequence"
    /// `tool_use`.
    public static let toolUse: StopReason = "tool_use"
    /// `refusal`.
    public static let refusal: StopReason = "refusal"
}

/// Anthropic token usage: `{"input_tokens","output_tokens","cache_creation_input_tokens"?,"cache_read_input_tokens"?}`.
public struct AnthropicUsage: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `input_tokens` member.
    public var inputTokens: Int
    /// The `output_tokens` member.
    public var outputTokens: Int
    /// The `cache_creation_input_tokens` member.
    public var cacheCreationInputTokens: Int?
    /// The `cache_read_input_tokens` member.
    public var cacheReadInputTokens: Int?
    /// Members not modelled above (`service_tier`, `server_tool_use`, `cache_creation`), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(inputTokens: Int, outputTokens: Int, cacheCreationInputTokens: Int? = nil,
                cacheReadInputTokens: Int? = nil, extra: [String: JSONValue] = [:]) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.extra = extra
    }

    /// Every prompt token, cached or not (what OpenAI calls `prompt_tokens`).
    public var totalInputTokens: Int {
        inputTokens + (cacheCreationInputTokens ?? 0) + (cacheReadInputTokens ?? 0)
    }

    static let known: Set<String> = [
        "input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens",
    ]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        inputTokens = try c.optional("input_tokens") ?? 0
        outputTokens = try c.optional("output_tokens") ?? 0
        cacheCreationInputTokens = try c.optional("cache_creation_input_tokens")
        cacheReadInputTokens = try c.optional("cache_read_input_tokens")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(inputTokens, "input_tokens")
        w.putIfPresent(cacheCreationInputTokens, "cache_creation_input_tokens")
        w.putIfPresent(cacheReadInputTokens, "cache_read_input_tokens")
        w.put(outputTokens, "output_tokens")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// `POST /v1/messages` non-streaming response body (also the `message` of `message_start`).
public struct MessagesResponse: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `"msg_…"`.
    public var id: String
    /// Always `"message"`.
    public var type: String
    /// Always `"assistant"`.
    public var role: String
    /// The `content` member.
    public var content: [AnthropicContentBlock]
    /// The `model` member.
    public var model: String
    /// Sent as `null` until the message is complete (e.g. in `message_start`).
    public var stopReason: StopReason?
    /// The `stop_sequence` member.
    public var stopSequence: String?
    /// The `usage` member.
    public var usage: AnthropicUsage
    /// Members not modelled above (e.g. `container`), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        id: String, type: String = "message", role: String = "assistant", content: [AnthropicContentBlock],
        model: String, stopReason: StopReason?, stopSequence: String? = nil, usage: AnthropicUsage,
        extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.type = type
        self.role = role
        self.content = content
        self.model = model
        self.stopReason = stopReason
        self.stopSequence = stopSequence
        self.usage = usage
        self.extra = extra
    }

    static let known: Set<String> = ["id", "type", "role", "content", "model", "stop_reason", "stop_sequence", "usage"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        id = try c.value("id")
        type = try c.optional("type") ?? "message"
        role = try c.optional("role") ?? "assistant"
        content = try c.optional("content") ?? []
        model = try c.value("model")
        stopReason = try c.optional("stop_reason")
        stopSequence = try c.optional("stop_sequence")
        usage = try c.optional("usage") ?? AnthropicUsage(inputTokens: 0, outputTokens: 0)
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(id, "id")
        w.put(type, "type")
        w.put(role, "role")
        w.put(model, "model")
        w.put(content, "content")
        w.putNullable(stopReason, "stop_reason")
        w.putNullable(stopSequence, "stop_sequence")
        w.put(usage, "usage")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

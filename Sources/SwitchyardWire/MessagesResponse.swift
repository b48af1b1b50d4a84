/// Anthropic `stop_reason`; open-ended so unknown reasons still decode.
public struct StopReason: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public static let endTurn: StopReason = "end_turn"
    public static let maxTokens: StopReason = "max_tokens"
    public static let stopSequence: StopReason = "stop_sequence"
    public static let toolUse: StopReason = "tool_use"
    public static let refusal: StopReason = "refusal"
}

/// Anthropic token usage: `{"input_tokens","output_tokens","cache_creation_input_tokens"?,"cache_read_input_tokens"?}`.
public struct AnthropicUsage: Codable, Hashable, Sendable {
    public var inputTokens: Int
    public var outputTokens: Int
    public var cacheCreationInputTokens: Int?
    public var cacheReadInputTokens: Int?
    /// Members not modelled above (`service_tier`, `server_tool_use`, `cache_creation`), passed through.
    public var extra: [String: JSONValue]

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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        inputTokens = try c.optional("input_tokens") ?? 0
        outputTokens = try c.optional("output_tokens") ?? 0
        cacheCreationInputTokens = try c.optional("cache_creation_input_tokens")
        cacheReadInputTokens = try c.optional("cache_read_input_tokens")
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put(inputTokens, "input_tokens")
        try c.putIfPresent(cacheCreationInputTokens, "cache_creation_input_tokens")
        try c.putIfPresent(cacheReadInputTokens, "cache_read_input_tokens")
        try c.put(outputTokens, "output_tokens")
        try c.putExtras(extra, excluding: Self.known)
    }
}

/// `POST /v1/messages` non-streaming response body (also the `message` of `message_start`).
public struct MessagesResponse: Codable, Hashable, Sendable {
    /// `"msg_…"`.
    public var id: String
    /// Always `"message"`.
    public var type: String
    /// Always `"assistant"`.
    public var role: String
    public var content: [AnthropicContentBlock]
    public var model: String
    /// Sent as `null` until the message is complete (e.g. in `message_start`).
    public var stopReason: StopReason?
    public var stopSequence: String?
    public var usage: AnthropicUsage
    /// Members not modelled above (e.g. `container`), passed through.
    public var extra: [String: JSONValue]

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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        id = try c.value("id")
        type = try c.optional("type") ?? "message"
        role = try c.optional("role") ?? "assistant"
        content = try c.optional("content") ?? []
        model = try c.value("model")
        stopReason = try c.optional("stop_reason")
        stopSequence = try c.optional("stop_sequence")
        usage = try c.optional("usage") ?? AnthropicUsage(inputTokens: 0, outputTokens: 0)
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put(id, "id")
        try c.put(type, "type")
        try c.put(role, "role")
        try c.put(model, "model")
        try c.put(content, "content")
        try c.putNullable(stopReason, "stop_reason")
        try c.putNullable(stopSequence, "stop_sequence")
        try c.put(usage, "usage")
        try c.putExtras(extra, excluding: Self.known)
    }
}

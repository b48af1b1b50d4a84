/// `POST /v1/chat/completions` request body.
public struct ChatCompletionRequest: Codable, Hashable, Sendable {
    public var model: String
    public var messages: [ChatMessage]
    public var stream: Bool?
    public var streamOptions: StreamOptions?
    public var tools: [ChatTool]?
    public var toolChoice: ChatToolChoice?
    public var parallelToolCalls: Bool?
    /// `{"type":"text"|"json_object"|"json_schema",…}`, kept as sent.
    public var responseFormat: JSONValue?
    public var n: Int?
    public var stop: StopSequences?
    public var maxTokens: Int?
    public var maxCompletionTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var user: String?
    public var seed: Int?
    /// Every member not modelled above, written back unchanged on encode.
    public var extra: [String: JSONValue]

    /// `stream_options`: `{"include_usage": true}` asks for a final usage chunk.
    public struct StreamOptions: Codable, Hashable, Sendable {
        public var includeUsage: Bool?
        public var extra: [String: JSONValue]

        public init(includeUsage: Bool? = nil, extra: [String: JSONValue] = [:]) {
            self.includeUsage = includeUsage
            self.extra = extra
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: WireCodingKey.self)
            includeUsage = try c.optional("include_usage")
            extra = try c.extras(excluding: ["include_usage"])
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: WireCodingKey.self)
            try c.putIfPresent(includeUsage, "include_usage")
            try c.putExtras(extra, excluding: ["include_usage"])
        }
    }

    public init(
        model: String, messages: [ChatMessage], stream: Bool? = nil, streamOptions: StreamOptions? = nil,
        tools: [ChatTool]? = nil, toolChoice: ChatToolChoice? = nil, parallelToolCalls: Bool? = nil,
        responseFormat: JSONValue? = nil, n: Int? = nil, stop: StopSequences? = nil, maxTokens: Int? = nil,
        maxCompletionTokens: Int? = nil, temperature: Double? = nil, topP: Double? = nil, user: String? = nil,
        seed: Int? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.messages = messages
        self.stream = stream
        self.streamOptions = streamOptions
        self.tools = tools
        self.toolChoice = toolChoice
        self.parallelToolCalls = parallelToolCalls
        self.responseFormat = responseFormat
        self.n = n
        self.stop = stop
        self.maxTokens = maxTokens
        self.maxCompletionTokens = maxCompletionTokens
        self.temperature = temperature
        self.topP = topP
        self.user = user
        self.seed = seed
        self.extra = extra
    }

    /// Whether the client asked for a stream.
    public var isStreaming: Bool { stream ?? false }

    /// Whether a streaming client asked for a final usage chunk.
    public var includeUsage: Bool { streamOptions?.includeUsage ?? false }

    /// The completion-token cap the client set (`max_completion_tokens` wins over the legacy `max_tokens`).
    public var maxOutputTokens: Int? { maxCompletionTokens ?? maxTokens }

    static let known: Set<String> = [
        "model", "messages", "stream", "stream_options", "tools", "tool_choice", "parallel_tool_calls",
        "response_format", "n", "stop", "max_tokens", "max_completion_tokens", "temperature", "top_p", "user", "seed",
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        model = try c.value("model")
        messages = try c.value("messages")
        stream = try c.optional("stream")
        streamOptions = try c.optional("stream_options")
        tools = try c.optional("tools")
        toolChoice = try c.optional("tool_choice")
        parallelToolCalls = try c.optional("parallel_tool_calls")
        responseFormat = try c.optional("response_format")
        n = try c.optional("n")
        stop = try c.optional("stop")
        maxTokens = try c.optional("max_tokens")
        maxCompletionTokens = try c.optional("max_completion_tokens")
        temperature = try c.optional("temperature")
        topP = try c.optional("top_p")
        user = try c.optional("user")
        seed = try c.optional("seed")
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put(model, "model")
        try c.put(messages, "messages")
        try c.putIfPresent(stream, "stream")
        try c.putIfPresent(streamOptions, "stream_options")
        try c.putIfPresent(tools, "tools")
        try c.putIfPresent(toolChoice, "tool_choice")
        try c.putIfPresent(parallelToolCalls, "parallel_tool_calls")
        try c.putIfPresent(responseFormat, "response_format")
        try c.putIfPresent(n, "n")
        try c.putIfPresent(stop, "stop")
        try c.putIfPresent(maxTokens, "max_tokens")
        try c.putIfPresent(maxCompletionTokens, "max_completion_tokens")
        try c.putIfPresent(temperature, "temperature")
        try c.putIfPresent(topP, "top_p")
        try c.putIfPresent(user, "user")
        try c.putIfPresent(seed, "seed")
        try c.putExtras(extra, excluding: Self.known)
    }
}

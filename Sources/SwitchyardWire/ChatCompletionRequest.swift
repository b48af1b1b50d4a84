import SwitchyardJSON
/// `POST /v1/chat/completions` request body.
public struct ChatCompletionRequest: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `model` member.
    public var model: String
    /// The `messages` member.
    public var messages: [ChatMessage]
    /// The `stream` member.
    public var stream: Bool?
    /// The `stream_options` member.
    public var streamOptions: StreamOptions?
    /// The `tools` member.
    public var tools: [ChatTool]?
    /// The `tool_choice` member.
    public var toolChoice: ChatToolChoice?
    /// The `parallel_tool_calls` member.
    public var parallelToolCalls: Bool?
    /// `{"type":"text"|"json_object"|"json_schema",…}`, kept as sent.
    public var responseFormat: JSONValue?
    /// The `n` member.
    public var n: Int?
    /// The `stop` member.
    public var stop: StopSequences?
    /// The `max_tokens` member.
    public var maxTokens: Int?
    /// The `max_completion_tokens` member.
    public var maxCompletionTokens: Int?
    /// The `temperature` member.
    public var temperature: Double?
    /// The `top_p` member.
    public var topP: Double?
    /// The `user` member.
    public var user: String?
    /// The `seed` member.
    public var seed: Int?
    /// Every member not modelled above, written back unchanged on encode.
    public var extra: [String: JSONValue]

    /// `stream_options`: `{"include_usage": true}` asks for a final usage chunk.
    public struct StreamOptions: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The `include_usage` member.
        public var includeUsage: Bool?
        /// Members not modelled above, passed through.
        public var extra: [String: JSONValue]

        /// Creates a value from its members.
        public init(includeUsage: Bool? = nil, extra: [String: JSONValue] = [:]) {
            self.includeUsage = includeUsage
            self.extra = extra
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            includeUsage = try c.optional("include_usage")
            extra = c.extras(excluding: ["include_usage"])
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.putIfPresent(includeUsage, "include_usage")
            w.putExtras(extra, excluding: ["include_usage"])
            w.endObject()
        }
    }

    /// Creates a value from its members.
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

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
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
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(model, "model")
        w.put(messages, "messages")
        w.putIfPresent(stream, "stream")
        w.putIfPresent(streamOptions, "stream_options")
        w.putIfPresent(tools, "tools")
        w.putIfPresent(toolChoice, "tool_choice")
        w.putIfPresent(parallelToolCalls, "parallel_tool_calls")
        w.putIfPresent(responseFormat, "response_format")
        w.putIfPresent(n, "n")
        w.putIfPresent(stop, "stop")
        w.putIfPresent(maxTokens, "max_tokens")
        w.putIfPresent(maxCompletionTokens, "max_completion_tokens")
        w.putIfPresent(temperature, "temperature")
        w.putIfPresent(topP, "top_p")
        w.putIfPresent(user, "user")
        w.putIfPresent(seed, "seed")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

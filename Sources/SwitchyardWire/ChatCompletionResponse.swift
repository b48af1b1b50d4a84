/// `POST /v1/chat/completions` non-streaming response body.
public struct ChatCompletionResponse: Codable, Hashable, Sendable {
    public var id: String
    /// Always `"chat.completion"`.
    public var object: String
    /// Unix seconds.
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: ChatUsage?
    public var systemFingerprint: String?
    /// Members not modelled above (e.g. `service_tier`), passed through.
    public var extra: [String: JSONValue]

    /// One completion alternative.
    public struct Choice: Codable, Hashable, Sendable {
        public var index: Int
        public var message: ChatMessage
        public var finishReason: FinishReason?
        /// Always sent; `null` unless log probabilities were requested.
        public var logprobs: JSONValue?

        public init(index: Int = 0, message: ChatMessage, finishReason: FinishReason?, logprobs: JSONValue? = nil) {
            self.index = index
            self.message = message
            self.finishReason = finishReason
            self.logprobs = logprobs
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: WireCodingKey.self)
            index = try c.optional("index") ?? 0
            message = try c.value("message")
            finishReason = try c.optional("finish_reason")
            logprobs = try c.optional("logprobs")
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: WireCodingKey.self)
            try c.put(index, "index")
            try c.put(message, "message")
            try c.putNullable(logprobs, "logprobs")
            try c.putNullable(finishReason, "finish_reason")
        }
    }

    public init(
        id: String, object: String = "chat.completion", created: Int, model: String, choices: [Choice],
        usage: ChatUsage? = nil, systemFingerprint: String? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.object = object
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
        self.systemFingerprint = systemFingerprint
        self.extra = extra
    }

    static let known: Set<String> = ["id", "object", "created", "model", "choices", "usage", "system_fingerprint"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        id = try c.value("id")
        object = try c.optional("object") ?? "chat.completion"
        created = try c.optional("created") ?? 0
        model = try c.value("model")
        choices = try c.value("choices")
        usage = try c.optional("usage")
        systemFingerprint = try c.optional("system_fingerprint")
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put(id, "id")
        try c.put(object, "object")
        try c.put(created, "created")
        try c.put(model, "model")
        try c.put(choices, "choices")
        try c.putIfPresent(usage, "usage")
        try c.putIfPresent(systemFingerprint, "system_fingerprint")
        try c.putExtras(extra, excluding: Self.known)
    }
}

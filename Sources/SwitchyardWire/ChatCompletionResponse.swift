import SwitchyardJSON
/// `POST /v1/chat/completions` non-streaming response body.
public struct ChatCompletionResponse: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `id` member.
    public var id: String
    /// Always `"chat.completion"`.
    public var object: String
    /// Unix seconds.
    public var created: Int
    /// The `model` member.
    public var model: String
    /// The `choices` member.
    public var choices: [Choice]
    /// The `usage` member.
    public var usage: ChatUsage?
    /// The `system_fingerprint` member.
    public var systemFingerprint: String?
    /// Members not modelled above (e.g. `service_tier`), passed through.
    public var extra: [String: JSONValue]

    /// One completion alternative.
    public struct Choice: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The `index` member.
        public var index: Int
        /// The `message` member.
        public var message: ChatMessage
        /// The `finish_reason` member.
        public var finishReason: FinishReason?
        /// Always sent; `null` unless log probabilities were requested.
        public var logprobs: JSONValue?

        /// Creates a value from its members.
        public init(index: Int = 0, message: ChatMessage, finishReason: FinishReason?, logprobs: JSONValue? = nil) {
            self.index = index
            self.message = message
            self.finishReason = finishReason
            self.logprobs = logprobs
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            index = try c.optional("index") ?? 0
            message = try c.value("message")
            finishReason = try c.optional("finish_reason")
            logprobs = try c.optional("logprobs")
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.put(index, "index")
            w.put(message, "message")
            w.putNullable(logprobs, "logprobs")
            w.putNullable(finishReason, "finish_reason")
            w.endObject()
        }
    }

    /// Creates a value from its members.
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

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        id = try c.value("id")
        object = try c.optional("object") ?? "chat.completion"
        created = try c.optional("created") ?? 0
        model = try c.value("model")
        choices = try c.value("choices")
        usage = try c.optional("usage")
        systemFingerprint = try c.optional("system_fingerprint")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(id, "id")
        w.put(object, "object")
        w.put(created, "created")
        w.put(model, "model")
        w.put(choices, "choices")
        w.putIfPresent(usage, "usage")
        w.putIfPresent(systemFingerprint, "system_fingerprint")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

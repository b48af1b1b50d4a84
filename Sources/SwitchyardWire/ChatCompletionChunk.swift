import SwitchyardJSON
/// One streamed `chat.completion.chunk`, sent as `data: {…}` (the stream ends with `data: [DONE]`).
public struct ChatCompletionChunk: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `id` member.
    public var id: String
    /// Always `"chat.completion.chunk"`.
    public var object: String
    /// Unix seconds; the same on every chunk of a stream.
    public var created: Int
    /// The `model` member.
    public var model: String
    /// Empty on the final usage chunk.
    public var choices: [Choice]
    /// Only on the final chunk, and only when the client set `stream_options.include_usage`.
    public var usage: ChatUsage?
    /// The `system_fingerprint` member.
    public var systemFingerprint: String?
    /// Members not modelled above (e.g. `service_tier`), passed through.
    public var extra: [String: JSONValue]

    /// One alternative's increment.
    public struct Choice: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The `index` member.
        public var index: Int
        /// The `delta` member.
        public var delta: Delta
        /// Set on the last content chunk; sent as `null` before that.
        public var finishReason: FinishReason?
        /// The `logprobs` member.
        public var logprobs: JSONValue?

        /// Creates a value from its members.
        public init(index: Int = 0, delta: Delta, finishReason: FinishReason? = nil, logprobs: JSONValue? = nil) {
            self.index = index
            self.delta = delta
            self.finishReason = finishReason
            self.logprobs = logprobs
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            index = try c.optional("index") ?? 0
            delta = try c.optional("delta") ?? Delta()
            finishReason = try c.optional("finish_reason")
            logprobs = try c.optional("logprobs")
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.put(index, "index")
            w.put(delta, "delta")
            w.putNullable(logprobs, "logprobs")
            w.putNullable(finishReason, "finish_reason")
            w.endObject()
        }
    }

    /// What this chunk adds to the message.
    public struct Delta: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// Only on the first chunk.
        public var role: ChatRole?
        /// The `content` member.
        public var content: String?
        /// The `tool_calls` member.
        public var toolCalls: [ToolCallDelta]?
        /// Members not modelled above (e.g. `refusal`), passed through.
        public var extra: [String: JSONValue]

        /// Creates a value from its members.
        public init(role: ChatRole? = nil, content: String? = nil, toolCalls: [ToolCallDelta]? = nil,
                    extra: [String: JSONValue] = [:]) {
            self.role = role
            self.content = content
            self.toolCalls = toolCalls
            self.extra = extra
        }

        static let known: Set<String> = ["role", "content", "tool_calls"]

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            role = try c.optional("role")
            content = try c.optional("content")
            toolCalls = try c.optional("tool_calls")
            extra = c.extras(excluding: Self.known)
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.putIfPresent(role, "role")
            w.putIfPresent(content, "content")
            w.putIfPresent(toolCalls, "tool_calls")
            w.putExtras(extra, excluding: Self.known)
            w.endObject()
        }
    }

    /// A piece of a streamed tool call: the first piece carries id, type and name; later ones argument text.
    public struct ToolCallDelta: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// Position of the call in the message's `tool_calls`.
        public var index: Int
        /// The `id` member.
        public var id: String?
        /// The `type` member.
        public var type: String?
        /// The `function` member.
        public var function: FunctionDelta?

        /// Creates a value from its members.
        public init(index: Int, id: String? = nil, type: String? = nil, function: FunctionDelta? = nil) {
            self.index = index
            self.id = id
            self.type = type
            self.function = function
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            index = try c.optional("index") ?? 0
            id = try c.optional("id")
            type = try c.optional("type")
            function = try c.optional("function")
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.put(index, "index")
            w.putIfPresent(id, "id")
            w.putIfPresent(type, "type")
            w.putIfPresent(function, "function")
            w.endObject()
        }
    }

    /// A piece of a streamed function call.
    public struct FunctionDelta: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The `name` member.
        public var name: String?
        /// A fragment of the JSON arguments text; fragments concatenate.
        public var arguments: String?

        /// Creates a value from its members.
        public init(name: String? = nil, arguments: String? = nil) {
            self.name = name
            self.arguments = arguments
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            name = try c.optional("name")
            arguments = try c.optional("arguments")
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.putIfPresent(name, "name")
            w.putIfPresent(arguments, "arguments")
            w.endObject()
        }
    }

    /// Creates a value from its members.
    public init(
        id: String, object: String = "chat.completion.chunk", created: Int, model: String, choices: [Choice],
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
        object = try c.optional("object") ?? "chat.completion.chunk"
        created = try c.optional("created") ?? 0
        model = try c.optional("model") ?? ""
        choices = try c.optional("choices") ?? []
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
        w.putIfPresent(systemFingerprint, "system_fingerprint")
        w.put(choices, "choices")
        w.putIfPresent(usage, "usage")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

import SwitchyardJSON
/// One server-sent event of a streamed Anthropic message, in the order the API sends them:
/// `message_start`, then per block `content_block_start` / `content_block_delta`… / `content_block_stop`
/// (a `ping` after the first block start), then `message_delta`, `message_stop`; `error` may arrive at any point.
public enum AnthropicStreamEvent: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The message shell: empty content, null stop reason, input usage.
    case messageStart(MessagesResponse)
    /// `content_block_start`: block `index` begins (text empty, tool_use input `{}`).
    case contentBlockStart(index: Int, block: AnthropicContentBlock)
    /// `ping`: a keep-alive.
    case ping
    /// `content_block_delta`: more text or tool-input JSON for block `index`.
    case contentBlockDelta(index: Int, delta: AnthropicBlockDelta)
    /// `content_block_stop`.
    case contentBlockStop(index: Int)
    /// Stop reason and cumulative output usage.
    case messageDelta(AnthropicMessageDelta)
    /// `message_stop`: the stream is complete.
    case messageStop
    /// `error`: the stream failed (e.g. `overloaded_error`).
    case error(AnthropicErrorBody.Detail)
    /// An event type this version does not model, kept verbatim.
    case other(JSONValue)

    /// The `type` member, which is also the SSE `event:` name.
    public var type: String {
        switch self {
        case .messageStart: "message_start"
        case .contentBlockStart: "content_block_start"
        case .ping: "ping"
        case .contentBlockDelta: "content_block_delta"
        case .contentBlockStop: "content_block_stop"
        case .messageDelta: "message_delta"
        case .messageStop: "message_stop"
        case .error: "error"
        case .other(let v): v["type"]?.stringValue ?? ""
        }
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        let type: String = try c.value("type")
        switch type {
        case "message_start": self = .messageStart(try c.value("message"))
        case "content_block_start": self = .contentBlockStart(index: try c.value("index"), block: try c.value("content_block"))
        case "ping": self = .ping
        case "content_block_delta": self = .contentBlockDelta(index: try c.value("index"), delta: try c.value("delta"))
        case "content_block_stop": self = .contentBlockStop(index: try c.value("index"))
        case "message_delta": self = .messageDelta(try AnthropicMessageDelta(wire: json))
        case "message_stop": self = .messageStop
        case "error": self = .error(try c.value("error"))
        default: self = .other(json)
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .other(let v):
            v.writeWire(to: &w)
        case .messageDelta(let d):
            d.writeWire(to: &w)
        default:
            w.beginObject()
            w.put(type, "type")
            switch self {
            case .messageStart(let m): w.put(m, "message")
            case .contentBlockStart(let index, let block):
                w.put(index, "index")
                w.put(block, "content_block")
            case .contentBlockDelta(let index, let delta):
                w.put(index, "index")
                w.put(delta, "delta")
            case .contentBlockStop(let index): w.put(index, "index")
            case .error(let e): w.put(e, "error")
            case .ping, .messageStop, .messageDelta, .other: break
            }
            w.endObject()
        }
    }
}

/// The `delta` of a `content_block_delta` event.
public enum AnthropicBlockDelta: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `{"type":"text_delta","text":…}`.
    case text(String)
    /// `{"type":"input_json_delta","partial_json":…}`: a fragment of a tool call's input JSON.
    case inputJSON(String)
    /// Any other delta (`thinking_delta`, `signature_delta`, `citations_delta`), kept verbatim.
    case other(JSONValue)

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        switch try c.value("type", as: String.self) {
        case "text_delta": self = .text(try c.value("text"))
        case "input_json_delta": self = .inputJSON(try c.value("partial_json"))
        default: self = .other(json)
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .text(let t):
            w.beginObject()
            w.put("text_delta", "type")
            w.put(t, "text")
            w.endObject()
        case .inputJSON(let j):
            w.beginObject()
            w.put("input_json_delta", "type")
            w.put(j, "partial_json")
            w.endObject()
        case .other(let v):
            v.writeWire(to: &w)
        }
    }
}

/// A `message_delta` event: `{"type":"message_delta","delta":{"stop_reason","stop_sequence"},"usage":{…}}`.
public struct AnthropicMessageDelta: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `stop_reason` member.
    public var stopReason: StopReason?
    /// The `stop_sequence` member.
    public var stopSequence: String?
    /// Cumulative usage; `output_tokens` always, input counts when the API reports them here.
    public var usage: DeltaUsage

    /// The `usage` of a `message_delta`.
    public struct DeltaUsage: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The `output_tokens` member.
        public var outputTokens: Int
        /// The `input_tokens` member.
        public var inputTokens: Int?
        /// The `cache_creation_input_tokens` member.
        public var cacheCreationInputTokens: Int?
        /// The `cache_read_input_tokens` member.
        public var cacheReadInputTokens: Int?
        /// Members not modelled above, passed through.
        public var extra: [String: JSONValue]

        /// Creates a value from its members.
        public init(outputTokens: Int, inputTokens: Int? = nil, cacheCreationInputTokens: Int? = nil,
                    cacheReadInputTokens: Int? = nil, extra: [String: JSONValue] = [:]) {
            self.outputTokens = outputTokens
            self.inputTokens = inputTokens
            self.cacheCreationInputTokens = cacheCreationInputTokens
            self.cacheReadInputTokens = cacheReadInputTokens
            self.extra = extra
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            outputTokens = try c.optional("output_tokens") ?? 0
            inputTokens = try c.optional("input_tokens")
            cacheCreationInputTokens = try c.optional("cache_creation_input_tokens")
            cacheReadInputTokens = try c.optional("cache_read_input_tokens")
            extra = c.extras(excluding: AnthropicUsage.known)
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.putIfPresent(inputTokens, "input_tokens")
            w.putIfPresent(cacheCreationInputTokens, "cache_creation_input_tokens")
            w.putIfPresent(cacheReadInputTokens, "cache_read_input_tokens")
            w.put(outputTokens, "output_tokens")
            w.putExtras(extra, excluding: AnthropicUsage.known)
            w.endObject()
        }
    }

    /// Creates a value from its members.
    public init(stopReason: StopReason?, stopSequence: String? = nil, usage: DeltaUsage) {
        self.stopReason = stopReason
        self.stopSequence = stopSequence
        self.usage = usage
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        let delta = try WireObject(c.value("delta", as: JSONValue.self))
        stopReason = try delta.optional("stop_reason")
        stopSequence = try delta.optional("stop_sequence")
        usage = try c.optional("usage") ?? DeltaUsage(outputTokens: 0)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put("message_delta", "type")
        w.key("delta")
        w.beginObject()
        w.putNullable(stopReason, "stop_reason")
        w.putNullable(stopSequence, "stop_sequence")
        w.endObject()
        w.put(usage, "usage")
        w.endObject()
    }
}

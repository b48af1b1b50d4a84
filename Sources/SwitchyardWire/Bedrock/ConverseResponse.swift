import SwitchyardJSON

/// Bedrock's Converse answer: `{"output":{"message":{…}},"stopReason","usage","metrics"}`.
public struct ConverseResponse: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `output.message`.
    public var message: ConverseMessage
    /// `end_turn`, `tool_use`, `max_tokens`, `stop_sequence`, `content_filtered` or `guardrail_intervened`.
    public var stopReason: String
    /// The `usage` member.
    public var usage: ConverseUsage
    /// `metrics.latencyMs`.
    public var latencyMs: Int?
    /// Members not modelled above (`trace`, `additionalModelResponseFields`, …).
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(message: ConverseMessage, stopReason: String, usage: ConverseUsage, latencyMs: Int? = nil,
                extra: [String: JSONValue] = [:]) {
        self.message = message
        self.stopReason = stopReason
        self.usage = usage
        self.latencyMs = latencyMs
        self.extra = extra
    }

    static let known: Set<String> = ["output", "stopReason", "usage", "metrics"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        message = try WireObject(try c.value("output", as: JSONValue.self)).value("message")
        stopReason = try c.value("stopReason")
        usage = try c.optional("usage") ?? ConverseUsage(inputTokens: 0, outputTokens: 0)
        latencyMs = c.members["metrics"]?["latencyMs"]?.intValue
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.key("output")
        w.beginObject()
        w.put(message, "message")
        w.endObject()
        w.put(stopReason, "stopReason")
        w.put(usage, "usage")
        if let latencyMs { w.put(JSONValue.object(["latencyMs": .int(latencyMs)]), "metrics") }
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// `{"inputTokens","outputTokens","totalTokens","cacheReadInputTokens"?,"cacheWriteInputTokens"?}`.
public struct ConverseUsage: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `inputTokens` member.
    public var inputTokens: Int
    /// The `outputTokens` member.
    public var outputTokens: Int
    /// The `cacheReadInputTokens` member.
    public var cacheReadInputTokens: Int?
    /// The `cacheWriteInputTokens` member.
    public var cacheWriteInputTokens: Int?

    /// Creates a value from its members.
    public init(inputTokens: Int, outputTokens: Int, cacheReadInputTokens: Int? = nil, cacheWriteInputTokens: Int? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.cacheWriteInputTokens = cacheWriteInputTokens
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree; counts are held to 0…10¹², so sums of them cannot overflow.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        func count(_ value: Int) -> Int { min(max(0, value), Self.maxCount) }
        inputTokens = count(try c.optional("inputTokens") ?? 0)
        outputTokens = count(try c.optional("outputTokens") ?? 0)
        cacheReadInputTokens = try c.optional("cacheReadInputTokens", as: Int.self).map(count)
        cacheWriteInputTokens = try c.optional("cacheWriteInputTokens", as: Int.self).map(count)
    }

    /// The largest token count read; far above any real answer.
    static let maxCount = 1_000_000_000_000

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON; `totalTokens` saturates rather than overflowing.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(inputTokens, "inputTokens")
        w.put(outputTokens, "outputTokens")
        let (total, overflow) = inputTokens.addingReportingOverflow(outputTokens)
        w.put(overflow ? Int.max : total, "totalTokens")
        w.putIfPresent(cacheReadInputTokens, "cacheReadInputTokens")
        w.putIfPresent(cacheWriteInputTokens, "cacheWriteInputTokens")
        w.endObject()
    }

    /// The same counts in Anthropic's terms (Converse's `inputTokens` excludes cached tokens, as Anthropic's does).
    public var anthropic: AnthropicUsage {
        AnthropicUsage(inputTokens: inputTokens, outputTokens: outputTokens,
                       cacheCreationInputTokens: cacheWriteInputTokens, cacheReadInputTokens: cacheReadInputTokens)
    }
}

extension StopReason {
    /// The Anthropic stop reason for a Converse one; a filter or guardrail stopping the answer is a refusal.
    public init(converse reason: String) {
        switch reason {
        case "end_turn": self = .endTurn
        case "tool_use": self = .toolUse
        case "max_tokens", "model_context_window_exceeded": self = .maxTokens
        case "stop_sequence": self = .stopSequence
        case "content_filtered", "guardrail_intervened": self = .refusal
        default: self = .endTurn
        }
    }

    /// The Converse stop reason for an Anthropic one.
    public var converse: String {
        switch self {
        case .toolUse: "tool_use"
        case .maxTokens: "max_tokens"
        case .stopSequence: "stop_sequence"
        case .refusal: "content_filtered"
        default: "end_turn"
        }
    }
}

extension MessagesResponse {
    /// An Anthropic message for a Converse answer, so every client format reads it the way it reads Anthropic's.
    /// Blocks Anthropic has no counterpart for (reasoning, citations) are left out.
    public init(translating response: ConverseResponse, id: String, model: String) {
        var content: [AnthropicContentBlock] = []
        for block in response.message.content {
            switch block {
            case .text(let text): content.append(.text(text))
            case .toolUse(let use):
                content.append(.toolUse(AnthropicToolUse(id: use.toolUseID, name: use.name, input: use.input)))
            default: break
            }
        }
        self.init(id: id, content: content, model: model, stopReason: StopReason(converse: response.stopReason),
                  usage: response.usage.anthropic)
    }
}

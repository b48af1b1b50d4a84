import SwitchyardJSON
/// Responses usage: `input_tokens`, `output_tokens`, `total_tokens` and their details.
public struct ResponsesUsage: Encodable, WireEncodable, Hashable, Sendable {
    /// The `input_tokens` member.
    public var inputTokens: Int
    /// `input_tokens_details.cached_tokens`.
    public var cachedTokens: Int
    /// The `output_tokens` member.
    public var outputTokens: Int
    /// `output_tokens_details.reasoning_tokens`.
    public var reasoningTokens: Int

    /// Creates a value from its members.
    public init(inputTokens: Int, cachedTokens: Int = 0, outputTokens: Int, reasoningTokens: Int = 0) {
        self.inputTokens = inputTokens
        self.cachedTokens = cachedTokens
        self.outputTokens = outputTokens
        self.reasoningTokens = reasoningTokens
    }

    /// Chat usage in Responses terms: prompt tokens are input tokens, completion tokens output tokens.
    public init(chat usage: ChatUsage) {
        self.init(
            inputTokens: usage.promptTokens, cachedTokens: usage.cachedPromptTokens ?? 0,
            outputTokens: usage.completionTokens,
            reasoningTokens: usage.extra["completion_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(inputTokens, "input_tokens")
        w.key("input_tokens_details")
        w.beginObject()
        // Chat usage does not report cache writes; the SDK's type requires the member.
        w.put(0, "cache_write_tokens")
        w.put(cachedTokens, "cached_tokens")
        w.endObject()
        w.put(outputTokens, "output_tokens")
        w.key("output_tokens_details")
        w.beginObject()
        w.put(reasoningTokens, "reasoning_tokens")
        w.endObject()
        w.put(inputTokens + outputTokens, "total_tokens")
        w.endObject()
    }
}

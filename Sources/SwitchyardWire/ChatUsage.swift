import SwitchyardJSON
/// OpenAI token usage: `{"prompt_tokens","completion_tokens","total_tokens",…}`.
public struct ChatUsage: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `prompt_tokens` member.
    public var promptTokens: Int
    /// The `completion_tokens` member.
    public var completionTokens: Int
    /// The `total_tokens` member.
    public var totalTokens: Int
    /// Members not modelled above (`prompt_tokens_details`, `completion_tokens_details`), passed through.
    public var extra: [String: JSONValue]

    /// Usage with `total_tokens` computed as the sum.
    public init(promptTokens: Int, completionTokens: Int, extra: [String: JSONValue] = [:]) {
        self.init(promptTokens: promptTokens, completionTokens: completionTokens,
                  totalTokens: promptTokens + completionTokens, extra: extra)
    }

    /// Usage with every count given.
    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int, extra: [String: JSONValue] = [:]) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
        self.extra = extra
    }

    /// `prompt_tokens_details.cached_tokens`, when the upstream reported it.
    public var cachedPromptTokens: Int? {
        extra["prompt_tokens_details"]?["cached_tokens"]?.intValue
    }

    static let known: Set<String> = ["prompt_tokens", "completion_tokens", "total_tokens"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        promptTokens = try c.optional("prompt_tokens") ?? 0
        completionTokens = try c.optional("completion_tokens") ?? 0
        totalTokens = try c.optional("total_tokens") ?? (promptTokens + completionTokens)
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(promptTokens, "prompt_tokens")
        w.put(completionTokens, "completion_tokens")
        w.put(totalTokens, "total_tokens")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

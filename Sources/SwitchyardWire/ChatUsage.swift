/// OpenAI token usage: `{"prompt_tokens","completion_tokens","total_tokens",…}`.
public struct ChatUsage: Codable, Hashable, Sendable {
    public var promptTokens: Int
    public var completionTokens: Int
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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        promptTokens = try c.optional("prompt_tokens") ?? 0
        completionTokens = try c.optional("completion_tokens") ?? 0
        totalTokens = try c.optional("total_tokens") ?? (promptTokens + completionTokens)
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put(promptTokens, "prompt_tokens")
        try c.put(completionTokens, "completion_tokens")
        try c.put(totalTokens, "total_tokens")
        try c.putExtras(extra, excluding: Self.known)
    }
}

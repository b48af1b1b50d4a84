import SwitchyardCore

/// One model in the price catalog: list prices in US dollars per 1M tokens, context window and capabilities.
public struct PriceEntry: Sendable, Codable, Hashable {
    /// The provider's model id, as sent upstream (e.g. `gpt-4o`, `claude-sonnet-4-5-20250929`).
    public var id: String
    /// Who sells it at this price: `openai`, `anthropic`, `gemini`, `groq`, `bedrock`, …
    public var provider: String
    /// Other ids the same model answers to (undated names, Azure spellings).
    public var aliases: [String]
    /// Dollars per 1M prompt tokens.
    public var input: Double
    /// Dollars per 1M completion tokens.
    public var output: Double
    /// Dollars per 1M prompt tokens read from the provider's prompt cache, when it has one.
    public var cachedInput: Double?
    /// Maximum tokens (prompt plus completion) the model accepts.
    public var contextWindow: Int
    public var capabilities: [ModelCapability]

    public init(
        id: String, provider: String, aliases: [String] = [], input: Double, output: Double, cachedInput: Double? = nil,
        contextWindow: Int, capabilities: [ModelCapability] = []
    ) {
        self.id = id
        self.provider = provider
        self.aliases = aliases
        self.input = input
        self.output = output
        self.cachedInput = cachedInput
        self.contextWindow = contextWindow
        self.capabilities = capabilities
    }

    /// The entry's prices in the engine's form.
    public var price: Price { Price(inputPerMTok: input, outputPerMTok: output, cachedInputPerMTok: cachedInput) }

    enum CodingKeys: String, CodingKey {
        case id, provider, aliases, input, output, cachedInput, contextWindow, capabilities
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        provider = try c.decode(String.self, forKey: .provider)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        input = try c.decode(Double.self, forKey: .input)
        output = try c.decode(Double.self, forKey: .output)
        cachedInput = try c.decodeIfPresent(Double.self, forKey: .cachedInput)
        contextWindow = try c.decode(Int.self, forKey: .contextWindow)
        capabilities = try c.decodeIfPresent([ModelCapability].self, forKey: .capabilities) ?? []
    }
}

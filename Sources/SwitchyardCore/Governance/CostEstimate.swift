/// What a request may cost at most, split so admission control can lower its completion ceiling to fit a
/// budget: its prompt at the peak input price, plus each completion token at the peak output price.
public struct CostEstimate: Sendable, Hashable {
    /// Dollars of the prompt.
    public var inputCost: Double
    /// Dollars of one completion token.
    public var outputCostPerToken: Double
    /// The completion ceiling the estimate assumes.
    public var outputTokens: Int

    public init(inputCost: Double, outputCostPerToken: Double, outputTokens: Int) {
        self.inputCost = Self.dollars(inputCost)
        self.outputCostPerToken = Self.dollars(outputCostPerToken)
        self.outputTokens = max(0, outputTokens)
    }

    /// An estimate known only as a total (no completion to lower).
    public static func flat(_ dollars: Double) -> CostEstimate {
        CostEstimate(inputCost: dollars, outputCostPerToken: 0, outputTokens: 0)
    }

    /// Both estimates at once (a request that may be answered twice), at the same completion ceiling.
    public static func + (a: CostEstimate, b: CostEstimate) -> CostEstimate {
        CostEstimate(inputCost: a.inputCost + b.inputCost, outputCostPerToken: a.outputCostPerToken + b.outputCostPerToken,
                     outputTokens: max(a.outputTokens, b.outputTokens))
    }

    /// Dollars the request may cost at most.
    public var worstCase: Double { inputCost + outputCostPerToken * Double(outputTokens) }

    /// The largest completion ceiling (at most the request's own) whose worst case fits in `dollars`; nil when
    /// not even one token fits.
    public func affordableOutputTokens(within dollars: Double) -> Int? {
        let left = dollars - inputCost
        guard !left.isNaN, left >= 0 else { return nil }
        guard outputCostPerToken > 0 else { return outputTokens >= 1 ? outputTokens : nil }
        let tokens = min(outputTokens, Int(saturating: (left / outputCostPerToken).rounded(.down)))
        return tokens >= 1 ? tokens : nil
    }

    /// The same estimate with the completion ceiling lowered to `tokens`.
    public func capped(at tokens: Int) -> CostEstimate {
        var copy = self
        copy.outputTokens = min(outputTokens, max(0, tokens))
        return copy
    }

    /// Negative, NaN or infinite prices must not turn into credits or traps: they count as nothing.
    private static func dollars(_ value: Double) -> Double { value.isFinite ? max(0, value) : 0 }
}

/// A completion ceiling a budget lowered so the request fits what it has left.
public struct TokenClamp: Sendable, Hashable {
    /// The ceiling the request runs with.
    public var maxOutputTokens: Int
    /// The ceiling the client asked for (or the default it got).
    public var requested: Int
    /// The budget that set it, as the error messages name budgets ("team team-a daily $10.00").
    public var budget: String

    public init(maxOutputTokens: Int, requested: Int, budget: String) {
        self.maxOutputTokens = maxOutputTokens
        self.requested = requested
        self.budget = budget
    }
}

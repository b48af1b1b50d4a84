/// How many tokens a completion produces: log-normal, at least one, capped by the request's `maxOutputTokens`.
public struct OutputLengthModel: Sendable, Hashable, Codable {
    /// Median completion length in tokens before the cap.
    public var median: Double
    /// Sigma of the underlying normal; chat answers vary a lot in length.
    public var sigma: Double

    /// Creates a model of completion lengths.
    public init(median: Double = 260, sigma: Double = 0.8) {
        self.median = median
        self.sigma = sigma
    }

    /// Typical chat completions: median ≈ 260 tokens, long tail to a few thousand.
    public static let chat = OutputLengthModel()

    /// Draws a completion length for a request allowing at most `maxOutputTokens`.
    public func draw(maxOutputTokens: Int, using rng: inout some RandomNumberGenerator) -> Int {
        let raw = Int(rng.logNormal(median: median, sigma: sigma).rounded())
        return min(max(1, raw), max(1, maxOutputTokens))
    }
}

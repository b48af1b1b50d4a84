/// How fast one deployment answers: log-normal time to first token and log-normal output speed.
public struct LatencyProfile: Sendable, Hashable, Codable {
    /// Median seconds from sending to the first token.
    public var ttftMedian: Double
    /// Sigma of the underlying normal of the TTFT distribution (spread; 0.3 ≈ p95 at 1.6× median).
    public var ttftSigma: Double
    /// Median output tokens per second once streaming.
    public var tokensPerSecondMedian: Double
    /// Sigma of the underlying normal of the throughput distribution.
    public var tokensPerSecondSigma: Double
    /// Seconds of jitter per √token on top of the steady stream (scheduler noise, network).
    public var perTokenJitter: Double

    /// Creates a profile; sigmas default to a moderately noisy provider.
    public init(
        ttftMedian: Double, ttftSigma: Double = 0.35,
        tokensPerSecondMedian: Double, tokensPerSecondSigma: Double = 0.2,
        perTokenJitter: Double = 0.002
    ) {
        self.ttftMedian = ttftMedian
        self.ttftSigma = ttftSigma
        self.tokensPerSecondMedian = tokensPerSecondMedian
        self.tokensPerSecondSigma = tokensPerSecondSigma
        self.perTokenJitter = perTokenJitter
    }

    /// Draws a time to first token in seconds.
    public func drawTTFT(using rng: inout some RandomNumberGenerator) -> Double {
        rng.logNormal(median: ttftMedian, sigma: ttftSigma)
    }

    /// Draws an output speed in tokens per second.
    public func drawTokensPerSecond(using rng: inout some RandomNumberGenerator) -> Double {
        max(1, rng.logNormal(median: tokensPerSecondMedian, sigma: tokensPerSecondSigma))
    }

    /// Draws a full timing for a completion of `outputTokens`: ttft + tokens / tps + jitter.
    public func drawTiming(outputTokens: Int, using rng: inout some RandomNumberGenerator) -> LatencyDraw {
        let ttft = drawTTFT(using: &rng)
        let tps = drawTokensPerSecond(using: &rng)
        let tokens = Double(max(0, outputTokens))
        let jitter = perTokenJitter * tokens.squareRoot() * abs(rng.standardNormal())
        return LatencyDraw(timeToFirstToken: ttft, total: ttft + tokens / tps + jitter)
    }
}

/// One drawn timing of a call.
public struct LatencyDraw: Sendable, Hashable {
    /// Seconds until the first token.
    public var timeToFirstToken: Double
    /// Seconds until the last token.
    public var total: Double

    /// Creates a timing.
    public init(timeToFirstToken: Double, total: Double) {
        self.timeToFirstToken = timeToFirstToken
        self.total = total
    }

    /// The same timing stretched by `multiplier` and delayed by `added` seconds (fault injection).
    public func slowed(multiplier: Double, added: Double) -> LatencyDraw {
        LatencyDraw(timeToFirstToken: timeToFirstToken * multiplier + added, total: total * multiplier + added)
    }
}

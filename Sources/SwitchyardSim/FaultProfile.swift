/// Faults injected into a simulated upstream. A value type so the in-process transport, the HTTP simulator
/// and drills share one model; `.none` is a healthy upstream.
public struct FaultProfile: Sendable, Hashable, Codable {
    /// Probability of answering with each HTTP status instead of a completion, e.g. `[429: 0.3, 503: 0.1]`.
    public var errorRates: [Int: Double]
    /// Seconds sent in `retry-after` with 429 answers; nil sends none.
    public var retryAfterSeconds: Double?
    /// Seconds added to every call (queueing in front of the model).
    public var addedLatency: Double
    /// Factor applied to the drawn latency (1 = normal, 6 = a latency spike).
    public var latencyMultiplier: Double
    /// Probability that the upstream never answers; the call times out after `hangSeconds`.
    public var hangProbability: Double
    /// Seconds a hung call waits before it is reported as a timeout (the caller's timeout).
    public var hangSeconds: Double
    /// Probability that the TCP connection is refused.
    public var connectionRefusedProbability: Double
    /// Probability that the response stops part-way through.
    public var streamCutProbability: Double
    /// Probability that the upstream answers 200 with a body that cannot be parsed.
    public var malformedProbability: Double

    /// Creates a profile; every fault defaults to off.
    public init(
        errorRates: [Int: Double] = [:], retryAfterSeconds: Double? = nil,
        addedLatency: Double = 0, latencyMultiplier: Double = 1,
        hangProbability: Double = 0, hangSeconds: Double = 30,
        connectionRefusedProbability: Double = 0, streamCutProbability: Double = 0,
        malformedProbability: Double = 0
    ) {
        self.errorRates = errorRates
        self.retryAfterSeconds = retryAfterSeconds
        self.addedLatency = addedLatency
        self.latencyMultiplier = latencyMultiplier
        self.hangProbability = hangProbability
        self.hangSeconds = hangSeconds
        self.connectionRefusedProbability = connectionRefusedProbability
        self.streamCutProbability = streamCutProbability
        self.malformedProbability = malformedProbability
    }

    /// A healthy upstream.
    public static let none = FaultProfile()

    /// Rate-limited: `rate` of calls get 429 with `retry-after`.
    public static func rateLimited(_ rate: Double, retryAfter: Double = 2) -> FaultProfile {
        FaultProfile(errorRates: [429: rate], retryAfterSeconds: retryAfter)
    }

    /// Server errors: `rate` of calls get `status` (503 by default).
    public static func serverErrors(_ rate: Double, status: Int = 503) -> FaultProfile {
        FaultProfile(errorRates: [status: rate])
    }

    /// Every call slowed by `multiplier`.
    public static func slow(_ multiplier: Double, added: Double = 0) -> FaultProfile {
        FaultProfile(addedLatency: added, latencyMultiplier: multiplier)
    }

    /// The provider is down: every connection is refused.
    public static let outage = FaultProfile(connectionRefusedProbability: 1)

    /// Whether this profile injects nothing.
    public var isNone: Bool { totalFaultProbability == 0 && addedLatency == 0 && latencyMultiplier == 1 }

    /// Probability that a call fails in some way (may exceed 1 if the profile over-specifies).
    public var totalFaultProbability: Double {
        connectionRefusedProbability + hangProbability + errorRates.values.reduce(0, +)
            + streamCutProbability + malformedProbability
    }

    /// Both profiles at once: independent fault probabilities combine as 1 − (1−a)(1−b), latency effects stack,
    /// the longer retry-after and the shorter hang win.
    public func combined(with other: FaultProfile) -> FaultProfile {
        // Exact when one side is zero, so combining with `.none` changes nothing.
        func either(_ a: Double, _ b: Double) -> Double { a == 0 ? b : b == 0 ? a : 1 - (1 - a) * (1 - b) }
        var rates = errorRates
        for (status, rate) in other.errorRates { rates[status] = either(rates[status] ?? 0, rate) }
        let retryAfter: Double? = switch (retryAfterSeconds, other.retryAfterSeconds) {
        case let (a?, b?): max(a, b)
        case let (a, b): a ?? b
        }
        let hang: Double = switch (hangProbability > 0, other.hangProbability > 0) {
        case (true, true): min(hangSeconds, other.hangSeconds)
        case (false, true): other.hangSeconds
        default: hangSeconds
        }
        return FaultProfile(
            errorRates: rates, retryAfterSeconds: retryAfter,
            addedLatency: addedLatency + other.addedLatency,
            latencyMultiplier: latencyMultiplier * other.latencyMultiplier,
            hangProbability: either(hangProbability, other.hangProbability), hangSeconds: hang,
            connectionRefusedProbability: either(connectionRefusedProbability, other.connectionRefusedProbability),
            streamCutProbability: either(streamCutProbability, other.streamCutProbability),
            malformedProbability: either(malformedProbability, other.malformedProbability)
        )
    }

    /// Draws which fault, if any, hits one call. A single uniform draw walks the cumulative probabilities,
    /// so each fault's observed rate matches its configured rate while they sum to at most 1.
    public func draw(using rng: inout some RandomNumberGenerator) -> InjectedFault? {
        guard totalFaultProbability > 0 else { return nil }
        var u = rng.unitDraw()
        func hit(_ p: Double) -> Bool {
            if u < p { return true }
            u -= p
            return false
        }
        if hit(connectionRefusedProbability) { return .connectionRefused }
        if hit(hangProbability) { return .hang(seconds: hangSeconds) }
        // Sorted so the same seed gives the same fault regardless of dictionary order.
        for status in errorRates.keys.sorted() {
            if hit(errorRates[status] ?? 0) {
                return .status(status, retryAfter: status == 429 ? retryAfterSeconds : nil)
            }
        }
        if hit(streamCutProbability) { return .streamCut(fraction: 0.1 + 0.8 * rng.unitDraw()) }
        if hit(malformedProbability) { return .malformedBody }
        return nil
    }
}

/// One fault that hit one call.
public enum InjectedFault: Sendable, Hashable {
    /// The TCP connection was refused.
    case connectionRefused
    /// The upstream accepted the request and never answered; reported after `seconds`.
    case hang(seconds: Double)
    /// The upstream answered with an HTTP error status.
    case status(Int, retryAfter: Double?)
    /// The response stopped after `fraction` of its tokens.
    case streamCut(fraction: Double)
    /// The upstream answered 200 with an unparseable body.
    case malformedBody
}

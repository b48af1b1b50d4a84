import SwitchyardSim

/// The snake_case JSON of `GET`/`PUT /_sim/faults`. Every field is optional; an absent field means no such fault,
/// so `{}` clears everything.
public struct SimulatorFaultSettings: Sendable, Hashable, Codable {
    /// Probability of each HTTP error status, keyed by the status as text: `{"429": 1.0, "503": 0.2}`.
    public var errorRates: [String: Double]?
    /// Seconds sent in `retry-after` with 429 answers.
    public var retryAfter: Double?
    /// Milliseconds added before every answer.
    public var addedLatencyMs: Double?
    /// Factor applied to the drawn latency (1 = normal).
    public var latencyMultiplier: Double?
    /// Probability of holding a request without answering.
    public var hangRate: Double?
    /// Seconds a hung request is held before its connection is closed.
    public var hangSeconds: Double?
    /// Probability of dropping the connection without any response.
    public var refuseRate: Double?
    /// Probability of closing the connection part-way through the response.
    public var cutRate: Double?
    /// Probability of a 200 answer whose JSON is truncated.
    public var malformedRate: Double?

    /// Creates settings; nil fields are off.
    public init(
        errorRates: [String: Double]? = nil, retryAfter: Double? = nil, addedLatencyMs: Double? = nil,
        latencyMultiplier: Double? = nil, hangRate: Double? = nil, hangSeconds: Double? = nil,
        refuseRate: Double? = nil, cutRate: Double? = nil, malformedRate: Double? = nil
    ) {
        self.errorRates = errorRates
        self.retryAfter = retryAfter
        self.addedLatencyMs = addedLatencyMs
        self.latencyMultiplier = latencyMultiplier
        self.hangRate = hangRate
        self.hangSeconds = hangSeconds
        self.refuseRate = refuseRate
        self.cutRate = cutRate
        self.malformedRate = malformedRate
    }

    /// The settings describing `profile`, every field filled in.
    public init(_ profile: FaultProfile) {
        var rates: [String: Double] = [:]
        for (status, rate) in profile.errorRates where rate > 0 { rates[String(status)] = rate }
        self.init(
            errorRates: rates, retryAfter: profile.retryAfterSeconds, addedLatencyMs: profile.addedLatency * 1000,
            latencyMultiplier: profile.latencyMultiplier, hangRate: profile.hangProbability,
            hangSeconds: profile.hangSeconds, refuseRate: profile.connectionRefusedProbability,
            cutRate: profile.streamCutProbability, malformedRate: profile.malformedProbability
        )
    }

    /// The fault profile these settings describe, or why they are invalid.
    public func profile() throws(SimulatorFaultSettingsError) -> FaultProfile {
        var profile = FaultProfile.none
        for (key, rate) in errorRates ?? [:] {
            guard let status = Int(key), (400...599).contains(status) else {
                throw .invalid("error_rates: '\(key)' is not an HTTP error status (400–599)")
            }
            profile.errorRates[status] = try Self.probability(rate, "error_rates.\(key)")
        }
        if let retryAfter {
            profile.retryAfterSeconds = try Self.nonNegative(retryAfter, "retry_after")
        }
        profile.addedLatency = try Self.nonNegative(addedLatencyMs ?? 0, "added_latency_ms") / 1000
        if let latencyMultiplier {
            guard latencyMultiplier > 0, latencyMultiplier.isFinite else {
                throw .invalid("latency_multiplier must be a positive number")
            }
            profile.latencyMultiplier = latencyMultiplier
        }
        profile.hangProbability = try Self.probability(hangRate ?? 0, "hang_rate")
        if let hangSeconds { profile.hangSeconds = try Self.nonNegative(hangSeconds, "hang_seconds") }
        profile.connectionRefusedProbability = try Self.probability(refuseRate ?? 0, "refuse_rate")
        profile.streamCutProbability = try Self.probability(cutRate ?? 0, "cut_rate")
        profile.malformedProbability = try Self.probability(malformedRate ?? 0, "malformed_rate")
        guard profile.totalFaultProbability <= 1 + 1e-9 else {
            throw .invalid("fault rates add up to more than 1")
        }
        return profile
    }

    private static func probability(_ value: Double, _ field: String) throws(SimulatorFaultSettingsError) -> Double {
        guard value >= 0, value <= 1 else { throw .invalid("\(field) must be a probability between 0 and 1") }
        return value
    }

    private static func nonNegative(_ value: Double, _ field: String) throws(SimulatorFaultSettingsError) -> Double {
        guard value >= 0, value.isFinite else { throw .invalid("\(field) must be a non-negative number") }
        return value
    }

    static let fieldNames: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

    enum CodingKeys: String, CodingKey, CaseIterable {
        case errorRates = "error_rates"
        case retryAfter = "retry_after"
        case addedLatencyMs = "added_latency_ms"
        case latencyMultiplier = "latency_multiplier"
        case hangRate = "hang_rate"
        case hangSeconds = "hang_seconds"
        case refuseRate = "refuse_rate"
        case cutRate = "cut_rate"
        case malformedRate = "malformed_rate"
    }
}

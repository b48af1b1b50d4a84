import SwitchyardCore
import SwitchyardSim

/// Everything random about one API call, drawn when it arrives: its fault, its speed and a private generator
/// for its content (so the shared generator is locked once per call, not once per word).
struct SimulatorCall {
    /// The fault that hits this call, if any.
    var fault: InjectedFault?
    /// Seconds before the first byte of an answer (already slowed by latency faults).
    var timeToFirstToken: Double
    /// Seconds per output token once streaming; 0 streams without pacing.
    var secondsPerToken: Double
    /// Generator for this call's content.
    var rng: SeededGenerator
    /// Completion length model.
    var output: OutputLengthModel
    /// A completion length decided elsewhere (an in-process upstream's call plan), used instead of a draw.
    var plannedLength: Int?
    /// Whether a JSON response format gets JSON content (see `SimulatorOptions.jsonMode`).
    var jsonMode = true

    /// Draws a call from the speed profile, the current faults and a fresh seed.
    init(latency: LatencyProfile, output: OutputLengthModel, faults: FaultProfile, fault: InjectedFault?, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        // Zero medians mean "instant": skip the draws so benchmarks pay nothing for them.
        var ttft = latency.ttftMedian > 0 ? latency.drawTTFT(using: &rng) : 0
        let speed = latency.tokensPerSecondMedian > 0 && latency.tokensPerSecondMedian.isFinite
            ? latency.drawTokensPerSecond(using: &rng) : 0
        let multiplier = max(0, faults.latencyMultiplier)
        ttft = ttft * multiplier + max(0, faults.addedLatency)
        self.fault = fault
        self.timeToFirstToken = ttft
        self.secondsPerToken = speed > 0 ? multiplier / speed : 0
        self.rng = rng
        self.output = output
    }

    /// A call whose fault, speed and length were already drawn (by `SimulatedTransport.plan`): only the
    /// content is left to generate, from `seed`.
    init(fault: InjectedFault?, timeToFirstToken: Double, secondsPerToken: Double, plannedLength: Int, seed: UInt64) {
        self.fault = fault
        self.timeToFirstToken = timeToFirstToken
        self.secondsPerToken = secondsPerToken
        rng = SeededGenerator(seed: seed)
        output = .chat
        self.plannedLength = plannedLength
    }

    /// Seconds until a complete answer of `tokens` output tokens is ready.
    func totalSeconds(tokens: Int) -> Double {
        timeToFirstToken + Double(max(0, tokens)) * secondsPerToken
    }

    /// Seconds before an error status is sent: rate limits are rejected at the edge, server errors surface
    /// about when the first token would have.
    func errorDelay(status: Int) -> Double {
        let errorClass = ErrorClass.classify(status: status)
        return errorClass == .rateLimited || errorClass == .other ? timeToFirstToken * 0.15 : timeToFirstToken
    }

    /// Draws a completion length under `cap`; `hitCap` when the model would have gone on.
    mutating func drawLength(cap: Int) -> (tokens: Int, hitCap: Bool) {
        let raw = plannedLength ?? output.draw(maxOutputTokens: .max, using: &rng)
        let cap = max(1, cap)
        return raw >= cap ? (cap, true) : (raw, false)
    }
}

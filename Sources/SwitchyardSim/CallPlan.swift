import SwitchyardCore

/// What one simulated call will do: how long it takes and how it ends. Drawn up front so the in-process
/// transport can sleep and return it, and an HTTP simulator can pace a stream by the same numbers.
public struct CallPlan: Sendable {
    /// Seconds from sending until the outcome is known.
    public var delay: Double
    /// The outcome handed back to the engine after `delay`.
    public var outcome: Result<UpstreamSuccess, UpstreamFailure>
    /// The fault that hit this call, if any.
    public var fault: InjectedFault?
    /// The call's timing had it succeeded (already slowed by latency faults).
    public var timing: LatencyDraw
    /// Completion tokens the call produces (or would have produced, when it failed).
    public var outputTokens: Int

    /// Creates a plan from its parts.
    public init(
        delay: Double, outcome: Result<UpstreamSuccess, UpstreamFailure>, fault: InjectedFault?,
        timing: LatencyDraw, outputTokens: Int
    ) {
        self.delay = delay
        self.outcome = outcome
        self.fault = fault
        self.timing = timing
        self.outputTokens = outputTokens
    }

    /// Draws a plan for `call` on an upstream with the given speed, completion lengths and faults.
    public static func draw(
        for call: UpstreamCall, latency: LatencyProfile, output: OutputLengthModel, faults: FaultProfile,
        using rng: inout some RandomNumberGenerator
    ) -> CallPlan {
        let request = call.request
        let target = "\(call.deployment.provider) (\(call.deployment.upstreamModel))"
        let tokens = output.draw(maxOutputTokens: request.maxOutputTokens, using: &rng)
        let timing = latency.drawTiming(outputTokens: tokens, using: &rng)
            .slowed(multiplier: max(0, faults.latencyMultiplier), added: max(0, faults.addedLatency))
        let fault = faults.draw(using: &rng)

        func failing(_ delay: Double, _ failure: UpstreamFailure) -> CallPlan {
            CallPlan(delay: delay, outcome: .failure(failure), fault: fault, timing: timing, outputTokens: tokens)
        }

        switch fault {
        case nil:
            let success = UpstreamSuccess(
                inputTokens: request.inputTokens, outputTokens: tokens,
                timeToFirstToken: request.stream ? timing.timeToFirstToken : nil
            )
            return CallPlan(delay: timing.total, outcome: .success(success), fault: nil, timing: timing, outputTokens: tokens)

        case .connectionRefused:
            // A refused connect fails in a round trip, long before any model work.
            let rtt = rng.logNormal(median: 0.01, sigma: 0.5)
            return failing(rtt, UpstreamFailure(errorClass: .connect, message: "connection refused by \(target)"))

        case .hang(let seconds):
            return failing(seconds, UpstreamFailure(
                errorClass: .timeout, message: "no response from \(target) after \(format(seconds)) s"
            ))

        case .status(let status, let retryAfter):
            let errorClass = ErrorClass.classify(status: status)
            // Rate limits are rejected at the edge; server errors surface about when the first token would.
            let delay = errorClass == .rateLimited || errorClass == .other
                ? timing.timeToFirstToken * 0.15 : timing.timeToFirstToken
            return failing(delay, UpstreamFailure(
                errorClass: errorClass, status: status, retryAfter: retryAfter,
                message: "\(target) answered \(status) \(reason(status))"
            ))

        case .streamCut(let fraction):
            let delay = timing.timeToFirstToken + fraction * (timing.total - timing.timeToFirstToken)
            let sent = Int((Double(tokens) * fraction).rounded(.down))
            return failing(delay, UpstreamFailure(
                errorClass: .server, message: "stream from \(target) cut after \(sent) of \(tokens) tokens"
            ))

        case .malformedBody:
            return failing(timing.total, UpstreamFailure(
                errorClass: .other, message: "malformed response body from \(target): unexpected end of JSON"
            ))
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 529: "Overloaded"
        default: "Error"
        }
    }

    private static func format(_ seconds: Double) -> String {
        InputBounds.formatNumber(seconds)
    }
}

import Foundation
import SwitchyardCore
import SwitchyardGateway
import SwitchyardSim
import SwitchyardWire
import Synchronization

/// The demo's upstream: `SimulatedTransport` for generated traffic, and for requests that came in over HTTP the
/// same plan (timeline faults, latency, tokens) answered with a real body in the client's format, so requests
/// sent with curl or an SDK meet the same incidents, retries, fallbacks and breakers as the demo traffic.
public final class SimulatedBodyTransport: UpstreamTransport {
    /// The simulator deciding every call's latency, length and fault.
    public let simulated: SimulatedTransport
    private let clock: any EngineClock
    /// Wire family per provider name, as the HTTP transport would speak to it.
    private let formats: [String: WireFormat]
    private let coder = SimulatorCoder()
    /// Seeds for the content of each answer (the plan's generator only decides timing and faults).
    private let seeds: Mutex<SeededGenerator>

    /// Wraps `simulated` for the providers of `catalog`; `clock` must be the one `simulated` runs on.
    public init(simulated: SimulatedTransport, catalog: Catalog, clock: any EngineClock = SystemClock(), seed: UInt64 = 42) {
        self.simulated = simulated
        self.clock = clock
        var formats: [String: WireFormat] = [:]
        for provider in catalog.providers {
            formats[provider.name] = switch provider.kind {
            case .anthropic: .anthropic
            case .gemini: .gemini
            default: .openAI
            }
        }
        self.formats = formats
        seeds = Mutex(SeededGenerator(seed: seed ^ 0xB0D1))
    }

    /// Requests without a client body go to the simulator unchanged; the others get a body in their format.
    public func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
        guard let request = call.request.payload else {
            return await simulated.send(call)
        }
        let plan = simulated.plan(call)
        var cut: (fraction: Double, failure: UpstreamFailure)?
        if case .failure(let failure) = plan.outcome {
            // A cut stream still starts: the client sees content before the break. Every other fault (and a
            // cut JSON answer) fails the call outright, after the planned delay.
            guard case .streamCut(let fraction)? = plan.fault, request.isStreaming else {
                return await after(plan.delay, call) { .failure(failure) }
            }
            cut = (fraction, failure)
        }
        let ttft = plan.timing.timeToFirstToken
        let secondsPerToken = plan.outputTokens > 0
            ? max(0, plan.timing.total - ttft) / Double(plan.outputTokens) : 0
        let format = formats[call.deployment.provider] ?? .openAI
        var content = SimulatorCall(
            fault: plan.fault, timeToFirstToken: ttft, secondsPerToken: secondsPerToken,
            plannedLength: plan.outputTokens, seed: seeds.withLock { $0.next() })
        let reply: SimulatorReply
        do {
            reply = try SimulatedUpstreamReply.make(
                for: request, format: format, upstreamModel: call.deployment.upstreamModel, call: &content,
                coder: coder)
        } catch {
            // Rejections come back at once, as a provider's 400 does.
            return .failure(error)
        }
        switch reply {
        case .json(let body, _):
            return await after(plan.delay, call) {
                UpstreamReplyReader.read(
                    Data(body.readableBytesView), request: request, format: format,
                    estimatedInput: call.request.inputTokens, provider: call.deployment.provider)
            }
        case .stream(let frames, _):
            let pump = SimulatedStreamPump(
                frames: frames, upstream: format, request: request, estimatedInput: call.request.inputTokens,
                timeToFirstToken: ttft, secondsPerToken: secondsPerToken, cut: cut,
                provider: call.deployment.provider, clock: clock)
            return await pump.open()
        }
    }

    /// Waits `seconds` on the clock, then returns `outcome`; a cancelled wait fails like `SimulatedTransport`'s.
    private func after(
        _ seconds: Double, _ call: UpstreamCall, _ outcome: () -> Result<UpstreamSuccess, UpstreamFailure>
    ) async -> Result<UpstreamSuccess, UpstreamFailure> {
        do {
            try await clock.sleep(seconds: seconds)
        } catch {
            return .failure(UpstreamFailure(
                errorClass: .timeout,
                message: "call to \(call.deployment.provider) (\(call.deployment.upstreamModel)) cancelled"))
        }
        return outcome()
    }
}

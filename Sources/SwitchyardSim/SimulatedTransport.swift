import Synchronization
import SwitchyardCore

/// An `UpstreamTransport` that answers like real providers would: seeded latency and token draws, scripted
/// incidents from an `IncidentTimeline`, and a fault layer operators can change while it runs.
public final class SimulatedTransport: UpstreamTransport {
    /// Scripted incidents, measured from `startTime`.
    public let timeline: IncidentTimeline
    /// Clock time the timeline counts from.
    public let startTime: Double
    private let clock: any EngineClock
    private let profiles: [String: LatencyProfile]
    private let outputLengths: OutputLengthModel
    private let state: Mutex<State>

    private struct State {
        var rng: SeededGenerator
        /// Runtime faults by provider name or deployment id, on top of the timeline.
        var overrides: [String: FaultProfile] = [:]
        var calls = 0
    }

    /// Creates a transport for every deployment of `catalog`.
    /// - Parameters:
    ///   - profiles: latency per deployment id; deployments not listed get `LatencyProfile.typical(for:)`.
    ///   - startTime: clock time of the timeline's zero; defaults to now.
    public init(
        catalog: Catalog, timeline: IncidentTimeline = .demo, clock: any EngineClock = SystemClock(),
        seed: UInt64 = 42, startTime: Double? = nil, profiles: [String: LatencyProfile] = [:],
        outputLengths: OutputLengthModel = .chat
    ) {
        var all: [String: LatencyProfile] = [:]
        for d in catalog.deployments { all[d.id] = profiles[d.id] ?? .typical(for: d) }
        for (id, p) in profiles { all[id] = p }
        self.profiles = all
        self.timeline = timeline
        self.clock = clock
        self.startTime = startTime ?? clock.now()
        self.outputLengths = outputLengths
        state = Mutex(State(rng: SeededGenerator(seed: seed)))
    }

    /// Performs one simulated attempt: draws its plan, waits its latency on the clock, returns its outcome.
    public func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
        let plan = self.plan(call)
        do {
            try await clock.sleep(seconds: plan.delay)
        } catch {
            // The caller gave up (its timeout or shutdown); report it the way a real client would see it.
            return .failure(UpstreamFailure(
                errorClass: .timeout,
                message: "call to \(call.deployment.provider) (\(call.deployment.upstreamModel)) cancelled"
            ))
        }
        return plan.outcome
    }

    /// Draws what `call` will do now, without waiting (for servers that pace a stream themselves).
    public func plan(_ call: UpstreamCall) -> CallPlan {
        let faults = currentFaults(for: call.deployment)
        let latency = latencyProfile(for: call.deployment)
        return state.withLock { s in
            s.calls += 1
            return CallPlan.draw(for: call, latency: latency, output: outputLengths, faults: faults, using: &s.rng)
        }
    }

    /// Seconds since `startTime` on the injected clock.
    public func elapsed() -> Double { clock.now() - startTime }

    /// The timeline's phase now, for the dashboard.
    public func currentPhase() -> (name: String, description: String) { timeline.phase(at: elapsed()) }

    /// The latency profile used for `deployment`.
    public func latencyProfile(for deployment: DeploymentSpec) -> LatencyProfile {
        profiles[deployment.id] ?? .typical(for: deployment)
    }

    /// Faults in effect for `deployment` now: the timeline's, plus runtime overrides of its provider and itself.
    public func currentFaults(for deployment: DeploymentSpec) -> FaultProfile {
        let scripted = timeline.faults(for: deployment, at: elapsed())
        let overrides = state.withLock { $0.overrides }
        var result = scripted
        if let f = overrides[deployment.provider] { result = result.combined(with: f) }
        if let f = overrides[deployment.id] { result = result.combined(with: f) }
        return result
    }

    /// Adds `faults` for every deployment of `provider` (or one deployment, given its id) until cleared.
    public func setFaults(_ faults: FaultProfile, for provider: String) {
        state.withLock { $0.overrides[provider] = faults }
    }

    /// Removes the runtime faults of `provider` (or deployment id); the timeline still applies.
    public func clearFaults(for provider: String) {
        state.withLock { $0.overrides[provider] = nil }
    }

    /// Removes every runtime fault.
    public func clearFaults() {
        state.withLock { $0.overrides.removeAll() }
    }

    /// Runtime faults currently set, by provider name or deployment id.
    public func faultOverrides() -> [String: FaultProfile] {
        state.withLock { $0.overrides }
    }

    /// Calls simulated so far.
    public var callCount: Int { state.withLock { $0.calls } }
}

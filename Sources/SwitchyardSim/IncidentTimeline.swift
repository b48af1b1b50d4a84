import SwitchyardCore

/// A scripted, looping schedule of incidents relative to a start time, so a demo shows retries,
/// fallbacks, breakers and budget burn without anyone touching it.
public struct IncidentTimeline: Sendable, Hashable {
    /// Phases in any order; where none applies, everything is calm.
    public var phases: [IncidentPhase]
    /// Cycle length in seconds; the schedule repeats after it. Zero or less plays the schedule once.
    public var period: Double
    /// Name and description reported between phases.
    public var calmName: String
    /// Description reported between phases.
    public var calmDescription: String

    /// Creates a timeline.
    public init(
        phases: [IncidentPhase], period: Double,
        calmName: String = "calm", calmDescription: String = "all providers healthy"
    ) {
        self.phases = phases
        self.period = period
        self.calmName = calmName
        self.calmDescription = calmDescription
    }

    /// No incidents, ever.
    public static let calm = IncidentTimeline(phases: [], period: 0)

    /// The demo's 75-second loop: a 429 storm on openai, a 5xx burst on anthropic, a latency spike on groq,
    /// an azure outage, then recovery.
    public static let demo = IncidentTimeline(
        phases: [
            IncidentPhase(
                name: "429 storm", description: "openai rate-limits 70 % of calls (retry-after 2 s)",
                start: 8, end: 20, faults: ["openai": .rateLimited(0.7, retryAfter: 2)]
            ),
            IncidentPhase(
                name: "5xx burst", description: "anthropic returns 503/500 on 55 % of calls, some streams cut",
                start: 22, end: 32,
                faults: ["anthropic": FaultProfile(
                    errorRates: [503: 0.45, 500: 0.1], streamCutProbability: 0.05, malformedProbability: 0.01
                )]
            ),
            IncidentPhase(
                name: "latency spike", description: "groq is 6× slower and 3 % of calls hang",
                start: 34, end: 44,
                faults: ["groq": FaultProfile(latencyMultiplier: 6, hangProbability: 0.03, hangSeconds: 30)]
            ),
            IncidentPhase(
                name: "outage", description: "azure refuses every connection",
                start: 46, end: 60, faults: ["azure": .outage]
            ),
            IncidentPhase(
                name: "recovery", description: "all providers healthy again; breakers close",
                start: 60, end: 75
            ),
        ],
        period: 75
    )

    /// Seconds into the current cycle for `elapsed` seconds since the start (negative counts as 0).
    public func cycleTime(at elapsed: Double) -> Double {
        let t = max(0, elapsed)
        guard period > 0 else { return t }
        return t.truncatingRemainder(dividingBy: period)
    }

    /// The phase active `elapsed` seconds after the start, if any.
    public func activePhase(at elapsed: Double) -> IncidentPhase? {
        let t = cycleTime(at: elapsed)
        return phases.first { $0.contains(t) }
    }

    /// What is happening `elapsed` seconds after the start, for the dashboard and logs.
    public func phase(at elapsed: Double) -> (name: String, description: String) {
        guard let p = activePhase(at: elapsed) else { return (calmName, calmDescription) }
        return (p.name, p.description)
    }

    /// Faults scripted for `deployment` at `elapsed`: its provider's, combined with its own, if listed.
    public func faults(for deployment: DeploymentSpec, at elapsed: Double) -> FaultProfile {
        faults(provider: deployment.provider, deploymentID: deployment.id, at: elapsed)
    }

    /// Faults scripted for a provider (and optionally one of its deployments) at `elapsed`.
    public func faults(provider: String, deploymentID: String? = nil, at elapsed: Double) -> FaultProfile {
        let t = cycleTime(at: elapsed)
        var result = FaultProfile.none
        // Overlapping phases stack, which lets a script layer a slow-down under an error burst.
        for p in phases where p.contains(t) {
            if let f = p.faults[provider] { result = result.combined(with: f) }
            if let id = deploymentID, let f = p.faults[id] { result = result.combined(with: f) }
        }
        return result
    }

    /// Seconds until the phase active at `elapsed` changes (for a countdown); nil when nothing more is scheduled.
    public func secondsUntilNextChange(at elapsed: Double) -> Double? {
        let t = cycleTime(at: elapsed)
        let boundaries = phases.flatMap { [$0.start, $0.end] }.filter { $0 > t }
        if let next = boundaries.min() { return next - t }
        guard period > 0, let first = phases.map(\.start).min() else { return nil }
        return period - t + first
    }
}

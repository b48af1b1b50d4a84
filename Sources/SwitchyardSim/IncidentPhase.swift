/// One scripted stretch of an incident timeline: from `start` to `end` seconds into each cycle, the
/// listed targets suffer the given faults.
public struct IncidentPhase: Sendable, Hashable {
    /// Short name for the dashboard, e.g. "429 storm".
    public var name: String
    /// One sentence on what is happening, e.g. "openai rate-limits 70 % of calls (retry-after 2 s)".
    public var description: String
    /// Seconds into the cycle when the phase begins (inclusive).
    public var start: Double
    /// Seconds into the cycle when the phase ends (exclusive).
    public var end: Double
    /// Faults by target: a provider name, or a deployment id for a single deployment.
    public var faults: [String: FaultProfile]

    /// Creates a phase.
    public init(name: String, description: String, start: Double, end: Double, faults: [String: FaultProfile] = [:]) {
        self.name = name
        self.description = description
        self.start = start
        self.end = end
        self.faults = faults
    }

    /// Whether `t` seconds into the cycle falls within this phase.
    public func contains(_ t: Double) -> Bool { t >= start && t < end }
}

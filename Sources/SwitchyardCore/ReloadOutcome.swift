/// The answer to a reload: applied with what changed, or refused with every reason.
public struct ReloadOutcome: Sendable, Codable, Hashable {
    public var applied: Bool
    /// What changed ("models +gpt-5 -gpt-4o; …", "no change"); empty when refused.
    public var summary: String
    /// Why the reload was refused, as `check-config` words it.
    public var problems: [String]
    /// Warnings of an applied reload (a provider key that could not be read).
    public var warnings: [String]

    public init(applied: Bool, summary: String, problems: [String], warnings: [String]) {
        self.applied = applied
        self.summary = summary
        self.problems = problems
        self.warnings = warnings
    }

    public static func refused(_ problems: [String]) -> ReloadOutcome {
        ReloadOutcome(applied: false, summary: "", problems: problems, warnings: [])
    }
}

import SwitchyardCore

/// A team as the control API shows it.
public struct TeamInfo: Sendable, Codable, Hashable {
    public var name: String
    /// Model groups the team's keys may call; nil means every model.
    public var models: [String]?
    public var rpm: Int?
    public var tpm: Int?
    public var metadata: [String: String]
    /// How many keys name this team (revoked ones included).
    public var keys: Int
    public var source: GovernanceSource

    /// The view of `team`.
    public init(_ team: TeamSpec, keys: Int, source: GovernanceSource) {
        name = team.name
        models = team.models
        rpm = team.limits.rpm
        tpm = team.limits.tpm
        metadata = team.metadata
        self.keys = keys
        self.source = source
    }
}

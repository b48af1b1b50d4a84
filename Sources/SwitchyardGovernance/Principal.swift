/// Who a request runs as: the virtual key's name and team, or nobody (open mode without a key).
public struct Principal: Sendable, Hashable {
    /// The key's name (never its secret); nil when anonymous.
    public var key: String?
    /// The key's team, if it has one.
    public var team: String?
    /// The key's metadata (`ctl keys create --meta k=v`), which task rules may match on.
    public var metadata: [String: String]

    /// A principal for `key` in `team`.
    public init(key: String?, team: String?, metadata: [String: String] = [:]) {
        self.key = key
        self.team = team
        self.metadata = metadata
    }

    /// No key: open mode without a credential.
    public static let anonymous = Principal(key: nil, team: nil)
}

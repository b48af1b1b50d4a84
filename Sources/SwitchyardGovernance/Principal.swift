/// Who a request runs as: the virtual key's name and team, or nobody (open mode without a key).
public struct Principal: Sendable, Hashable {
    /// The key's name (never its secret); nil when anonymous.
    public var key: String?
    /// The key's team, if it has one.
    public var team: String?

    /// A principal for `key` in `team`.
    public init(key: String?, team: String?) {
        self.key = key
        self.team = team
    }

    /// No key: open mode without a credential.
    public static let anonymous = Principal(key: nil, team: nil)
}

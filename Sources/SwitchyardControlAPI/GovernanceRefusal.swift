/// A management request the gateway refused, with the HTTP status the control API answers with.
public struct GovernanceRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// 400 bad input, 404 no such key/team/budget, 409 conflicts (duplicates, in use, owned by the config), 500.
    public var status: Int
    /// The operator-facing explanation.
    public var message: String

    /// A refusal with `status` saying `message`.
    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }
}

import SwitchyardGovernance

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

    /// The status for a governor's refusal. `target` is true when the missing thing is what the request acts
    /// on (404); a missing thing the request merely refers to, like a key's team, is bad input (400).
    init(_ error: any Error, target: Bool) {
        guard let error = error as? GovernanceError else {
            self.init(500, "\(error)")
            return
        }
        let status: Int
        switch error.kind {
        case .notFound: status = target ? 404 : 400
        case .invalid: status = 400
        case .duplicate, .inUse: status = 409
        }
        self.init(status, error.message)
    }

    /// The change was valid but could not be saved.
    static func unsaved(_ what: String, _ error: any Error) -> GovernanceRefusal {
        GovernanceRefusal(500, "cannot save \(what): \(error)")
    }
}

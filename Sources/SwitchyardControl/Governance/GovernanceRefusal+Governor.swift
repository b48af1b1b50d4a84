import SwitchyardControlAPI
import SwitchyardGovernance

extension GovernanceRefusal {
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

import SwitchyardCore
/// Why a key, team or budget change was refused; `description` is a message for the operator.
public struct GovernanceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of refusal this is, for callers that map it to a status code.
    public enum Kind: String, Sendable, Hashable {
        /// No key, team or budget by that name (404).
        case notFound
        /// A name or value is not acceptable (400).
        case invalid
        /// Something with that name already exists (409).
        case duplicate
        /// It is still referenced (409).
        case inUse
    }

    /// What kind of refusal.
    public var kind: Kind
    /// The operator-facing explanation, naming what was wrong and, for typos, what was probably meant.
    public var message: String

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message, so `"\(error)"` reads well in the control API and the CLI.
    public var description: String { message }

    /// "no key named X" with a did-you-mean drawn from `known`.
    static func notFound(_ what: String, _ name: String, known: [String]) -> GovernanceError {
        var text = "no \(what) named '\(name)'"
        if let guess = NameSuggestion.closest(to: name, in: known) {
            text += "; did you mean '\(guess)'?"
        } else if known.isEmpty {
            text += " (there are none)"
        }
        return GovernanceError(.notFound, text)
    }
}

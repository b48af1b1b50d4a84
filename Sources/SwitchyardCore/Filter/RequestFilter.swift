/// A request filter expression such as `status>=500 model=gpt-4o slow>1s fallback key=team-a`: terms separated by
/// spaces, all of which must hold. Used by the dashboard's requests pane and by trace queries.
public struct RequestFilter: Sendable, Hashable, CustomStringConvertible {
    /// The terms, in the order written.
    public var terms: [RequestFilterTerm]

    /// A filter of `terms` (none: matches everything).
    public init(terms: [RequestFilterTerm] = []) {
        self.terms = terms
    }

    /// Parses `text`; throws the first bad term with its position.
    public init(parsing text: String) throws(RequestFilterError) {
        self.terms = try RequestFilterParser.parse(text)
    }

    /// Whether the filter has no terms.
    public var isEmpty: Bool { terms.isEmpty }

    /// Canonical text: terms in order, one space apart; parsing it gives an equal filter.
    public var description: String { terms.map(\.description).joined(separator: " ") }

    /// Whether every term holds for `r`.
    public func matches(_ r: RequestRecord) -> Bool {
        terms.allSatisfy { $0.matches(r) }
    }

    /// The bare-word terms (and their negations) only: what applies to rows other than requests.
    public var words: [RequestFilterTerm] {
        terms.filter {
            switch $0 {
            case .word, .not(.word): true
            default: false
            }
        }
    }

    /// Whether every bare-word term is a substring (case-insensitive) of one of `fields`, or, negated, of none;
    /// other terms are ignored. For listing things that are not requests (providers, models, events).
    public func matchesWords(_ fields: [String?]) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case .word(let w): RequestFilterTerm.containsWord(w, in: fields)
            case .not(.word(let w)): !RequestFilterTerm.containsWord(w, in: fields)
            default: true
            }
        }
    }
}

/// Why a filter expression did not parse: what is wrong, in which term, and where.
public struct RequestFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of mistake a filter expression can have.
    public enum Kind: Sendable, Hashable {
        /// A name before an operator that is no field, with the closest field name when one is near.
        case unknownField(String, suggestion: String?)
        /// An operator the field does not take.
        case badOperator(field: String, op: String)
        /// A value that should be a number.
        case badNumber(field: String, value: String)
        /// A value that should be a duration (`250ms`, `1.5s`, `2m`, a bare number of seconds).
        case badDuration(field: String, value: String)
        /// A value that is not one of the field's choices (e.g. an error class).
        case badChoice(field: String, value: String, choices: [String], suggestion: String?)
        /// An operator with nothing after it.
        case emptyValue(field: String)
        /// An operator with no field name before it.
        case missingField(op: String)
        /// A field name with no operator and value.
        case missingValue(field: String)
        /// A `!` or `-` with nothing after it.
        case danglingNegation
    }

    /// What is wrong.
    public var kind: Kind
    /// The whole term, as typed.
    public var term: String
    /// 1-based character position in the expression of the offending part.
    public var position: Int

    /// An error of `kind` in `term`, at `position` (1-based).
    public init(kind: Kind, term: String, position: Int) {
        self.kind = kind
        self.term = term
        self.position = position
    }

    /// One line for a status bar, e.g. `unknown field 'stauts' at 1 (did you mean 'status'?)`.
    public var message: String {
        switch kind {
        case .unknownField(let name, let suggestion):
            let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? " (fields: \(RequestFilterField.allNames.joined(separator: " ")))"
            return "unknown field '\(name)' at \(position)\(hint)"
        case .badOperator(let field, let op):
            let allowed = RequestFilterField(name: field)?.operators.map(\.rawValue).joined(separator: " ")
            if RequestFilterFlag(rawValue: field) != nil {
                return "'\(field)' is a flag and takes no '\(op)' at \(position) (write \(field) or !\(field))"
            }
            return "operator '\(op)' does not apply to \(field) at \(position)" + (allowed.map { " (use \($0))" } ?? "")
        case .badNumber(let field, let value):
            let example = field == "status" ? " (e.g. status>=500 or status=5xx)" : ""
            return "bad number '\(value)' for \(field) at \(position)\(example)"
        case .badDuration(let field, let value):
            return "bad duration '\(value)' for \(field) at \(position) (e.g. 250ms, 1.5s, 2m)"
        case .badChoice(let field, let value, let choices, let suggestion):
            let hint = suggestion.map { "did you mean '\($0)'?" } ?? "one of \(choices.joined(separator: " "))"
            return "bad value '\(value)' for \(field) at \(position) (\(hint))"
        case .emptyValue(let field):
            return "empty value for \(field) at \(position)"
        case .missingField(let op):
            return "missing field before '\(op)' at \(position)"
        case .missingValue(let field):
            return "\(field) needs an operator and a value at \(position) (e.g. \(RequestFilterField(name: field)?.example ?? field + "=…"))"
        case .danglingNegation:
            return "nothing to negate after '\(term)' at \(position)"
        }
    }

    /// Same as `message`.
    public var description: String { message }
}

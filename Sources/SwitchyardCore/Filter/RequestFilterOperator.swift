/// A comparison in a `field<op>value` filter term.
public enum RequestFilterOperator: String, Sendable, Hashable, CaseIterable {
    /// Equal (for text: case-insensitive).
    case equal = "="
    /// Not equal.
    case notEqual = "!="
    /// Greater than.
    case greater = ">"
    /// Greater than or equal.
    case greaterOrEqual = ">="
    /// Less than.
    case less = "<"
    /// Less than or equal.
    case lessOrEqual = "<="

    /// Spellings in the order the parser tries them: two-character operators before their prefixes.
    static let spellings: [(String, RequestFilterOperator)] = [
        ("!=", .notEqual), (">=", .greaterOrEqual), ("<=", .lessOrEqual), ("==", .equal),
        ("=", .equal), (">", .greater), ("<", .less),
    ]

    /// Whether `lhs <op> rhs` holds.
    func compare(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .equal: lhs == rhs
        case .notEqual: lhs != rhs
        case .greater: lhs > rhs
        case .greaterOrEqual: lhs >= rhs
        case .less: lhs < rhs
        case .lessOrEqual: lhs <= rhs
        }
    }
}

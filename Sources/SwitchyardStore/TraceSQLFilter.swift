import GRDB
import SwitchyardCore

/// The part of a trace query SQLite can answer from the row's columns: the time range plus the filter terms whose
/// meaning the columns carry exactly. It only narrows: the whole filter is still applied to each decoded trace, so a
/// term left out here costs rows read, never a wrong answer.
struct TraceSQLFilter {
    /// `WHERE` clauses joined with AND.
    private(set) var clauses: [String] = []
    private(set) var arguments: StatementArguments = []

    init(_ query: TraceQuery) {
        if let since = query.since { add("time >= ?", [since]) }
        if let until = query.until { add("time < ?", [until]) }
        for term in query.filter.terms { push(term) }
    }

    /// `WHERE …` (or nothing), ready to append after the table name.
    var whereSQL: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }

    private mutating func add(_ clause: String, _ values: StatementArguments) {
        clauses.append(clause)
        arguments += values
    }

    private mutating func push(_ term: RequestFilterTerm) {
        switch term {
        case .text(let field, .equal, let value) where !value.hasSuffix("*") && value.allSatisfy(\.isASCII):
            // NOCASE folds ASCII only, hence ASCII values only: Swift's lower-casing is the reference.
            switch field {
            case .model: add("model = ? COLLATE NOCASE", [value])
            case .key: add("key = ? COLLATE NOCASE", [value])
            case .team: add("team = ? COLLATE NOCASE", [value])
            default: break
            }
        case .statusClass(.equal, let digit):
            add("status >= ? AND status < ?", [digit * 100, (digit + 1) * 100])
        case .compare(let field, let op, let q):
            // A NULL ttft compares false either way, as a missing first token does in Swift.
            let columns: [RequestFilterField: String] = [
                .status: "status", .latency: "latency", .tokens: "tokens", .cost: "cost", .tries: "attempts",
                .ttft: "ttft",
            ]
            if let column = columns[field] { add("\(column) \(Self.sql(op)) ?", [q.value]) }
        case .flag(.stream):
            add("stream = 1", [])
        case .flag(.fallback):
            add("fell_back = 1", [])
        case .flag(.error):
            add("status >= 400", [])
        case .flag(.ok):
            add("status < 400", [])
        default:
            // Negations, words, deployments and providers (which also match any attempt's), classes: Swift decides.
            break
        }
    }

    private static func sql(_ op: RequestFilterOperator) -> String {
        switch op {
        case .equal: "="
        case .notEqual: "<>"
        case .greater: ">"
        case .greaterOrEqual: ">="
        case .less: "<"
        case .lessOrEqual: "<="
        }
    }
}

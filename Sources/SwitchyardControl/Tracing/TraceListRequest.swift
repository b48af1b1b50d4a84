import SwitchyardCore
import SwitchyardControlAPI

/// The query parameters of `GET /v1/traces` read into one `TraceQuery`. The convenience parameters (model,
/// status, key, team, min_latency, fallback) become filter terms next to `filter`, so the filter's parser judges
/// them all and its messages reach the caller, prefixed with the parameter at fault.
public struct TraceListRequest: Sendable, Hashable {
    /// Most traces a list answers.
    public static let maxLimit = 1_000
    /// Traces listed when no limit is given.
    public static let defaultLimit = 50
    /// The parameters the list understands.
    public static let parameters = [
        "model", "status", "key", "team", "min_latency", "fallback", "since", "until", "filter", "limit", "format",
    ]

    /// What to list.
    public var query: TraceQuery
    /// Whether the answer is an OTLP/JSON export instead of summaries.
    public var otlp: Bool

    /// Reads `parameters` (name, value pairs as sent); relative times count back from `now` (epoch seconds).
    public init(parameters: [(String, String)], now: Double) throws(TraceRequestError) {
        var terms: [RequestFilterTerm] = []
        var since: Double?
        var until: Double?
        var limit = Self.defaultLimit
        var otlp = false
        for (name, value) in parameters {
            switch name {
            case "model", "key", "team":
                terms += try Self.terms(name, "\(name)=\(try Self.word(name, value))")
            case "status":
                let v = try Self.word(name, value)
                let hasOperator = v.first.map { "<>=!".contains($0) } ?? false
                terms += try Self.terms(name, hasOperator ? "status\(v)" : "status=\(v)")
            case "min_latency":
                terms += try Self.terms(name, "latency>=\(try Self.word(name, value))")
            case "fallback":
                switch value.lowercased() {
                case "true", "1", "yes", "": terms.append(.flag(.fallback))
                case "false", "0", "no": terms.append(.not(.flag(.fallback)))
                default: throw TraceRequestError("fallback must be true or false, got '\(value)'")
                }
            case "filter":
                terms += try Self.terms(name, value)
            case "since", "until":
                guard let time = TimeArgument.past(value, now: now) else {
                    throw TraceRequestError("\(name) '\(value)' is not a time: use \(TimeArgument.accepted)")
                }
                if name == "since" { since = time } else { until = time }
            case "limit":
                guard let n = Int(value), n > 0, n <= Self.maxLimit else {
                    throw TraceRequestError("limit must be an integer from 1 to \(Self.maxLimit), got '\(value)'")
                }
                limit = n
            case "format":
                switch value.lowercased() {
                case "otlp": otlp = true
                case "json": otlp = false
                default: throw TraceRequestError("format must be json or otlp, got '\(value)'")
                }
            default:
                throw TraceRequestError(
                    "unknown parameter '\(name)' (accepted: \(Self.parameters.joined(separator: ", ")))")
            }
        }
        if let since, let until, until <= since {
            throw TraceRequestError("until must be after since")
        }
        query = TraceQuery(filter: RequestFilter(terms: terms), since: since, until: until, limit: limit)
        self.otlp = otlp
    }

    /// A parameter value that must be one filter word (no spaces).
    private static func word(_ name: String, _ value: String) throws(TraceRequestError) -> String {
        guard !value.isEmpty else { throw TraceRequestError("\(name) is empty") }
        guard !value.contains(where: \.isWhitespace) else {
            throw TraceRequestError("\(name) '\(value)' must not contain spaces")
        }
        return value
    }

    private static func terms(_ name: String, _ text: String) throws(TraceRequestError) -> [RequestFilterTerm] {
        do {
            return try RequestFilter(parsing: text).terms
        } catch {
            throw TraceRequestError("\(name): \(error.message)")
        }
    }
}

/// A trace request the control API refuses with 400, and why.
public struct TraceRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line naming the parameter at fault.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// Same as `message`.
    public var description: String { message }
}

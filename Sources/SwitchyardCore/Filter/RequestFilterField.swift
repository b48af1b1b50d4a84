/// A field a filter term can name, with the kind of value it takes.
public enum RequestFilterField: String, Sendable, Hashable, CaseIterable {
    /// The model group the client asked for.
    case model
    /// The virtual key.
    case key
    /// The key's team.
    case team
    /// Provider of the serving deployment or of any attempt's.
    case provider
    /// The serving deployment or any attempt's ("<model>/<provider>").
    case deployment
    /// Request id (prefix).
    case id
    /// Error class of any attempt (429, 5xx, timeout, connect, other).
    case errorClass = "class"
    /// HTTP status returned to the client (or a class: `5xx`).
    case status
    /// Input plus output tokens.
    case tokens
    /// Dollars.
    case cost
    /// Attempts made.
    case tries
    /// Seconds, first byte in to last byte out (alias `slow`).
    case latency
    /// Seconds to the first token.
    case ttft

    /// Other spellings accepted for a field; the canonical text uses the field's own name.
    static let aliases: [String: RequestFilterField] = ["slow": .latency, "errclass": .errorClass, "req": .id]

    /// Every field name and alias (for suggestions and help).
    public static let allNames: [String] = allCases.map(\.rawValue)

    /// The field called `name` (or one of its aliases), case-insensitive.
    public init?(name: String) {
        let lower = name.lowercased()
        if let field = RequestFilterField(rawValue: lower) ?? Self.aliases[lower] { self = field } else { return nil }
    }

    /// What a value of this field is.
    public enum ValueKind: Sendable, Hashable { case text, choice, number, duration }

    /// The kind of value this field takes.
    public var valueKind: ValueKind {
        switch self {
        case .model, .key, .team, .provider, .deployment, .id: .text
        case .errorClass: .choice
        case .status, .tokens, .cost, .tries: .number
        case .latency, .ttft: .duration
        }
    }

    /// Operators this field takes.
    public var operators: [RequestFilterOperator] {
        switch valueKind {
        case .text, .choice: [.equal, .notEqual]
        case .number, .duration: RequestFilterOperator.allCases
        }
    }

    /// A short valid term, for error messages.
    var example: String {
        switch self {
        case .status: "status>=500"
        case .tokens: "tokens>1000"
        case .cost: "cost>0.01"
        case .tries: "tries>1"
        case .latency: "latency>1s"
        case .ttft: "ttft>2s"
        case .errorClass: "class=timeout"
        default: "\(rawValue)=…"
        }
    }
}

/// A filter term that is a bare word naming a property of the request.
public enum RequestFilterFlag: String, Sendable, Hashable, CaseIterable {
    /// Answered after falling back.
    case fallback
    /// Streamed.
    case stream
    /// Ended with status 400 or above.
    case error
    /// Ended with a status below 400.
    case ok
}

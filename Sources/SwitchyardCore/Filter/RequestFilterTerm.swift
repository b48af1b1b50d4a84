/// One term of a filter expression; a filter holds when all its terms do.
public indirect enum RequestFilterTerm: Sendable, Hashable, CustomStringConvertible {
    /// `model=gpt-4o`, `provider!=azure`, `id=req_7f`: a text field against a value (case-insensitive; `id` and a
    /// trailing `*` match a prefix).
    case text(RequestFilterField, RequestFilterOperator, String)
    /// `status=5xx`: the status's hundreds digit.
    case statusClass(RequestFilterOperator, Int)
    /// `class=timeout`: an error class seen on any attempt.
    case errorClass(RequestFilterOperator, ErrorClass)
    /// `status>=500`, `cost>0.01`, `latency>1s`: a numeric field (durations in seconds) against a quantity.
    case compare(RequestFilterField, RequestFilterOperator, RequestFilterQuantity)
    /// `fallback`, `stream`, `error`, `ok`.
    case flag(RequestFilterFlag)
    /// Any other bare word: a substring of the id, model, key, team or serving deployment.
    case word(String)
    /// `!term` or `-term`.
    case not(RequestFilterTerm)

    /// The canonical text of the term; parsing it gives the same term back.
    public var description: String {
        switch self {
        case .text(let field, let op, let value): "\(field.rawValue)\(op.rawValue)\(value)"
        case .statusClass(let op, let digit): "status\(op.rawValue)\(digit)xx"
        case .errorClass(let op, let c): "class\(op.rawValue)\(c.rawValue)"
        case .compare(let field, let op, let q): "\(field.rawValue)\(op.rawValue)\(q.text)"
        case .flag(let flag): flag.rawValue
        case .word(let word): word
        case .not(let term): "!\(term.description)"
        }
    }

    /// The term without its negation.
    public var positive: RequestFilterTerm {
        if case .not(let inner) = self { return inner.positive }
        return self
    }

    /// Whether the term holds for `r`.
    public func matches(_ r: RequestRecord) -> Bool {
        switch self {
        case .text(let field, let op, let value):
            let hit = Self.textValues(field, of: r).contains {
                field == .key ? Self.keyMatches($0, value) : Self.textMatches($0, value, prefix: field == .id)
            }
            return op == .notEqual ? !hit : hit
        case .statusClass(let op, let digit):
            let hit = r.status / 100 == digit
            return op == .notEqual ? !hit : hit
        case .errorClass(let op, let c):
            let hit = r.attempts.contains { $0.errorClass == c }
                || (r.attempts.isEmpty && r.status >= 400 && ErrorClass.classify(status: r.status) == c)
            return op == .notEqual ? !hit : hit
        case .compare(let field, let op, let q):
            guard let value = Self.number(field, of: r) else { return false }
            return op.compare(value, q.value)
        case .flag(let flag):
            switch flag {
            case .fallback: return r.fellBack
            case .stream: return r.stream
            case .error: return r.status >= 400
            case .ok: return r.status < 400
            }
        case .word(let word):
            return Self.containsWord(word, in: [r.id, r.model, r.key, r.team, r.servedBy])
        case .not(let term):
            return !term.matches(r)
        }
    }

    /// Whether `word` is a case-insensitive substring of any of `fields`.
    static func containsWord(_ word: String, in fields: [String?]) -> Bool {
        let needle = word.lowercased()
        return fields.contains { $0?.lowercased().contains(needle) ?? false }
    }

    /// Case-insensitive equality, or prefix when asked or when `pattern` ends in `*`.
    static func textMatches(_ candidate: String, _ pattern: String, prefix: Bool) -> Bool {
        let c = candidate.lowercased(), p = pattern.lowercased()
        if p.hasSuffix("*") { return c.hasPrefix(String(p.dropLast())) }
        return prefix ? c.hasPrefix(p) : c == p
    }

    /// Key names are paths by convention (`team-a/ci`): `key=team-a` matches the key of that name and every key
    /// under it, `key=ci` every key whose last part is `ci`; `*` at the end still means a prefix.
    static func keyMatches(_ candidate: String, _ pattern: String) -> Bool {
        if textMatches(candidate, pattern, prefix: false) { return true }
        let c = candidate.lowercased(), p = pattern.lowercased()
        return c.hasPrefix(p + "/") || c.hasSuffix("/" + p)
    }

    /// The values a text field has on `r` (several for provider and deployment: the serving one and every attempt's).
    static func textValues(_ field: RequestFilterField, of r: RequestRecord) -> [String] {
        switch field {
        case .model: return [r.model]
        case .key: return r.key.map { [$0] } ?? []
        case .team: return r.team.map { [$0] } ?? []
        case .id: return [r.id]
        case .deployment: return (r.servedBy.map { [$0] } ?? []) + r.attempts.map(\.deployment)
        case .provider: return ((r.servedBy.map { [$0] } ?? []) + r.attempts.map(\.deployment)).map(provider(ofDeployment:))
        default: return []
        }
    }

    /// The provider part of a deployment id "<model>/<provider>" (the whole id when it has no slash).
    static func provider(ofDeployment id: String) -> String {
        guard let slash = id.lastIndex(of: "/") else { return id }
        return String(id[id.index(after: slash)...])
    }

    /// A numeric field's value on `r`, durations in seconds; nil when the request has none (no first token).
    static func number(_ field: RequestFilterField, of r: RequestRecord) -> Double? {
        switch field {
        case .status: Double(r.status)
        case .tokens: Double(r.inputTokens + r.outputTokens)
        case .cost: r.cost
        case .tries: Double(r.attempts.count)
        case .latency: r.latency
        case .ttft: r.timeToFirstToken
        default: nil
        }
    }
}

/// A number or duration in a filter term: its value (seconds for durations) and its canonical text.
public struct RequestFilterQuantity: Sendable, Hashable {
    /// The value compared; durations are in seconds.
    public var value: Double
    /// How the canonical description spells it, e.g. "500", "0.01", "250ms", "1s".
    public var text: String

    /// A quantity of `value` spelled `text`.
    public init(value: Double, text: String) {
        self.value = value
        self.text = text
    }
}

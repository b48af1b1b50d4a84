/// What a budget limits.
public enum BudgetScope: Sendable, Codable, Hashable {
    case global
    case team(String)
    case key(String)
    case model(String)

    /// "global", "team", "key" or "model": the word configs, the control API and stored rows use.
    public var kind: String {
        switch self {
        case .global: "global"
        case .team: "team"
        case .key: "key"
        case .model: "model"
        }
    }

    /// The team, key or model limited; nil for the global budget.
    public var name: String? {
        switch self {
        case .global: nil
        case .team(let n), .key(let n), .model(let n): n
        }
    }

    /// Short label for tables: "global", "team team-a", "key team-a/ci", "model gpt-4o".
    public var label: String { name.map { "\(kind) \($0)" } ?? kind }
}

/// How often a budget resets.
public enum BudgetPeriod: String, Sendable, Codable, CaseIterable, Hashable {
    case daily, weekly, monthly, total
}

/// What a budget does with a request whose worst case it cannot cover while it still has money left.
public enum BudgetPolicy: String, Sendable, Codable, CaseIterable, Hashable {
    /// Answer 429 `budget_exceeded` naming the budget (or downgrade, when the budget names a model).
    case refuse
    /// Lower the request's `max_tokens` to what the budget can still pay for and run it, saying so in a
    /// response header; refuse only when not even one completion token fits.
    case clamp
}

/// A spend limit in dollars over a period.
public struct BudgetSpec: Sendable, Codable, Hashable {
    public var scope: BudgetScope
    public var limit: Double
    public var period: BudgetPeriod
    /// When set, a request this budget would refuse runs on this (cheaper) model group instead.
    public var downgradeTo: String?
    /// What happens to a request that does not fit in what is left (an exhausted budget always refuses or
    /// downgrades).
    public var policy: BudgetPolicy

    public init(
        scope: BudgetScope, limit: Double, period: BudgetPeriod, downgradeTo: String? = nil,
        policy: BudgetPolicy = .refuse
    ) {
        self.scope = scope
        self.limit = limit
        self.period = period
        self.downgradeTo = downgradeTo
        self.policy = policy
    }

    private enum CodingKeys: String, CodingKey {
        case scope, limit, period, downgradeTo, policy
    }

    /// Reads specs written before budgets had a policy as `refuse`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scope = try c.decode(BudgetScope.self, forKey: .scope)
        limit = try c.decode(Double.self, forKey: .limit)
        period = try c.decode(BudgetPeriod.self, forKey: .period)
        downgradeTo = try c.decodeIfPresent(String.self, forKey: .downgradeTo)
        policy = try c.decodeIfPresent(BudgetPolicy.self, forKey: .policy) ?? .refuse
    }
}

/// What a budget limits.
public enum BudgetScope: Sendable, Codable, Hashable {
    case global
    case team(String)
    case key(String)
    case model(String)

    /// Short label for tables: "global", "team team-a", "key team-a/ci", "model gpt-4o".
    public var label: String {
        switch self {
        case .global: "global"
        case .team(let n): "team \(n)"
        case .key(let n): "key \(n)"
        case .model(let n): "model \(n)"
        }
    }
}

/// How often a budget resets.
public enum BudgetPeriod: String, Sendable, Codable, CaseIterable, Hashable {
    case daily, weekly, monthly, total
}

/// A spend limit in dollars over a period.
public struct BudgetSpec: Sendable, Codable, Hashable {
    public var scope: BudgetScope
    public var limit: Double
    public var period: BudgetPeriod
    /// When set, a request this budget would refuse runs on this (cheaper) model group instead.
    public var downgradeTo: String?

    public init(scope: BudgetScope, limit: Double, period: BudgetPeriod, downgradeTo: String? = nil) {
        self.scope = scope
        self.limit = limit
        self.period = period
        self.downgradeTo = downgradeTo
    }
}

import SwitchyardCore

/// A budget's live standing plus who owns it; encoded flat, as a `BudgetSnapshot` with a `source` field.
public struct BudgetInfo: Sendable, Codable, Hashable {
    public var budget: BudgetSnapshot
    public var source: GovernanceSource

    /// A budget owned by `source`.
    public init(budget: BudgetSnapshot, source: GovernanceSource) {
        self.budget = budget
        self.source = source
    }

    private enum Keys: String, CodingKey { case source }

    public init(from decoder: any Decoder) throws {
        budget = try BudgetSnapshot(from: decoder)
        source = try decoder.container(keyedBy: Keys.self).decode(GovernanceSource.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        // Flat, so a list of these reads as a list of snapshots to clients that know only those.
        try budget.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(source, forKey: .source)
    }
}

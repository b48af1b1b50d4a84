import SwitchyardCore

/// One key of a team, as its drill-down lists it: recent spend (if any) and its budget (if any).
public struct TeamKey: Sendable, Hashable {
    /// The key's name, e.g. "team-a/web".
    public var name: String
    /// Spend over the last 24 hours, when the gateway reports the key as a spender.
    public var spender: SpenderSnapshot?
    /// The key's fullest budget, when it has one.
    public var budget: BudgetSnapshot?

    /// A row for key `name`.
    public init(name: String, spender: SpenderSnapshot?, budget: BudgetSnapshot?) {
        self.name = name
        self.spender = spender
        self.budget = budget
    }

    /// Dollars over the last 24 hours (0 when not reported).
    public var spent24h: Double { spender?.spent24h ?? 0 }

    /// Every key of `team`, from the spenders and the key budgets: highest 24-hour spend first, then by name.
    public static func keys(of team: String, in snapshot: GatewaySnapshot?) -> [TeamKey] {
        guard let snapshot else { return [] }
        var byName: [String: TeamKey] = [:]
        var order: [String] = []
        for s in snapshot.spend.spenders where s.kind == .key && s.team == team {
            if byName[s.name] == nil { order.append(s.name) }
            byName[s.name, default: TeamKey(name: s.name, spender: nil, budget: nil)].spender = s
        }
        let spenderTeam = Dictionary(snapshot.spend.spenders.filter { $0.kind == .key }.map { ($0.name, $0.team) },
                                     uniquingKeysWith: { a, _ in a })
        for b in snapshot.budgets {
            // A key budget without a team may still be placed by the key's spender entry.
            guard case .key(let name) = b.scope, (b.team ?? spenderTeam[name] ?? nil) == team else { continue }
            if byName[name] == nil { order.append(name) }
            var row = byName[name, default: TeamKey(name: name, spender: nil, budget: nil)]
            // A key with several budgets (daily and monthly, say) shows the one closest to its limit.
            if row.budget.map({ b.fraction > $0.fraction }) ?? true { row.budget = b }
            byName[name] = row
        }
        let rows = order.compactMap { byName[$0] }
        return rows.indices.sorted { a, b in
            if rows[a].spent24h != rows[b].spent24h { return rows[a].spent24h > rows[b].spent24h }
            return rows[a].name < rows[b].name
        }.map { rows[$0] }
    }

    /// The budgets of `team` itself, fullest first.
    public static func teamBudgets(of team: String, in snapshot: GatewaySnapshot?) -> [BudgetSnapshot] {
        PaneRows.ordered((snapshot?.budgets ?? []).filter { $0.scope == .team(team) })
    }

    /// The team's own spender entry, if the gateway reports one.
    public static func teamSpender(_ team: String, in snapshot: GatewaySnapshot?) -> SpenderSnapshot? {
        snapshot?.spend.spenders.first { $0.kind == .team && $0.name == team }
    }
}

import SwitchyardCore
import SwitchyardGovernance

/// Taking in what other replicas changed in a shared store: the store's keys, teams and budgets replace the
/// runtime-managed ones in the governor; the config file's own stay as they are.
extension GovernanceService {
    /// Reads the shared store and applies it. Returns what changed, one line each (empty when nothing did).
    /// A management change made here while the store was being read wins: the read is repeated after it, so a
    /// stale read never undoes a newer local change such as a revocation.
    public func resync(now: Double) throws -> [String] {
        while true {
            let before = changeCount
            let stored = try StoredGovernance(store: store, owned: configOwned)
            if let applied = adopt(stored, readAfter: before, now: now) { return applied }
        }
    }

    /// Applies `stored` unless a management change happened since `count` (then nil: read again).
    func adopt(_ stored: StoredGovernance, readAfter count: UInt64, now: Double) -> [String]? {
        change(ifCountIs: count) {
            var lines: [String] = []
            let owned = configOwned
            let configTeams = Set(owned.teams.map(\.name))
            let configBudgets = Set(owned.budgets.map(BudgetIdentity.init))
            let currentTeams = Dictionary(
                governor.teams().filter { !configTeams.contains($0.name) }.map { ($0.name, $0) },
                uniquingKeysWith: { first, _ in first })
            // Teams first: keys and budgets may name them.
            for team in stored.teams where currentTeams[team.name] != team {
                do {
                    try governor.upsertTeam(team)
                    lines.append("team \(team.name) \(currentTeams[team.name] == nil ? "added" : "updated")")
                } catch {
                    lines.append("skipped team \(team.name): \(error)")
                }
            }
            let keys = governor.replaceKeys(with: stored.keys)
            if keys.changed { lines.append("keys updated (\(stored.keys.count) stored)") }
            lines += keys.skipped.map { "skipped \($0)" }
            let currentBudgets = governor.budgets().filter { !configBudgets.contains(BudgetIdentity($0)) }
            let storedIDs = Set(stored.budgets.map(BudgetIdentity.init))
            for budget in stored.budgets where !currentBudgets.contains(budget) {
                let isNew = !currentBudgets.contains { BudgetIdentity($0) == BudgetIdentity(budget) }
                // A budget new to this replica starts from what this replica's ledger holds for its period.
                let spent = isNew ? ledgerSpend(budget, now: now) : 0
                do {
                    try governor.setBudget(budget, now: now, ledgerSpent: spent)
                    lines.append("budget \(budget.scope.label) \(budget.period.rawValue) \(isNew ? "added" : "updated")")
                } catch {
                    lines.append("skipped budget \(budget.scope.label) \(budget.period.rawValue): \(error)")
                }
            }
            for budget in currentBudgets where !storedIDs.contains(BudgetIdentity(budget)) {
                if (try? governor.removeBudget(scope: budget.scope, period: budget.period)) != nil {
                    lines.append("budget \(budget.scope.label) \(budget.period.rawValue) removed")
                }
            }
            let storedTeams = Set(stored.teams.map(\.name))
            for name in currentTeams.keys.sorted() where !storedTeams.contains(name) {
                do {
                    try governor.removeTeam(name: name)
                    lines.append("team \(name) removed")
                } catch {
                    lines.append("kept team \(name): \(error)")
                }
            }
            return lines
        }
    }

    private func ledgerSpend(_ spec: BudgetSpec, now: Double) -> Double {
        let query = SpendQuery(scope: spec.scope, since: governor.periodStart(of: spec, now: now))
        return (try? database.spent([query]))?[query] ?? 0
    }
}

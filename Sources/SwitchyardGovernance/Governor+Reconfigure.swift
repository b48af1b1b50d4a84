import SwitchyardCore

extension Governor {
    /// What a configuration file owns, swapped in by a reload.
    public struct ConfigOwned: Sendable {
        public var teams: [TeamSpec]
        public var budgets: [BudgetSpec]

        public init(teams: [TeamSpec], budgets: [BudgetSpec]) {
            self.teams = teams
            self.budgets = budgets
        }
    }

    /// Replaces what the config file owned (`previous`) with `next`, all or nothing: teams are added, updated or
    /// removed, budgets set or removed (a removed budget's reservations go with it; requests in flight settle
    /// against what is left). A new budget starts from `ledgerSpent(spec)`, what the ledger holds for its scope in
    /// its current period. Throws, changing nothing, when a change is refused (a removed team still has keys).
    public func reconfigure(
        from previous: ConfigOwned, to next: ConfigOwned, now: Double, ledgerSpent: (BudgetSpec) -> Double
    ) throws(GovernanceError) {
        let nextTeams = Set(next.teams.map(\.name))
        let nextBudgets = Set(next.budgets.map { BudgetID(scope: $0.scope, period: $0.period) })
        // Asked before the lock: the ledger is another database.
        let existing = Set(budgets().map { BudgetID(scope: $0.scope, period: $0.period) })
        let seeds = next.budgets.filter { !existing.contains(BudgetID(scope: $0.scope, period: $0.period)) }
            .map { (BudgetID(scope: $0.scope, period: $0.period), ledgerSpent($0)) }
        let seeded = Dictionary(seeds, uniquingKeysWith: { first, _ in first })
        try state.withLock { (s: inout GovernorState) throws(GovernanceError) in
            var updated = s
            for budget in previous.budgets where !nextBudgets.contains(BudgetID(scope: budget.scope, period: budget.period)) {
                _ = try? updated.removeBudget(scope: budget.scope, period: budget.period)
            }
            for team in next.teams { try updated.upsertTeam(team) }
            for team in previous.teams where !nextTeams.contains(team.name) {
                _ = try updated.removeTeam(name: team.name)
            }
            for budget in next.budgets {
                let id = BudgetID(scope: budget.scope, period: budget.period)
                try updated.setBudget(budget, now: now, checkReferences: false, ledgerSpent: seeded[id] ?? 0)
            }
            s = updated
        }
    }
}

extension Governor {
    /// The 403 `principal` gets for `model`, if its key or team may not use it (as admission would refuse it).
    public func permissionRefusal(model: String, principal: Principal) -> GatewayError? {
        state.withLock { s in
            let key = principal.key.flatMap { s.keys[$0] }
            let team = (principal.team ?? key?.team).flatMap { s.teams[$0] }
            return ModelPermission.refusal(model: model, key: key, team: team)
        }
    }
}

import SwitchyardCore
import SwitchyardGovernance

/// The runtime-managed keys, teams and budgets a store holds, less what the config file owns (the file wins where
/// both define the same team or budget: it is what the operator reviews), limits clamped into bounds.
public struct StoredGovernance: Sendable, Equatable {
    public var keys: [VirtualKeyRecord]
    public var teams: [TeamSpec]
    public var budgets: [BudgetSpec]

    /// Reads `store` and leaves out what `owned` defines.
    public init(store: any GovernanceStore, owned: Governor.ConfigOwned) throws {
        let configTeams = Set(owned.teams.map(\.name))
        let configBudgets = Set(owned.budgets.map(BudgetIdentity.init))
        teams = try store.teams().filter { !configTeams.contains($0.name) }.map { team in
            var team = team
            team.limits = team.limits.withinBounds
            return team
        }
        budgets = try store.budgets().filter { !configBudgets.contains(BudgetIdentity($0)) }.map(\.withinBounds)
        keys = try store.keys().map { key in
            var key = key
            key.limits = key.limits.withinBounds
            return key
        }
    }
}

/// Where the keys, teams and budgets managed at runtime are kept: the gateway's own SQLite file, or a database a
/// fleet of replicas shares. Saves are upserts by name (budgets by scope and period); lists are ordered by name.
/// Calls block until the change is durable, so a key never works that would be gone after a restart.
public protocol GovernanceStore: Sendable {
    /// Every stored key, revoked and expired ones included.
    func keys() throws -> [VirtualKeyRecord]
    /// Inserts or replaces the key named `record.name`; revoking is saving it with `revokedAt` set.
    func saveKey(_ record: VirtualKeyRecord) throws
    /// Removes the key named `name`; false when there was none.
    @discardableResult func deleteKey(named name: String) throws -> Bool

    /// Every stored team.
    func teams() throws -> [TeamSpec]
    /// Inserts or replaces the team named `team.name`.
    func saveTeam(_ team: TeamSpec) throws
    /// Removes the team named `name`; false when there was none.
    @discardableResult func deleteTeam(named name: String) throws -> Bool

    /// Every stored budget definition.
    func budgets() throws -> [BudgetSpec]
    /// Inserts or replaces the budget with `budget.scope` and `budget.period`.
    func saveBudget(_ budget: BudgetSpec) throws
    /// Removes the budget on `scope` over `period`; false when there was none.
    @discardableResult func deleteBudget(scope: BudgetScope, period: BudgetPeriod) throws -> Bool
}

import GRDB
import SwitchyardCore

/// Virtual keys, teams and budgets managed at runtime. Saves are upserts by name (budgets by scope + period);
/// lists are ordered by name so output is stable.
extension StoreDatabase: GovernanceStore {
    // MARK: keys

    /// Inserts or replaces the key named `record.name`; revoking is saving it with `revokedAt` set. A different
    /// name with an existing hash is refused (a secret identifies one key).
    public func saveKey(_ record: VirtualKeyRecord) throws {
        try writer.write { db in try GovernanceRows.saveKey(record, in: db) }
    }

    /// Every stored key, revoked and expired ones included, by name.
    public func keys() throws -> [VirtualKeyRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM virtual_keys ORDER BY name").map(GovernanceRows.key)
        }
    }

    /// The key named `name`, if stored.
    public func key(named name: String) throws -> VirtualKeyRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM virtual_keys WHERE name = ?", arguments: [name]).map(GovernanceRows.key)
        }
    }

    /// Marks the key revoked at `time` (keeping an earlier revocation time); returns the updated record, or nil
    /// when no such key is stored.
    public func revokeKey(named name: String, at time: Double) throws -> VirtualKeyRecord? {
        try writer.write { db in
            guard var record = try Row.fetchOne(db, sql: "SELECT * FROM virtual_keys WHERE name = ?", arguments: [name])
                .map(GovernanceRows.key)
            else { return nil }
            record.revokedAt = min(record.revokedAt ?? time, time)
            try GovernanceRows.saveKey(record, in: db)
            return record
        }
    }

    /// Removes the key named `name`; false when there was none. Its ledger rows stay.
    @discardableResult
    public func deleteKey(named name: String) throws -> Bool {
        try deleteNamed(name, from: "virtual_keys")
    }

    // MARK: teams

    /// Inserts or replaces the team named `team.name`.
    public func saveTeam(_ team: TeamSpec) throws {
        try writer.write { db in try GovernanceRows.saveTeam(team, in: db) }
    }

    /// Every stored team, by name.
    public func teams() throws -> [TeamSpec] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM teams ORDER BY name").map(GovernanceRows.team) }
    }

    /// Removes the team named `name`; false when there was none. Keys naming it are left as they are.
    @discardableResult
    public func deleteTeam(named name: String) throws -> Bool {
        try deleteNamed(name, from: "teams")
    }

    // MARK: budgets

    /// Inserts or replaces the budget with `budget.scope` and `budget.period`.
    public func saveBudget(_ budget: BudgetSpec) throws {
        try writer.write { db in try GovernanceRows.saveBudget(budget, in: db) }
    }

    /// Every stored budget, by scope kind, scope name and period.
    public func budgets() throws -> [BudgetSpec] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM budgets ORDER BY scope_kind, scope_name, period").map(GovernanceRows.budget)
        }
    }

    /// Removes the budget on `scope` over `period`; false when there was none.
    @discardableResult
    public func deleteBudget(scope: BudgetScope, period: BudgetPeriod) throws -> Bool {
        let (kind, name) = GovernanceRows.scopeColumns(scope)
        return try writer.write { db in
            try db.execute(
                sql: "DELETE FROM budgets WHERE scope_kind = ? AND scope_name = ? AND period = ?",
                arguments: [kind, name, period.rawValue])
            return db.changesCount > 0
        }
    }

    /// Deletes the row of `table` named `name`; false when there was none.
    private func deleteNamed(_ name: String, from table: String) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM \(table) WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}

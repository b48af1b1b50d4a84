import Foundation
import GRDB
import SwitchyardCore

/// Column mapping of the governance tables; lists and labels are JSON text.
enum GovernanceRows {
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return e
    }()

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) throws -> T? {
        guard let text else { return nil }
        return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    // MARK: keys

    static func saveKey(_ k: VirtualKeyRecord, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO virtual_keys (name, hash, prefix, team, models, rpm, tpm, expires_at, revoked_at, created_at, metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET hash = excluded.hash, prefix = excluded.prefix, team = excluded.team,
                    models = excluded.models, rpm = excluded.rpm, tpm = excluded.tpm, expires_at = excluded.expires_at,
                    revoked_at = excluded.revoked_at, created_at = excluded.created_at, metadata = excluded.metadata
                """,
            arguments: [
                k.name, k.hash, k.prefix, k.team, try k.models.map(json), k.limits.rpm, k.limits.tpm, k.expiresAt,
                k.revokedAt, k.createdAt, try json(k.metadata),
            ])
    }

    static func key(_ row: Row) throws -> VirtualKeyRecord {
        VirtualKeyRecord(
            name: row["name"], hash: row["hash"], prefix: row["prefix"], team: row["team"],
            models: try decode([String].self, row["models"]), limits: RateLimits(rpm: row["rpm"], tpm: row["tpm"]),
            expiresAt: row["expires_at"], revokedAt: row["revoked_at"], createdAt: row["created_at"],
            metadata: try decode([String: String].self, row["metadata"]) ?? [:])
    }

    // MARK: teams

    static func saveTeam(_ t: TeamSpec, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO teams (name, models, rpm, tpm, metadata) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET models = excluded.models, rpm = excluded.rpm, tpm = excluded.tpm,
                    metadata = excluded.metadata
                """,
            arguments: [t.name, try t.models.map(json), t.limits.rpm, t.limits.tpm, try json(t.metadata)])
    }

    static func team(_ row: Row) throws -> TeamSpec {
        TeamSpec(
            name: row["name"], models: try decode([String].self, row["models"]),
            limits: RateLimits(rpm: row["rpm"], tpm: row["tpm"]),
            metadata: try decode([String: String].self, row["metadata"]) ?? [:])
    }

    // MARK: budgets

    /// The (kind, name) pair a scope is keyed by; the global scope's name is empty.
    static func scopeColumns(_ scope: BudgetScope) -> (kind: String, name: String) {
        (scope.kind, scope.name ?? "")
    }

    static func scope(kind: String, name: String) throws -> BudgetScope {
        switch kind {
        case "global": return .global
        case "team": return .team(name)
        case "key": return .key(name)
        case "model": return .model(name)
        default: throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "unknown budget scope kind '\(kind)'")
        }
    }

    static func saveBudget(_ b: BudgetSpec, in db: Database) throws {
        let (kind, name) = scopeColumns(b.scope)
        try db.execute(
            sql: """
                INSERT INTO budgets (scope_kind, scope_name, period, limit_usd, downgrade_to, policy)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(scope_kind, scope_name, period) DO UPDATE SET limit_usd = excluded.limit_usd,
                    downgrade_to = excluded.downgrade_to, policy = excluded.policy
                """,
            arguments: [kind, name, b.period.rawValue, b.limit, b.downgradeTo, b.policy.rawValue])
    }

    static func budget(_ row: Row) throws -> BudgetSpec {
        let periodText: String = row["period"]
        guard let period = BudgetPeriod(rawValue: periodText) else {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "unknown budget period '\(periodText)'")
        }
        let policyText: String = row["policy"]
        guard let policy = BudgetPolicy(rawValue: policyText) else {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "unknown budget policy '\(policyText)'")
        }
        return BudgetSpec(
            scope: try scope(kind: row["scope_kind"], name: row["scope_name"]), limit: row["limit_usd"], period: period,
            downgradeTo: row["downgrade_to"], policy: policy)
    }
}

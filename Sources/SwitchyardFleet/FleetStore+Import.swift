import SwitchyardCore

/// Writes used when a single gateway's state moves into the shared database (`switchyard migrate`).
extension FleetStore {
    /// Makes `overrides` the fleet's, as if this replica had written them.
    public func importOverrides(_ overrides: StoredOverrides) throws {
        let json = try Self.json(overrides)
        let replica = self.replica
        _ = try connection.query("""
            INSERT INTO switchyard_overrides (id, overrides, replica) VALUES (1, \(json), \(replica))
            ON CONFLICT (id) DO UPDATE SET overrides = excluded.overrides, replica = excluded.replica, updated_at = now()
            """)
    }

    /// Adds `record` to the fleet's audit trail as this replica's, unless the same record is already there;
    /// returns whether it was added.
    @discardableResult
    public func importAudit(_ record: AuditRecord) throws -> Bool {
        let json = try Self.json(record)
        let replica = self.replica
        let sequence = record.sequence, time = record.time
        return try !connection.query("""
            INSERT INTO switchyard_audit (replica, sequence, time, record)
            SELECT \(replica), \(sequence), \(time), \(json)
            WHERE NOT EXISTS (
                SELECT 1 FROM switchyard_audit WHERE replica = \(replica) AND sequence = \(sequence) AND record = \(json))
            RETURNING id
            """).isEmpty
    }
}

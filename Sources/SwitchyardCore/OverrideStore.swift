/// Where operator overrides and the audit trail are kept between runs: files in the state directory, or a
/// database a fleet of replicas shares.
public protocol OverrideStore: Sendable {
    /// The stored overrides, or nil when none were ever written.
    func loadOverrides() throws -> StoredOverrides?
    /// The last `limit` audit records, oldest first.
    func loadAudit(limit: Int) -> [AuditRecord]
    /// Persists one engine change: its audit record and the overrides in force after it.
    func record(_ change: ControlChange) throws
}

/// Hand-off points for keeping overrides and audit across restarts. The engine does no I/O: it hands
/// changes out to observers and takes stored state back in.
extension GatewayEngine {
    /// The overrides in force now, by name.
    public func overrideState() -> StoredOverrides {
        state.withLock { $0.storedOverrides() }
    }

    /// Replaces the overrides with stored ones; returns a warning per override naming something no longer
    /// in the catalog (those are skipped).
    @discardableResult
    public func restore(overrides stored: StoredOverrides) -> [String] {
        state.withLock { $0.restore(stored) }
    }

    /// Seeds the audit log with records from an earlier run, oldest first.
    public func restoreAudit(_ records: [AuditRecord]) {
        state.withLock { $0.restoreAudit(records) }
    }

    /// The most recent audit records, oldest first (at most `limit`).
    public func auditRecords(limit: Int) -> [AuditRecord] {
        let all = state.withLock { $0.audit.elements }
        return Array(all.suffix(max(0, limit)))
    }

    /// Registers `observer` to be called, outside the engine's lock, after every command that changed
    /// something (one with an audit record). Observers cannot be removed; they live as long as the engine.
    public func onControlChange(_ observer: @escaping @Sendable (ControlChange) -> Void) {
        controlObservers.withLock { $0.append(observer) }
    }

    /// Records a change made outside the engine (a virtual key, team or budget) in the audit log, numbered after
    /// the override commands, and hands it to the `onControlChange` observers so it persists like theirs.
    @discardableResult
    public func appendAudit(actor: String, action: String, before: String, after: String) -> AuditRecord {
        let now = clock.now()
        let change = state.withLock { s -> ControlChange in
            let record = s.appendAudit(actor: actor, action: action, before: before, after: after, now: now)
            return ControlChange(record: record, overrides: s.storedOverrides())
        }
        for observer in controlObservers.withLock({ $0 }) { observer(change) }
        return change.record
    }
}

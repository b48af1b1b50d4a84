import Synchronization

extension GatewayEngine {
    /// Routes new requests over `catalog` from now on. Requests in flight finish on the deployments they were
    /// routed to (their slots stay; see `CatalogIndex`); health, metrics and overrides of what is still
    /// configured carry over; overrides on what is gone are dropped. The reload is audited as `actor` and
    /// handed to the `onControlChange` observers (so dropped overrides are forgotten on disk too).
    /// Throws `CatalogError` for an invalid catalog, changing nothing.
    @discardableResult
    /// Breakers of `renewedProviders`' deployments close: their credentials changed.
    public func reload(
        _ catalog: Catalog, actor: String, alsoChanged: [String] = [], renewedProviders: Set<String> = []
    ) throws -> CatalogChange {
        let problems = catalog.validationErrors()
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        let now = clock.now()
        // The table lock is held across the swap so two reloads cannot interleave; the state adopts the new slots
        // before any request can read the new table, so no request reaches a slot the state does not have.
        let (change, notice) = table.withLock { current -> (CatalogChange, ControlChange) in
            let next = RoutingTable(index: current.index.reloaded(with: catalog), exploration: config.latencyExploration)
            var change = CatalogChange(from: current.index.live, to: catalog)
            change.otherChanges = alsoChanged
            let notice = state.withLock { s -> ControlChange in
                change.droppedOverrides = s.adopt(next, renewedProviders: renewedProviders, now: now)
                let record = s.appendAudit(actor: actor, action: "reload", before: "configuration",
                                           after: change.summary, now: now)
                return ControlChange(record: record, overrides: s.storedOverrides())
            }
            current = next
            return (change, notice)
        }
        for observer in controlObservers.withLock({ $0 }) { observer(notice) }
        return change
    }
}

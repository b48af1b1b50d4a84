extension GatewayEngine {
    /// Events with a sequence number above `sequence`, oldest first (as many as the event ring still holds), for
    /// a reader that follows them, such as the gateway's log.
    public func events(after sequence: Int) -> [GatewayEvent] {
        let now = clock.now()
        return state.withLock { s in
            // Time-driven transitions (a breaker's open → half-open, an ejection ending) are emitted when noticed.
            for d in s.index.catalog.deployments.indices { s.refresh(d, now: now) }
            guard s.eventSequence > sequence else { return [] }
            return s.events.elements.filter { $0.sequence > sequence }
        }
    }
}

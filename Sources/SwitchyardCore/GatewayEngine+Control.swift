extension GatewayEngine {
    /// Applies an operator command; unknown names are refused without any change or audit.
    public func apply(_ command: ControlCommand, actor: String) -> CommandResult {
        let now = clock.now()
        let (result, change) = state.withLock { s -> (CommandResult, ControlChange?) in
            let result = s.apply(command, actor: actor, now: now)
            // Captured under the same lock so an observer never sees overrides from a later command.
            let change = result.audit.map { ControlChange(record: $0, overrides: s.storedOverrides()) }
            return (result, change)
        }
        if let change {
            for observer in controlObservers.withLock({ $0 }) { observer(change) }
        }
        return result
    }
}

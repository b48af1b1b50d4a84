extension GatewayEngine {
    /// Applies an operator command; unknown names are refused without any change or audit.
    public func apply(_ command: ControlCommand, actor: String) -> CommandResult {
        let now = clock.now()
        return state.withLock { $0.apply(command, actor: actor, now: now) }
    }
}

/// Whether the gateway can serve anything at all, for `/ready`.
extension GatewayEngine {
    /// The model groups with no deployment that may take traffic now (disabled, weight 0, breaker open or
    /// cooling down, all of them); the gateway is unready when this is every group.
    public func unavailableModels() -> [String] {
        let now = clock.now()
        return state.withLock { s in
            s.index.liveGroups.filter { g in
                !s.index.groupDeployments[g].contains { s.isAvailable($0, now: now) }
            }.map { s.index.group($0).name }
        }
    }
}

/// How a dashboard or a script sees a gateway: snapshots in, commands out.
/// In-process today (`InProcessFeed`); a Unix-socket implementation attaches to a running gateway.
public protocol GatewayFeed: Sendable {
    /// The gateway's state now.
    func snapshot() async throws -> GatewaySnapshot
    /// Snapshots at the requested interval until the consumer stops iterating.
    func snapshots(every interval: Duration) -> AsyncThrowingStream<GatewaySnapshot, any Error>
    /// Applies an operator command on behalf of `actor` ("tui:alice").
    func send(_ command: ControlCommand, actor: String) async throws -> CommandResult
    /// The connection's state: the current one at once, then every change, until the consumer stops.
    func connectionStates() -> AsyncStream<FeedConnection>
    /// The full trace of request `id` (spans, attempts, routing decisions), or nil when the gateway has none.
    func trace(id: String) async throws -> RequestTrace?
    /// Narrows the snapshots to one replica of a fleet (nil: the whole fleet again).
    func watch(replica: String?)
}

extension GatewayFeed {
    /// A feed without a connection to lose (in-process) is always attached.
    public func connectionStates() -> AsyncStream<FeedConnection> {
        AsyncStream { continuation in
            continuation.yield(.attached(endpoint: nil))
            continuation.finish()
        }
    }

    /// A feed of one gateway has no replicas to choose between.
    public func watch(replica: String?) {}
}

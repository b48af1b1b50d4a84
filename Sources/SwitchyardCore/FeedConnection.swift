/// Whether a feed is attached to its gateway, as a dashboard shows it in its header.
public enum FeedConnection: Sendable, Hashable {
    /// Receiving snapshots; `endpoint` names where from (a socket path), nil for an in-process engine.
    case attached(endpoint: String?)
    /// Trying to connect to `endpoint` now; `attempt` counts tries since the last good connection (1 = first).
    case connecting(endpoint: String, attempt: Int)
    /// Not attached: the last try failed for `reason`; the next one, number `attempt`, starts in `retryIn` seconds.
    case disconnected(endpoint: String, reason: String, attempt: Int, retryIn: Double)

    /// How a fleet's feed begins the reason of a `disconnected` state when its database does not answer.
    public static let databaseUnreachable = "database unreachable"

    /// Whether snapshots are flowing.
    public var isAttached: Bool {
        if case .attached = self { true } else { false }
    }
}

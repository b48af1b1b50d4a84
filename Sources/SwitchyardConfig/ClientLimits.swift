/// What one client may hold of the HTTP ingress (`limits:` besides `max_body_bytes`): how many connections
/// are served at once and how long a connection may sit idle or send a request slowly.
public struct ClientLimits: Sendable, Hashable {
    /// Open client connections at most; past it a connection is answered 503 and closed.
    public var maxConnections = 4096
    /// Seconds from a request's first byte to its complete head.
    public var headerTimeout = 10.0
    /// Seconds a request body may go without a read.
    public var bodyTimeout = 60.0
    /// Seconds a kept-alive connection may wait for its next request.
    public var idleTimeout = 60.0

    public init() {}
}

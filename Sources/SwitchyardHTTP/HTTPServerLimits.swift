/// How much a client may hold of the server, and for how long: what keeps idle, slow and flooding clients from
/// exhausting it (nginx's `worker_connections`, `client_header_timeout`, `client_body_timeout` and
/// `keepalive_timeout`).
public struct HTTPServerLimits: Sendable, Hashable {
    /// Open client connections at most; one more is answered 503 and closed.
    public var maxConnections: Int
    /// Largest request body; a larger one is answered 413 and its connection closed.
    public var maxBodyBytes: Int
    /// Seconds from a request's first byte to the end of its head (slow-header clients are cut).
    public var headerTimeout: Double
    /// Seconds the body of a request may go without a read (408, then the connection is closed).
    public var bodyTimeout: Double
    /// Seconds a kept-alive connection may wait for its next request.
    public var idleTimeout: Double

    public init(
        maxConnections: Int = 4096, maxBodyBytes: Int = 4 << 20, headerTimeout: Double = 10, bodyTimeout: Double = 60,
        idleTimeout: Double = 60
    ) {
        self.maxConnections = maxConnections
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
    }
}

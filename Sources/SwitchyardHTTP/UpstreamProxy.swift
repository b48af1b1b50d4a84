/// The HTTP proxy connections to a target go through: a `CONNECT` tunnel for https targets, absolute-form
/// requests (`POST http://host:port/path`) for http ones, as curl and Go send them.
public struct UpstreamProxy: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// The `Proxy-Authorization` value (`Basic …`), sent to the proxy only; never printed.
    public var authorization: String?

    public init(host: String, port: Int, authorization: String? = nil) {
        self.host = host
        self.port = port
        self.authorization = authorization
    }

    /// `host:port`, safe to log.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

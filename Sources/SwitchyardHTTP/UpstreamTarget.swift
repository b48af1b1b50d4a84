/// Where upstream requests go and how connections get there: scheme, host and port, the proxy and the trust
/// roots, together the key of a connection pool.
public struct UpstreamTarget: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var tls: Bool
    /// The proxy connections go through; nil to connect directly.
    public var proxy: UpstreamProxy?
    /// The roots an https target is verified against; nil for the pool's.
    public var trust: UpstreamTrust?

    public init(host: String, port: Int, tls: Bool, proxy: UpstreamProxy? = nil, trust: UpstreamTrust? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
        self.proxy = proxy
        self.trust = trust
    }

    /// The target and path of an `http://` or `https://` URL; nil for anything else.
    public static func parse(url: String) -> (target: UpstreamTarget, path: String)? {
        let tls: Bool
        let rest: Substring
        if url.hasPrefix("https://") {
            tls = true
            rest = url.dropFirst(8)
        } else if url.hasPrefix("http://") {
            tls = false
            rest = url.dropFirst(7)
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if path.isEmpty || path.first == "?" { path = "/" + path }
        var host = authority
        var port = tls ? 443 : 80
        if authority.hasPrefix("[") {
            // An IPv6 literal: [::1]:8080.
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else { return nil }
                port = p
            }
        } else if let colon = authority.lastIndex(of: ":") {
            guard let p = Int(authority[authority.index(after: colon)...]), (1...65535).contains(p) else { return nil }
            host = authority[..<colon]
            port = p
        }
        guard !host.isEmpty, !host.contains("@") else { return nil }
        return (UpstreamTarget(host: String(host), port: port, tls: tls), path)
    }

    /// `host:port` as a `CONNECT` request names it, an IPv6 address in brackets.
    public var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The `host` header's value.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (tls ? 443 : 80) ? name : "\(name):\(port)"
    }

    public var description: String { "\(tls ? "https" : "http")://\(hostHeader)" }
}

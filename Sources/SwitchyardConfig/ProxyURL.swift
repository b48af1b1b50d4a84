import Foundation

/// An HTTP proxy as `http://[user:pass@]host[:port]` names it. The credentials never appear in `description`
/// or in a parse error, which say only what is wrong.
public struct ProxyURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?

    public init(host: String, port: Int, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// Parses a proxy URL. A URL without a scheme is `http://`, as curl and Go read one; without a port it is 80.
    /// User and password may be percent-encoded (`DOMAIN%5Cuser`).
    public init(parsing raw: String) throws(ProxyURLError) {
        var rest = Substring(raw.trimmingCharacters(in: .whitespaces))
        if let separator = rest.range(of: "://") {
            let scheme = rest[..<separator.lowerBound].lowercased()
            guard scheme == "http" else {
                throw ProxyURLError(scheme == "https"
                    ? "a TLS connection to the proxy (https://) is not supported; use http://"
                    : "only http:// proxies are supported, not \(scheme)://")
            }
            rest = rest[separator.upperBound...]
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let tail = rest[authorityEnd...]
        guard tail.isEmpty || tail == "/" else { throw ProxyURLError("a proxy URL has no path, query or fragment") }
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let colon = userinfo.firstIndex(of: ":") ?? userinfo.endIndex
            let encodedPassword = colon == userinfo.endIndex ? "" : userinfo[userinfo.index(after: colon)...]
            guard let user = String(userinfo[..<colon]).removingPercentEncoding,
                  let pass = String(encodedPassword).removingPercentEncoding else {
                throw ProxyURLError("the credentials are not valid percent-encoding")
            }
            guard !user.isEmpty else { throw ProxyURLError("the credentials have no user name") }
            username = user
            password = pass
        }
        port = 80
        var name = authority
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw ProxyURLError("an IPv6 address lacks its ']'") }
            name = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw ProxyURLError("expected :port after the IPv6 address") }
                port = try Self.port(after.dropFirst())
            }
        } else if let colon = authority.lastIndex(of: ":") {
            name = authority[..<colon]
            port = try Self.port(authority[authority.index(after: colon)...])
        }
        guard !name.isEmpty else { throw ProxyURLError("expected http://[user:pass@]host:port, the host is missing") }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" || $0 == ":" }) else {
            throw ProxyURLError("the host holds characters a host name cannot")
        }
        host = String(name)
    }

    private static func port(_ text: Substring) throws(ProxyURLError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else { throw ProxyURLError("the port must be 1–65535") }
        return port
    }

    /// `Basic base64(user:pass)`, the `Proxy-Authorization` value; nil without credentials.
    public var basicAuthorization: String? {
        guard let username else { return nil }
        return "Basic " + Data("\(username):\(password ?? "")".utf8).base64EncodedString()
    }

    /// `host:port`, with an IPv6 address in brackets.
    public var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The URL without its credentials: safe to log.
    public var description: String { "http://\(authority)" }
}

/// Why a proxy URL was refused; never quotes the URL, which may hold a password.
public struct ProxyURLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

import Foundation

/// The proxies the standard environment variables name: `https_proxy` for https upstreams, `http_proxy` for
/// http ones, and `no_proxy`'s exemptions (`NoProxyList`). Each is read lowercase first, then uppercase, as
/// curl reads them: when both spellings are set the lowercase one wins. An empty value counts as unset.
/// `ALL_PROXY` is not read.
public struct ProxyEnvironment: Sendable, Hashable {
    public var httpsProxy: ProxyURL?
    public var httpProxy: ProxyURL?
    public var noProxy: NoProxyList

    public init(httpsProxy: ProxyURL? = nil, httpProxy: ProxyURL? = nil, noProxy: NoProxyList = NoProxyList("")) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
    }

    /// Reads the variables from `environment`; a proxy URL that does not parse is an error naming its variable.
    public init(environment: [String: String]) throws(ProxyEnvironmentError) {
        func proxy(_ name: String) throws(ProxyEnvironmentError) -> ProxyURL? {
            guard let found = Self.lookup(name, in: environment) else { return nil }
            do {
                return try ProxyURL(parsing: found.value)
            } catch {
                throw ProxyEnvironmentError(variable: found.variable, reason: error.reason)
            }
        }
        self.init(httpsProxy: try proxy("https_proxy"), httpProxy: try proxy("http_proxy"),
                  noProxy: NoProxyList(Self.lookup("no_proxy", in: environment)?.value ?? ""))
    }

    /// The proxy a connection to `host:port` goes through; nil when it goes direct.
    public func proxy(host: String, port: Int, tls: Bool) -> ProxyURL? {
        guard let proxy = tls ? httpsProxy : httpProxy, !noProxy.bypasses(host: host, port: port) else { return nil }
        return proxy
    }

    /// The variable `name` (lowercase) or else its uppercase spelling, with which of them was set.
    static func lookup(_ name: String, in environment: [String: String]) -> (variable: String, value: String)? {
        for variable in [name, name.uppercased()] {
            if let value = environment[variable], !value.trimmingCharacters(in: .whitespaces).isEmpty {
                return (variable, value)
            }
        }
        return nil
    }
}

/// A proxy variable that holds no usable proxy URL. The value is not quoted: it may hold a password.
public struct ProxyEnvironmentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var variable: String
    public var reason: String

    public init(variable: String, reason: String) {
        self.variable = variable
        self.reason = reason
    }

    public var description: String { "environment variable \(variable) is not a usable proxy URL: \(reason)" }
}

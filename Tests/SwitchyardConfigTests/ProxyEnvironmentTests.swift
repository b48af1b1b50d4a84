import SwitchyardConfig
import Testing

/// Which proxy the standard variables give a connection, and the proxy URLs they may hold.
@Suite struct ProxyEnvironmentTests {
    struct Case: Sendable, CustomStringConvertible {
        let environment: [String: String]
        let host: String
        let tls: Bool
        let proxy: String?
        var description: String { "\(environment) → \(tls ? "https" : "http")://\(host)" }
    }

    static let cases: [Case] = [
        Case(environment: [:], host: "api.openai.com", tls: true, proxy: nil),
        Case(environment: ["HTTPS_PROXY": "http://proxy:3128"], host: "api.openai.com", tls: true, proxy: "proxy:3128"),
        Case(environment: ["https_proxy": "proxy:3128"], host: "api.openai.com", tls: true, proxy: "proxy:3128"),
        // Each scheme has its own variable.
        Case(environment: ["HTTPS_PROXY": "http://proxy:3128"], host: "llm.local", tls: false, proxy: nil),
        Case(environment: ["HTTP_PROXY": "http://proxy:8080"], host: "llm.local", tls: false, proxy: "proxy:8080"),
        Case(environment: ["HTTP_PROXY": "http://proxy:8080"], host: "api.openai.com", tls: true, proxy: nil),
        // Lowercase wins, as curl reads them.
        Case(environment: ["https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:2"], host: "a.example", tls: true,
             proxy: "lower:1"),
        Case(environment: ["http_proxy": "http://lower:1", "HTTP_PROXY": "http://upper:2"], host: "a.example", tls: false,
             proxy: "lower:1"),
        // An empty value is unset: the other spelling applies.
        Case(environment: ["https_proxy": "", "HTTPS_PROXY": "http://upper:2"], host: "a.example", tls: true, proxy: "upper:2"),
        // NO_PROXY, either spelling, lowercase first.
        Case(environment: ["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "corp.example"], host: "llm.corp.example",
             tls: true, proxy: nil),
        Case(environment: ["HTTPS_PROXY": "http://proxy:3128", "no_proxy": "corp.example"], host: "api.openai.com",
             tls: true, proxy: "proxy:3128"),
        Case(environment: ["HTTPS_PROXY": "http://proxy:3128", "no_proxy": "other.example", "NO_PROXY": "corp.example"],
             host: "llm.corp.example", tls: true, proxy: "proxy:3128"),
        Case(environment: ["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "*"], host: "api.openai.com", tls: true, proxy: nil),
        // Loopback is proxied unless NO_PROXY says otherwise (curl's rule).
        Case(environment: ["HTTPS_PROXY": "http://proxy:3128"], host: "127.0.0.1", tls: true, proxy: "proxy:3128"),
    ]

    @Test(arguments: cases)
    func resolution(_ c: Case) throws {
        let proxies = try ProxyEnvironment(environment: c.environment)
        let port = c.tls ? 443 : 80
        #expect(proxies.proxy(host: c.host, port: port, tls: c.tls).map(\.authority) == c.proxy)
    }

    @Test func aBadProxyVariableIsNamedWithoutItsValue() {
        #expect(throws: ProxyEnvironmentError(variable: "https_proxy", reason: "only http:// proxies are supported, not socks5://")) {
            try ProxyEnvironment(environment: ["https_proxy": "socks5://user:hunter2@proxy:1080"])
        }
        do {
            _ = try ProxyEnvironment(environment: ["HTTP_PROXY": "http://user:hunter2@proxy:99999"])
            Issue.record("a port out of range was accepted")
        } catch {
            #expect(error.description == "environment variable HTTP_PROXY is not a usable proxy URL: the port must be 1–65535")
            #expect(!error.description.contains("hunter2"))
        }
    }

    struct URLCase: Sendable, CustomStringConvertible {
        let text: String
        let parsed: ProxyURL?
        let error: String?
        var description: String { text }
    }

    static let urls: [URLCase] = [
        URLCase(text: "http://proxy.corp.example:3128", parsed: ProxyURL(host: "proxy.corp.example", port: 3128), error: nil),
        URLCase(text: "http://proxy.corp.example:3128/", parsed: ProxyURL(host: "proxy.corp.example", port: 3128), error: nil),
        URLCase(text: "HTTP://proxy:3128", parsed: ProxyURL(host: "proxy", port: 3128), error: nil),
        URLCase(text: "proxy:3128", parsed: ProxyURL(host: "proxy", port: 3128), error: nil),
        URLCase(text: "http://proxy", parsed: ProxyURL(host: "proxy", port: 80), error: nil),
        URLCase(text: "http://[::1]:3128", parsed: ProxyURL(host: "::1", port: 3128), error: nil),
        URLCase(text: "http://user:p%40ss@proxy:3128",
                parsed: ProxyURL(host: "proxy", port: 3128, username: "user", password: "p@ss"), error: nil),
        URLCase(text: "http://CORP%5Cuser@proxy:3128",
                parsed: ProxyURL(host: "proxy", port: 3128, username: "CORP\\user", password: ""), error: nil),
        URLCase(text: "https://proxy:3128", parsed: nil,
                error: "a TLS connection to the proxy (https://) is not supported; use http://"),
        URLCase(text: "socks5h://proxy:1080", parsed: nil, error: "only http:// proxies are supported, not socks5h://"),
        URLCase(text: "http://proxy:0", parsed: nil, error: "the port must be 1–65535"),
        URLCase(text: "http://proxy:http", parsed: nil, error: "the port must be 1–65535"),
        URLCase(text: "http://:3128", parsed: nil, error: "expected http://[user:pass@]host:port, the host is missing"),
        URLCase(text: "http://proxy:3128/path", parsed: nil, error: "a proxy URL has no path, query or fragment"),
        URLCase(text: "http://[::1:3128", parsed: nil, error: "an IPv6 address lacks its ']'"),
        URLCase(text: "http://pro xy:3128", parsed: nil, error: "the host holds characters a host name cannot"),
        URLCase(text: "http://:secret@proxy:3128", parsed: nil, error: "the credentials have no user name"),
        URLCase(text: "http://us%zzer:pw@proxy:3128", parsed: nil, error: "the credentials are not valid percent-encoding"),
    ]

    @Test(arguments: urls)
    func proxyURLs(_ c: URLCase) {
        do {
            let url = try ProxyURL(parsing: c.text)
            #expect(url == c.parsed)
            #expect(c.error == nil)
        } catch {
            #expect(error.reason == c.error)
        }
    }

    @Test func credentialsBecomeBasicAuthorizationAndStayOutOfTheDescription() throws {
        let url = try ProxyURL(parsing: "http://alice:s3cret@proxy:3128")
        #expect(url.basicAuthorization == "Basic YWxpY2U6czNjcmV0")
        #expect(url.description == "http://proxy:3128")
        #expect(try ProxyURL(parsing: "http://proxy:3128").basicAuthorization == nil)
    }
}

import SwitchyardConfig
import Testing

/// `NO_PROXY` as curl and Go's httpproxy read it: names cover their subdomains, addresses and blocks match
/// addresses, `:port` narrows an entry to one port.
@Suite struct NoProxyListTests {
    struct Case: Sendable, CustomStringConvertible {
        let list: String
        let host: String
        let port: Int
        let bypassed: Bool
        var description: String { "\(list) ~ \(host):\(port)" }
    }

    static let cases: [Case] = [
        // Nothing, everything.
        Case(list: "", host: "api.openai.com", port: 443, bypassed: false),
        Case(list: " , ,", host: "api.openai.com", port: 443, bypassed: false),
        Case(list: "*", host: "api.openai.com", port: 443, bypassed: true),
        Case(list: "example.com, *", host: "10.1.2.3", port: 80, bypassed: true),
        // Names: the name and what lies under it, never a lookalike.
        Case(list: "corp.example", host: "corp.example", port: 443, bypassed: true),
        Case(list: "corp.example", host: "api.corp.example", port: 443, bypassed: true),
        Case(list: "corp.example", host: "a.b.corp.example", port: 443, bypassed: true),
        Case(list: "corp.example", host: "evilcorp.example", port: 443, bypassed: false),
        Case(list: "corp.example", host: "corp.example.net", port: 443, bypassed: false),
        Case(list: ".corp.example", host: "corp.example", port: 443, bypassed: true),
        Case(list: ".corp.example", host: "api.corp.example", port: 443, bypassed: true),
        Case(list: "*.corp.example", host: "api.corp.example", port: 443, bypassed: true),
        Case(list: "CORP.Example", host: "Api.corp.EXAMPLE", port: 443, bypassed: true),
        Case(list: "corp.example.", host: "api.corp.example.", port: 443, bypassed: true),
        Case(list: "other.example, corp.example", host: "api.corp.example", port: 443, bypassed: true),
        Case(list: "localhost", host: "localhost", port: 8080, bypassed: true),
        Case(list: "localhost", host: "127.0.0.1", port: 8080, bypassed: false),
        // Ports.
        Case(list: "corp.example:8443", host: "api.corp.example", port: 8443, bypassed: true),
        Case(list: "corp.example:8443", host: "api.corp.example", port: 443, bypassed: false),
        Case(list: "corp.example:notaport", host: "corp.example", port: 443, bypassed: false),
        // Addresses.
        Case(list: "127.0.0.1", host: "127.0.0.1", port: 443, bypassed: true),
        Case(list: "127.0.0.1", host: "127.0.0.2", port: 443, bypassed: false),
        Case(list: "127.0.0.1:9000", host: "127.0.0.1", port: 9000, bypassed: true),
        Case(list: "127.0.0.1:9000", host: "127.0.0.1", port: 9001, bypassed: false),
        Case(list: "::1", host: "::1", port: 443, bypassed: true),
        Case(list: "[::1]", host: "[::1]", port: 443, bypassed: true),
        Case(list: "[::1]:8443", host: "::1", port: 8443, bypassed: true),
        Case(list: "[::1]:8443", host: "::1", port: 443, bypassed: false),
        Case(list: "0:0:0:0:0:0:0:1", host: "::1", port: 443, bypassed: true),
        // An address entry does not match a name, nor a name entry an address.
        Case(list: "10.0.0.1", host: "10.0.0.1.nip.io", port: 443, bypassed: false),
        // Blocks.
        Case(list: "10.0.0.0/8", host: "10.200.3.4", port: 443, bypassed: true),
        Case(list: "10.0.0.0/8", host: "11.0.0.1", port: 443, bypassed: false),
        Case(list: "192.168.1.0/25", host: "192.168.1.127", port: 443, bypassed: true),
        Case(list: "192.168.1.0/25", host: "192.168.1.128", port: 443, bypassed: false),
        Case(list: "0.0.0.0/0", host: "8.8.8.8", port: 443, bypassed: true),
        Case(list: "fd00::/8", host: "fd12:3456::1", port: 443, bypassed: true),
        Case(list: "fd00::/8", host: "fe80::1", port: 443, bypassed: false),
        Case(list: "10.0.0.0/8", host: "fd00::1", port: 443, bypassed: false),
        Case(list: "10.0.0.0/33", host: "10.0.0.1", port: 443, bypassed: false),
        Case(list: "10.0.0.0/8", host: "corp.example", port: 443, bypassed: false),
    ]

    @Test(arguments: cases)
    func matching(_ c: Case) {
        #expect(NoProxyList(c.list).bypasses(host: c.host, port: c.port) == c.bypassed)
    }
}

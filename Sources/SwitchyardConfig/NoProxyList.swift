import Foundation

/// The hosts `NO_PROXY` sends direct, read as curl and Go's `httpproxy` read it. Entries are separated by
/// commas (spaces around them are ignored) and compared without regard to case:
/// - `*` alone: every host;
/// - a name, `corp.example`, `.corp.example` or `*.corp.example`: that name and every name under it
///   (`api.corp.example`), never a name that merely ends alike (`evilcorp.example`);
/// - an IPv4 or IPv6 address (`10.1.2.3`, `::1`, `[::1]`): that address, given as an address;
/// - a CIDR block (`10.0.0.0/8`, `fd00::/8`): every address in it;
/// - any name or address with `:port` (`[::1]:8443`): the same, for that port only.
/// Names are not resolved: `localhost` covers the name `localhost`, not `127.0.0.1`. Entries that fit none of
/// these are ignored, as both curl and Go ignore them.
public struct NoProxyList: Sendable, Hashable {
    private enum Rule: Sendable, Hashable {
        case everything
        case name(String, port: Int?)
        case network([UInt8], prefix: Int, port: Int?)
    }

    private var rules: [Rule] = []

    public init(_ text: String) {
        for raw in text.split(separator: ",") {
            let entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.isEmpty { continue }
            if entry == "*" {
                rules.append(.everything)
            } else if let rule = Self.rule(entry) {
                rules.append(rule)
            }
        }
    }

    /// Whether nothing is exempt.
    public var isEmpty: Bool { rules.isEmpty }

    /// Whether a connection to `host:port` goes direct. `host` may be a name or an address, bracketed or not.
    public func bypasses(host: String, port: Int) -> Bool {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        while host.hasSuffix(".") { host.removeLast() }
        let address = Self.address(host)
        for rule in rules {
            switch rule {
            case .everything:
                return true
            case .name(let name, let only):
                guard only == nil || only == port, address == nil else { continue }
                if host == name || (host.hasSuffix(name) && host.dropLast(name.count).hasSuffix(".")) { return true }
            case .network(let network, let prefix, let only):
                guard only == nil || only == port, let address, address.count == network.count else { continue }
                if Self.prefix(of: address, matches: network, bits: prefix) { return true }
            }
        }
        return false
    }

    private static func rule(_ entry: String) -> Rule? {
        var host = Substring(entry)
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let p = Int(after.dropFirst()), (1...65535).contains(p) else { return nil }
                port = p
            }
        } else if let slash = host.firstIndex(of: "/") {
            guard let address = address(String(host[..<slash])), let bits = Int(host[host.index(after: slash)...]),
                  (0...address.count * 8).contains(bits) else { return nil }
            return .network(address, prefix: bits, port: nil)
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]), (1...65535).contains(p) else { return nil }
            port = p
            host = host[..<colon]
        }
        if let address = address(String(host)) { return .network(address, prefix: address.count * 8, port: port) }
        if host.hasPrefix("*.") { host = host.dropFirst(2) }
        while host.hasPrefix(".") { host = host.dropFirst() }
        while host.hasSuffix(".") { host = host.dropLast() }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }) else {
            return nil
        }
        return .name(String(host), port: port)
    }

    /// The bytes of an IPv4 (4) or IPv6 (16) address literal; nil for a name.
    static func address(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    private static func prefix(of address: [UInt8], matches network: [UInt8], bits: Int) -> Bool {
        var remaining = bits
        for (a, n) in zip(address, network) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if a & mask != n & mask { return false }
            remaining -= 8
        }
        return true
    }
}

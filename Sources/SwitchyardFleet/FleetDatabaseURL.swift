import Foundation
import NIOSSL
import PostgresNIO

/// A `postgresql://user[:password]@host[:port]/database[?sslmode=…]` URL, checked. The password may come from
/// the URL or `PGPASSWORD`, the TLS mode from `sslmode` or `PGSSLMODE` (the URL wins).
public struct FleetDatabaseURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq names the modes.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    /// Parses `text`; `environment` supplies `PGPASSWORD` and `PGSSLMODE` when the URL does not.
    public init(parsing text: String, environment: [String: String] = [:]) throws(FleetError) {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme,
              scheme == "postgresql" || scheme == "postgres"
        else {
            throw FleetError("database URL must look like postgresql://user@host:5432/database, got '\(Self.redact(text))'")
        }
        guard let host = parts.host, !host.isEmpty else {
            throw FleetError("database URL '\(Self.redact(text))' names no host")
        }
        guard let user = parts.user, !user.isEmpty else {
            throw FleetError("database URL '\(Self.redact(text))' names no user (postgresql://USER@host/database)")
        }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw FleetError("database URL '\(Self.redact(text))' names no database (postgresql://user@host/DATABASE)")
        }
        if let port = parts.port, !(1...65_535).contains(port) {
            throw FleetError("database URL port must be 1–65535, got \(port)")
        }
        var sslText = environment["PGSSLMODE"]
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "sslmode": sslText = item.value
            default:
                throw FleetError("database URL: unknown parameter '\(item.name)' (known: sslmode)")
            }
        }
        let sslMode: SSLMode
        if let sslText {
            guard let mode = SSLMode(rawValue: sslText) else {
                let known = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw FleetError("sslmode '\(sslText)' is not one of \(known)")
            }
            sslMode = mode
        } else {
            sslMode = .prefer
        }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = parts.port ?? 5432
        self.user = user
        self.password = parts.password ?? environment["PGPASSWORD"]
        self.database = database
        self.sslMode = sslMode
    }

    /// The URL without its password: what logs and errors show.
    public var description: String {
        "postgresql://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// PostgresNIO's settings for this URL; connecting gives up after `connectTimeout`.
    func configuration(connectTimeout: TimeAmount) throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: try tls())
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }

    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var client = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            client.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: client))
        case .require:
            client.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: client))
        case .verifyCA:
            client.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: client))
        case .verifyFull:
            client.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: client))
        }
    }

    /// `text` with any password replaced, for messages about a URL that did not parse.
    static func redact(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at,
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

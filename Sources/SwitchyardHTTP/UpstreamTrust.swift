import NIOSSL

/// The roots an https target's certificate is checked against, when they are not the pool's: a TLS context
/// built once and shared by every connection that trusts the same roots. Targets are equal only when they
/// share the object, so connections made under different trust are never pooled together.
public final class UpstreamTrust: Hashable, Sendable, CustomStringConvertible {
    let context: NIOSSLContext
    /// What the roots came from (a file path), for messages.
    public let description: String

    /// Trusts the PEM certificates of `caFile` and nothing else.
    public convenience init(caFile: String) throws {
        try self.init(configuration: Self.configuration(caFile: caFile), description: caFile)
    }

    public init(configuration: TLSConfiguration, description: String) throws {
        context = try NIOSSLContext(configuration: configuration)
        self.description = description
    }

    /// A client configuration that trusts the PEM certificates of `caFile` and nothing else.
    public static func configuration(caFile: String) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        return configuration
    }

    public static func == (lhs: UpstreamTrust, rhs: UpstreamTrust) -> Bool { lhs === rhs }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

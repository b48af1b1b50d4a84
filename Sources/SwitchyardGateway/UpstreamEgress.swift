import SwitchyardConfig
import SwitchyardHTTP

/// How each provider's connections leave the gateway: through which proxy (the provider's `proxy:`, else the
/// environment's `https_proxy`/`http_proxy` unless `no_proxy` exempts the host) and trusting which roots (the
/// provider's `tls.ca_file`, else the top-level one, else `SSL_CERT_FILE`, else the system's). Each CA file is
/// loaded once, so providers trusting the same file share their pooled connections.
struct UpstreamEgress {
    private let proxies: ProxyEnvironment
    /// The roots of https upstreams whose provider names none; nil for the system's.
    private let defaultTrust: UpstreamTrust?
    /// By provider name, for those naming a CA file of their own.
    private let providerTrust: [String: UpstreamTrust]

    init(config: GatewayConfig, environment: [String: String]) throws {
        proxies = try ProxyEnvironment(environment: environment)
        var loaded: [String: UpstreamTrust] = [:]
        func trust(_ file: String, _ origin: String) throws -> UpstreamTrust {
            if let trust = loaded[file] { return trust }
            do {
                let trust = try UpstreamTrust(caFile: file)
                loaded[file] = trust
                return trust
            } catch {
                throw EgressSetupError(description: "cannot load the CA file \(file) (\(origin)): \(error)")
            }
        }
        let certFile = environment["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let file = config.caFile {
            defaultTrust = try trust(file, "tls.ca_file")
        } else if let file = certFile {
            defaultTrust = try trust(file, "SSL_CERT_FILE")
        } else {
            defaultTrust = nil
        }
        var providerTrust: [String: UpstreamTrust] = [:]
        for provider in config.providers {
            if let file = provider.caFile {
                providerTrust[provider.spec.name] = try trust(file, "tls.ca_file of provider \(provider.spec.name)")
            }
        }
        self.providerTrust = providerTrust
    }

    /// `target`, the upstream of `provider`, with the proxy and roots its connections use.
    func route(_ target: UpstreamTarget, provider: ProviderConfig) -> UpstreamTarget {
        var routed = target
        let proxy: ProxyURL? = switch provider.proxy {
        case .direct?: nil
        case .via(let url)?: url
        case nil: proxies.proxy(host: target.host, port: target.port, tls: target.tls)
        }
        routed.proxy = proxy.map { UpstreamProxy(host: $0.host, port: $0.port, authorization: $0.basicAuthorization) }
        if target.tls { routed.trust = providerTrust[provider.spec.name] ?? defaultTrust }
        return routed
    }
}

/// A proxy or CA setting the gateway cannot start with.
struct EgressSetupError: Error, CustomStringConvertible {
    let description: String
}

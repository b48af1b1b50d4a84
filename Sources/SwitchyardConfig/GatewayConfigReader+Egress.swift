import Yams

extension GatewayConfigReader {
    /// `tls: {ca_file: PATH}`, at the top or in a provider: the CA bundle, checked to hold PEM certificates.
    static func readTLS(_ node: Node, _ path: String, walker w: inout YAMLWalker) -> String? {
        guard let map = w.mapping(node, path, allowed: ["ca_file"]) else { return nil }
        let field = w.join(path, "ca_file")
        guard let fileNode = map["ca_file"] else {
            w.error(node, field, "missing: the PEM file of the CA certificates to trust")
            return nil
        }
        guard let file = w.string(fileNode, field) else { return nil }
        if let problem = PEMCertificateFile.problem(path: file) {
            w.error(fileNode, field, problem)
            return nil
        }
        return file
    }

    /// A provider's `proxy:`: `direct`, or an `http://[user:pass@]host:port` URL.
    static func readProxy(_ node: Node, _ path: String, walker w: inout YAMLWalker) -> ProviderProxy? {
        guard let text = w.string(node, path) else { return nil }
        if text == "direct" { return .direct }
        do {
            return .via(try ProxyURL(parsing: text))
        } catch {
            w.error(node, path, "expected direct or http://[user:pass@]host:port: \(error.reason)")
            return nil
        }
    }
}

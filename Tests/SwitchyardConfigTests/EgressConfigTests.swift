import Foundation
import SwitchyardConfig
import Testing

/// `tls.ca_file` at the top and per provider, and a provider's `proxy:`: read, and refused with field and line.
@Suite struct EgressConfigTests {
    /// A PEM block around the smallest DER sequence: what the config checks is the file's shape, not the
    /// certificate, which the TLS library parses at start.
    static let pem = "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n"

    static func file(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-ca-\(UUID().uuidString).pem").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func yaml(top: String = "", provider: String = "") -> String {
        """
        \(top)
        providers:
          - name: internal
            kind: openai-compatible
            base_url: https://llm.corp.example/v1
        \(provider)
        models:
          - name: chat
            deployments:
              - { provider: internal, model: m, price: { input: 1, output: 1 } }
        """
    }

    @Test func caFilesAndProxiesAreRead() throws {
        let ca = try Self.file(Self.pem + Self.pem)
        let own = try Self.file(Self.pem)
        let config = try ConfigLoader.parse(yaml: Self.yaml(
            top: "tls: { ca_file: \(ca) }",
            provider: "    proxy: http://user:pw@proxy.corp.example:3128\n    tls: { ca_file: \(own) }"),
            file: "gw.yaml", environment: [:]).config
        #expect(config.caFile == ca)
        #expect(config.providers[0].caFile == own)
        #expect(config.providers[0].proxy == .via(ProxyURL(host: "proxy.corp.example", port: 3128, username: "user", password: "pw")))
        let direct = try ConfigLoader.parse(yaml: Self.yaml(provider: "    proxy: direct"), file: "gw.yaml", environment: [:]).config
        #expect(direct.providers[0].proxy == .direct)
        #expect(direct.caFile == nil)
        #expect(direct.providers[0].caFile == nil)
    }

    @Test func badCAFilesAreRefusedAtTheirField() throws {
        let missing = "/nonexistent/switchyard-ca.pem"
        var issues = rejectionIssues(Self.yaml(top: "tls:\n  ca_file: \(missing)"))
        #expect(issues.map(\.path) == ["tls.ca_file"])
        #expect(issues.first?.line == 2)
        #expect(issues.first?.message == "cannot read the CA file \(missing): No such file or directory")

        let notPEM = try Self.file("just some text\n")
        issues = rejectionIssues(Self.yaml(provider: "    tls: { ca_file: \(notPEM) }"))
        #expect(issues.map(\.path) == ["providers[0].tls.ca_file"])
        #expect(issues.first?.line == 6)
        #expect(issues.first?.message == "the CA file \(notPEM) holds no PEM certificate (-----BEGIN CERTIFICATE-----)")

        let broken = try Self.file(Self.pem + "-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n")
        issues = rejectionIssues(Self.yaml(top: "tls: { ca_file: \(broken) }"))
        #expect(issues.map(\.message) == ["certificate 2 in the CA file \(broken) is not valid PEM"])

        let unended = try Self.file("-----BEGIN CERTIFICATE-----\nMAMCAQE=\n")
        issues = rejectionIssues(Self.yaml(top: "tls: { ca_file: \(unended) }"))
        #expect(issues.map(\.message) == ["certificate 1 in the CA file \(unended) has no END line"])

        issues = rejectionIssues(Self.yaml(top: "tls: { ca_file: /dev }"))
        #expect(issues.map(\.message) == ["the CA file /dev is not a regular file"])

        issues = rejectionIssues(Self.yaml(top: "tls: { trust: all }"))
        #expect(issues.map(\.path) == ["tls.trust", "tls.ca_file"])
    }

    @Test func badProxiesAreRefusedAtTheirFieldWithoutTheirCredentials() {
        let issues = rejectionIssues(Self.yaml(provider: "    proxy: socks5://alice:hunter2@proxy:1080"))
        #expect(issues.map(\.path) == ["providers[0].proxy"])
        #expect(issues.first?.line == 6)
        #expect(issues.first?.message == "expected direct or http://[user:pass@]host:port: only http:// proxies are supported, not socks5://")
        #expect(!issues.contains { $0.description.contains("hunter2") })
    }
}

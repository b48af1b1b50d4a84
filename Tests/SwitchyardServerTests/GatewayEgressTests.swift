import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardTestSupport
import Testing

/// Upstream calls through an HTTP proxy and against a configured CA: a CONNECT tunnel to a self-signed HTTPS
/// upstream, NO_PROXY, a refusing proxy, and absolute-form requests for http upstreams.
@Suite("Gateway egress", .serialized)
struct GatewayEgressTests {
    static func message(_ response: SimulatorTestResponse) -> String {
        (try? WireCoding.parse(Data(response.text.utf8)))?["error"]?["message"]?.stringValue ?? response.text
    }

    @Test("an https upstream answers through the proxy's CONNECT tunnel, verified against tls.ca_file")
    func tunnel() async throws {
        let certificates = try TestCertificates.make(authority: "Switchyard Egress Test CA")
        let upstream = try TLSChatUpstream(certificates: certificates)
        let proxy = try ConnectProxy()
        defer { upstream.close(); proxy.close() }
        let environment = ["HTTPS_PROXY": "http://alice:s3cret@127.0.0.1:\(proxy.port)", "NO_PROXY": "localhost,.corp.example"]
        try await withGateway(sims: [], yaml: { _ in
            GatewayYAML.single("https://127.0.0.1:\(upstream.port)", extra: "tls: { ca_file: \(certificates.caPath) }")
        }, environment: environment) { gw in
            for _ in 0..<3 {
                let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
                #expect(response.status == 200, "\(response.text)")
                #expect(response.text.contains("hello through the tunnel"))
            }
        }
        // One tunnel, kept alive for every request; the credentials went to the proxy only.
        #expect(proxy.requestLines == ["CONNECT 127.0.0.1:\(upstream.port) HTTP/1.1"])
        #expect(proxy.authorizations == ["Basic YWxpY2U6czNjcmV0"])
        #expect(upstream.connections == 1)
    }

    @Test("without the CA the tunnelled upstream's certificate is refused: an unreachable upstream")
    func untrusted() async throws {
        let certificates = try TestCertificates.make(authority: "Switchyard Egress Test CA")
        let upstream = try TLSChatUpstream(certificates: certificates)
        let proxy = try ConnectProxy()
        defer { upstream.close(); proxy.close() }
        try await withGateway(sims: [], yaml: { _ in GatewayYAML.single("https://127.0.0.1:\(upstream.port)") },
                              environment: ["HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)"]) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 503)
            let record = try #require(try await gw.awaitRecord(response.headers.first(name: "x-request-id") ?? ""))
            #expect(record.attempts.first?.errorClass == .connect)
            #expect(record.attempts.first?.message.contains("CERTIFICATE_VERIFY_FAILED") == true,
                    "\(record.attempts.first?.message ?? "")")
        }
        #expect(proxy.requestLines.first == "CONNECT 127.0.0.1:\(upstream.port) HTTP/1.1")
    }

    @Test("a host NO_PROXY names, or a provider with proxy: direct, is called directly")
    func bypass() async throws {
        let certificates = try TestCertificates.make(authority: "Switchyard Egress Test CA")
        let upstream = try TLSChatUpstream(certificates: certificates)
        let proxy = try ConnectProxy()
        defer { upstream.close(); proxy.close() }
        let proxied = ["https_proxy": "http://127.0.0.1:\(proxy.port)"]
        let tls = "tls: { ca_file: \(certificates.caPath) }"
        try await withGateway(sims: [], yaml: { _ in GatewayYAML.single("https://127.0.0.1:\(upstream.port)", extra: tls) },
                              environment: proxied.merging(["no_proxy": "example.com, 127.0.0.0/8"]) { a, _ in a }) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 200, "\(response.text)")
        }
        try await withGateway(sims: [], yaml: { _ in
            GatewayYAML.single("https://127.0.0.1:\(upstream.port)", extra: tls)
                .replacingOccurrences(of: "/v1\n", with: "/v1\n    proxy: direct\n")
        }, environment: proxied) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 200, "\(response.text)")
        }
        #expect(proxy.requestLines.isEmpty)
        #expect(upstream.connections == 2)
    }

    @Test("a proxy refusing CONNECT fails the attempt as unreachable, with its status, and the next deployment answers")
    func refused() async throws {
        let proxy = try ConnectProxy(refusal: "407 Proxy Authentication Required")
        defer { proxy.close() }
        try await withGateway(sims: [gatewaySimOptions(name: "backup")], yaml: { bases in
            GatewayYAML.primaryAndBackup([bases[0], bases[0]], primaryBase: "https://127.0.0.1:9")
        }, environment: ["HTTPS_PROXY": "http://127.0.0.1:\(proxy.port)"]) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 200, "\(response.text)")
            let record = try #require(try await gw.awaitRecord(response.headers.first(name: "x-request-id") ?? ""))
            let first = try #require(record.attempts.first)
            #expect(first.errorClass == .connect)
            #expect(first.message == "primary unreachable: proxy 127.0.0.1:\(proxy.port) refused CONNECT 127.0.0.1:9: 407 Proxy Authentication Required")
            #expect(record.servedBy == "chat/backup")
        }
        // The same deployment may be retried once before the next one is tried.
        #expect(!proxy.requestLines.isEmpty)
        #expect(proxy.requestLines.allSatisfy { $0 == "CONNECT 127.0.0.1:9 HTTP/1.1" })
    }

    @Test("an http upstream goes to HTTP_PROXY as an absolute-form request")
    func absoluteForm() async throws {
        let proxy = try ConnectProxy()
        defer { proxy.close() }
        try await withGateway(sims: [], yaml: { _ in GatewayYAML.single("http://127.0.0.1:9") },
                              environment: ["HTTP_PROXY": "http://bob:pw@127.0.0.1:\(proxy.port)"]) { gw in
            for _ in 0..<2 {
                let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
                #expect(response.status == 200, "\(response.text)")
            }
        }
        #expect(proxy.requestLines == Array(repeating: "POST http://127.0.0.1:9/v1/chat/completions HTTP/1.1", count: 2))
        #expect(proxy.authorizations == Array(repeating: "Basic Ym9iOnB3", count: 2))
    }
}

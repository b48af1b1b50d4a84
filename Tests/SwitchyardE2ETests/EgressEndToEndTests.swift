import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

extension SerialEndToEnd {
    /// `serve` with `HTTP_PROXY` in its environment reaches the simulator through a forward proxy (absolute-form
    /// requests); `check-config` refuses a proxy variable it cannot use, naming it but not its password.
    @Suite(.serialized) struct EgressEndToEndTests {
        /// A forward proxy for absolute-form requests that logs each request line to the file it is given.
        static let proxyScript = """
            import http.server, sys, urllib.request, urllib.error
            direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            class Forward(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_POST(self):
                    with open(sys.argv[1], "a") as log:
                        log.write(self.requestline + "\\n")
                    body = self.rfile.read(int(self.headers.get("content-length", 0)))
                    skip = ("proxy-authorization", "connection", "host", "content-length")
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
                    try:
                        with direct.open(urllib.request.Request(self.path, data=body, headers=headers, method="POST")) as r:
                            status, data, kind = r.status, r.read(), r.headers.get("content-type", "")
                    except urllib.error.HTTPError as e:
                        status, data, kind = e.code, e.read(), e.headers.get("content-type", "")
                    self.send_response(status)
                    self.send_header("content-type", kind)
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                def log_message(self, *args):
                    pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
            print("proxy listening on %d" % server.server_address[1], flush=True)
            server.serve_forever()
            """

        @Test func serveCallsThroughTheEnvironmentsProxy() async throws {
            let dir = try TestPaths.scratch("egress")
            defer { try? FileManager.default.removeItem(at: dir) }
            let log = dir.appendingPathComponent("proxy.log").path
            let proxy = try ManagedProcess("/usr/bin/env", ["python3", "-c", Self.proxyScript, log])
            defer { proxy.stop() }
            let proxyPort = try await proxy.waitFor(#"proxy listening on ([0-9]+)"#)
            let environment = ["HTTP_PROXY": "http://127.0.0.1:\(proxyPort)", "http_proxy": "", "NO_PROXY": "", "no_proxy": ""]
            let gateway = try await SimulatedGateway.start(in: dir, environment: environment)
            defer { gateway.stop() }
            var request = HTTPClientRequest(url: gateway.url + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            #expect(response.status.code == 200, "\(body)")
            let lines = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let simAddress = gateway.simURL.replacingOccurrences(of: "http://", with: "")
            #expect(lines == "POST http://\(simAddress)/v1/chat/completions HTTP/1.1\n", "\(lines)")
        }

        @Test func checkConfigRefusesAnUnusableProxyVariable() async throws {
            let dir = try TestPaths.scratch("egress-check")
            defer { try? FileManager.default.removeItem(at: dir) }
            let config = dir.appendingPathComponent("gateway.yaml")
            try """
                providers:
                  - { name: upstream, kind: openai-compatible, base_url: "https://llm.corp.example/v1" }
                models:
                  - { name: chat, deployments: [{ provider: upstream, model: gpt-4o, price: { input: 1, output: 1 } }] }
                """.write(to: config, atomically: true, encoding: .utf8)
            let binary = try BuiltProduct.switchyard()
            let check = try ManagedProcess(binary, ["check-config", config.path],
                                           environment: ["HTTPS_PROXY": "socks5://alice:hunter2@proxy:1080", "https_proxy": ""])
            #expect(try await check.wait(timeout: 30) == 1)
            #expect(check.text.contains("environment variable HTTPS_PROXY is not a usable proxy URL"), "\(check.text)")
            #expect(!check.text.contains("hunter2"))
        }
    }
}

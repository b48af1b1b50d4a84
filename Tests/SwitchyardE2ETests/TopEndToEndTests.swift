import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

extension SerialEndToEnd {
    /// `switchyard top` attached to a gateway running in the background, steered by keys and by `ctl`, across a
    /// gateway restart: the on-call loop of the control plane.
    @Suite(.serialized) struct TopEndToEndTests {
        @Test func topAndCtlSteerARunningGatewayAcrossARestart() async throws {
            let binary = try BuiltProduct.switchyard()
            let alpha = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", "alpha", "--ttft", "5ms"])
            let beta = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", "beta", "--ttft", "5ms"])
            let alphaURL = try await alpha.waitFor(#"listening on (http://[0-9.:]+)"#)
            let betaURL = try await beta.waitFor(#"listening on (http://[0-9.:]+)"#)
            let dir = URL(fileURLWithPath: "/tmp/sy-top-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let socket = dir.appendingPathComponent("ctl.sock").path
            let config = dir.appendingPathComponent("gateway.yaml")
            try """
                listen: 127.0.0.1:0
                governance: { auth: open }
                providers:
                  - { name: alpha, kind: openai-compatible, base_url: "\(alphaURL)/v1" }
                  - { name: beta, kind: anthropic, base_url: "\(betaURL)" }
                models:
                  - name: chat
                    deployments:
                      - { provider: alpha, model: gpt-4o, weight: 1, price: { input: 2.5, output: 10 } }
                      - { provider: beta, model: claude-sonnet-4-5, weight: 1, price: { input: 3, output: 15 } }
                """.write(to: config, atomically: true, encoding: .utf8)
            let serveArguments = ["serve", "--config", config.path, "--control-socket", socket, "--state-dir", dir.appendingPathComponent("state").path]
            var gateway = try ManagedProcess(binary, serveArguments)
            var gatewayURL = try await gateway.waitFor(#"serving on (http://[0-9.:]+)"#)

            // Steady traffic, so the dashboard and the upstreams' counters show where requests go.
            // The shared client: one made here would abort the whole test process if a failed step skipped its shutdown.
            let client = HTTPClient.shared
            let target = URLBox(gatewayURL)
            let traffic = Task {
                while !Task.isCancelled {
                    var request = HTTPClientRequest(url: target.value + "/v1/chat/completions")
                    request.method = .POST
                    request.body = .bytes(ByteBuffer(string: #"{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#))
                    _ = try? await client.execute(request, timeout: .seconds(5)).body.collect(upTo: 1 << 20)
                    try? await Task.sleep(nanoseconds: 50_000_000)
                }
            }

            let tmux = try await TmuxSession(width: 120, height: 40)
            try await tmux.waitForPrompt()
            try await tmux.run("'\(binary)' top --socket '\(socket)'")
            try await tmux.waitFor("top attached with both providers", timeout: 30) { lines in
                attached(lines) && ScreenText.providerRow("alpha", in: lines) != nil
                    && ScreenText.providerRow("beta", in: lines) != nil
            }

            // Disable alpha by keys: focus Providers, select its row, d, y.
            try await tmux.keys("1")
            for _ in 0..<6 where ScreenText.selectedProvider(in: try await tmux.capture()) != "alpha" {
                try await tmux.keys("j")
                try await Task.sleep(nanoseconds: 300_000_000)
            }
            #expect(ScreenText.selectedProvider(in: try await tmux.capture()) == "alpha")
            try await tmux.keys("d")
            try await tmux.waitFor(text: "Disable provider alpha?")
            try await tmux.keys("y")
            try await tmux.waitFor("alpha disabled on screen") { ScreenText.providerCell("alpha", "status", $0) == "disabled" }

            // ctl sees it; the upstream stops getting traffic.
            #expect(try await providerEnabled("alpha", binary: binary, socket: socket) == false)
            let before = try await requests(alphaURL, client: client)
            try await Task.sleep(nanoseconds: 2_000_000_000)
            #expect(try await requests(alphaURL, client: client) == before, "alpha still receives traffic while disabled")

            // ctl enable → the dashboard shows it within a refresh or two.
            let enable = try ManagedProcess(binary, ["ctl", "--socket", socket, "enable", "alpha"])
            #expect(try await enable.wait(timeout: 20) == 0, "ctl enable failed: \(enable.text)")
            try await tmux.waitFor("alpha enabled on screen", timeout: 5) { lines in
                guard let status = ScreenText.providerCell("alpha", "status", lines) else { return false }
                return status != "disabled"
            }

            // Disable beta through ctl, then restart the gateway: top reconnects by itself, the override holds.
            let disable = try ManagedProcess(binary, ["ctl", "--socket", socket, "disable", "beta"])
            #expect(try await disable.wait(timeout: 20) == 0, "ctl disable failed: \(disable.text)")
            try await tmux.waitFor("beta disabled on screen") { ScreenText.providerCell("beta", "status", $0) == "disabled" }
            gateway.stop()
            try await tmux.waitFor("top to notice the gateway is gone") { $0.first?.contains("DISCONNECTED") ?? false }
            gateway = try ManagedProcess(binary, serveArguments)
            gatewayURL = try await gateway.waitFor(#"serving on (http://[0-9.:]+)"#)
            target.value = gatewayURL
            try await tmux.waitFor("top to reattach to the restarted gateway", timeout: 30) { lines in
                attached(lines) && ScreenText.providerCell("beta", "status", lines) == "disabled"
            }
            #expect(try await providerEnabled("beta", binary: binary, socket: socket) == false)

            try await tmux.quitDashboard()
            traffic.cancel()
            _ = await traffic.result
        }

        /// Live data on screen: a header with a rate and no DISCONNECTED banner.
        private func attached(_ lines: [String]) -> Bool {
            guard let header = lines.first else { return false }
            return header.contains("req/s") && !header.contains("DISCONNECTED")
        }

        /// `ctl status --json`'s verdict on a provider.
        private func providerEnabled(_ name: String, binary: String, socket: String) async throws -> Bool? {
            let status = try ManagedProcess(binary, ["ctl", "--socket", socket, "status", "--json"])
            guard try await status.wait(timeout: 20) == 0 else { throw ManagedProcess.Failure(description: "ctl status failed: \(status.text)") }
            guard let json = try? JSONSerialization.jsonObject(with: Data(status.text.utf8)) as? [String: Any] else {
                throw ManagedProcess.Failure(description: "ctl status --json printed no JSON: '\(status.text)'")
            }
            let providers = json["providers"] as? [[String: Any]] ?? []
            return providers.first { $0["name"] as? String == name }?["enabled"] as? Bool
        }

        /// API requests an upstream simulator has received.
        private func requests(_ sim: String, client: HTTPClient) async throws -> Int {
            let response = try await client.execute(HTTPClientRequest(url: sim + "/_sim/stats"), timeout: .seconds(5))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
            guard response.status == .ok, let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                throw ManagedProcess.Failure(description: "\(sim)/_sim/stats answered \(response.status): '\(body)'")
            }
            return json["requests"] as? Int ?? -1
        }
    }
}

/// The gateway's address, swapped when it restarts, read by the traffic task.
final class URLBox: @unchecked Sendable {
    private let lock = NSLock()
    private var current: String
    init(_ value: String) { current = value }
    var value: String {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}

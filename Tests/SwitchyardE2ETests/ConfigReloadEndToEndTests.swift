import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import Testing

extension SerialEndToEnd {
    /// Live reload of a running `switchyard serve`: SIGHUP and `ctl reload` swap models while streams are in
    /// flight without cutting them; a broken file, or one changing what only a restart applies, is refused and the
    /// running config keeps serving; a rotated `api_key_file` is used after a reload.
    @Suite(.serialized) struct ConfigReloadEndToEndTests {
        static let firstKey = "sk-first-0000000000000000000000"
        static let secondKey = "sk-second-000000000000000000000"

        private func config(simURL: String, keyFile: String, models: [String], listen: String = "127.0.0.1:0") -> String {
            """
            listen: \(listen)
            governance: { auth: open }
            providers:
              - { name: upstream, kind: openai-compatible, base_url: "\(simURL)/v1", api_key_file: "\(keyFile)" }
            models:
            \(models.map { "  - { name: \($0), deployments: [{ provider: upstream, model: gpt-4o, price: { input: 2.5, output: 10 } }] }" }.joined(separator: "\n"))
            """
        }

        private func chat(_ url: String, model: String, stream: Bool = false, maxTokens: Int = 5) -> HTTPClientRequest {
            var request = HTTPClientRequest(url: url + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string:
                #"{"model":"\#(model)","stream":\#(stream),"max_tokens":\#(maxTokens),"messages":[{"role":"user","content":"hi"}]}"#))
            return request
        }

        private func status(_ url: String, model: String) async throws -> (UInt, String) {
            let response = try await HTTPClient.shared.execute(chat(url, model: model), timeout: .seconds(30))
            return (response.status.code, String(buffer: try await response.body.collect(upTo: 1 << 20)))
        }

        /// Reads a stream to its end; `started` is called once its first chunk is in.
        private func stream(_ url: String, model: String, started: @Sendable () -> Void) async throws -> String {
            let response = try await HTTPClient.shared.execute(
                chat(url, model: model, stream: true, maxTokens: 40), timeout: .seconds(60))
            var text = ""
            var first = true
            for try await chunk in response.body {
                text += String(buffer: chunk)
                if first { first = false; started() }
            }
            return text
        }

        /// `switchyard serve` on `file`, its control socket at `socket`, state in `dir`; and the URL it serves on.
        private func serve(_ file: URL, socket: String, in dir: URL) async throws -> (ManagedProcess, String) {
            let gateway = try ManagedProcess(try BuiltProduct.switchyard(), [
                "serve", "--config", file.path, "--control-socket", socket,
                "--state-dir", dir.appendingPathComponent("state").path, "--access-log", "off",
            ])
            return (gateway, try await gateway.waitFor(#"serving on (http://[0-9.:]+)"#))
        }

        private func countOf(_ needle: String, in text: String) -> Int {
            text.components(separatedBy: needle).count - 1
        }

        @Test func reloadSwapsModelsUnderLiveStreamsAndRefusesBrokenFiles() async throws {
            let dir = try TestPaths.scratch("reload")
            defer { try? FileManager.default.removeItem(at: dir) }
            let binary = try BuiltProduct.switchyard()
            // 20 tokens a second: a 40-token stream takes about 2 s.
            let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--tps", "20", "--ttft", "50ms"])
            defer { sim.stop() }
            let simURL = try await sim.waitFor(#"listening on (http://[0-9.:]+)"#)
            let keyFile = dir.appendingPathComponent("upstream.key").path
            try "unused\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
            let file = dir.appendingPathComponent("gateway.yaml")
            try config(simURL: simURL, keyFile: keyFile, models: ["chat", "old"])
                .write(to: file, atomically: true, encoding: .utf8)
            let socket = dir.appendingPathComponent("ctl.sock").path
            let (gateway, url) = try await serve(file, socket: socket, in: dir)
            defer { gateway.stop() }
            #expect(try await status(url, model: "old").0 == 200)

            // Streams on the model about to go and on the one that stays, both mid-flight during the reload.
            let started = Counter()
            async let onOld = stream(url, model: "old") { started.add() }
            async let onChat = stream(url, model: "chat") { started.add() }
            for _ in 0..<200 where started.value < 2 { try await Task.sleep(nanoseconds: 10_000_000) }
            #expect(started.value == 2)
            try config(simURL: simURL, keyFile: keyFile, models: ["chat", "new"])
                .write(to: file, atomically: true, encoding: .utf8)
            kill(gateway.process.processIdentifier, SIGHUP)
            _ = try await gateway.waitFor(#"reloaded .*models \+new -old"#, timeout: 10)
            #expect(try await status(url, model: "new").0 == 200)
            let gone = try await status(url, model: "old")
            #expect(gone.0 == 404, "\(gone.1)")
            let (oldText, chatText) = try await (onOld, onChat)
            #expect(oldText.contains("data: [DONE]"), "\(oldText.suffix(300))")
            #expect(chatText.contains("data: [DONE]"), "\(chatText.suffix(300))")
            #expect(gateway.process.isRunning)

            // A broken file: refused by signal and by ctl, with check-config's field path; the old config serves.
            try config(simURL: simURL, keyFile: keyFile, models: ["chat", "new"])
                .replacingOccurrences(of: "price: { input: 2.5", with: "weight: -3, price: { input: 2.5")
                .write(to: file, atomically: true, encoding: .utf8)
            kill(gateway.process.processIdentifier, SIGHUP)
            _ = try await gateway.waitFor("reload of .* refused", timeout: 10)
            let refused = try await ctl(binary, socket, ["reload"])
            #expect(refused.status == 1, "\(refused.output)")
            #expect(refused.output.contains("models[0].deployments[0].weight"), "\(refused.output)")
            #expect(refused.output.contains("reload refused; the running configuration stays"), "\(refused.output)")
            #expect(try await status(url, model: "new").0 == 200)

            // What only a restart applies is refused by name and line.
            try config(simURL: simURL, keyFile: keyFile, models: ["chat", "new"], listen: "127.0.0.1:1")
                .write(to: file, atomically: true, encoding: .utf8)
            let moved = try await ctl(binary, socket, ["reload"])
            #expect(moved.status == 1, "\(moved.output)")
            #expect(moved.output.contains("gateway.yaml:1:1: error: listen: the listen address cannot change"), "\(moved.output)")

            // A good file again, through ctl: what changed is printed, and the audit trail has every reload.
            try config(simURL: simURL, keyFile: keyFile, models: ["chat", "new", "third"])
                .write(to: file, atomically: true, encoding: .utf8)
            let applied = try await ctl(binary, socket, ["reload"])
            #expect(applied.status == 0, "\(applied.output)")
            #expect(applied.output.contains("reloaded: models +third"), "\(applied.output)")
            #expect(try await status(url, model: "third").0 == 200)
            let audit = try await ctl(binary, socket, ["audit"])
            #expect(countOf("reload", in: audit.output) >= 2, "\(audit.output)")
            #expect(audit.output.contains("signal:SIGHUP"), "\(audit.output)")
        }

        @Test func aRotatedKeyFileIsUsedAfterAReload() async throws {
            let dir = try TestPaths.scratch("reload-key")
            defer { try? FileManager.default.removeItem(at: dir) }
            let binary = try BuiltProduct.switchyard()
            var sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--api-key", Self.firstKey])
            defer { sim.stop() }
            let simURL = try await sim.waitFor(#"listening on (http://[0-9.:]+)"#)
            let keyFile = dir.appendingPathComponent("upstream.key").path
            try (Self.firstKey + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
            let file = dir.appendingPathComponent("gateway.yaml")
            try config(simURL: simURL, keyFile: keyFile, models: ["chat"]).write(to: file, atomically: true, encoding: .utf8)
            let socket = dir.appendingPathComponent("ctl.sock").path
            let (gateway, url) = try await serve(file, socket: socket, in: dir)
            defer { gateway.stop() }
            #expect(try await status(url, model: "chat").0 == 200)

            // The provider rotates its key: the upstream now takes only the second one.
            sim.stop()
            let address = simURL.replacingOccurrences(of: "http://", with: "")
            sim = try ManagedProcess(binary, ["sim", "--listen", address, "--api-key", Self.secondKey])
            _ = try await sim.waitFor("listening on")
            let stale = try await status(url, model: "chat")
            #expect(stale.0 != 200, "\(stale.1)")
            try (Self.secondKey + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
            let applied = try await ctl(binary, socket, ["reload"])
            #expect(applied.status == 0, "\(applied.output)")
            // The breaker may have opened on the 401s; a reload keeps health, so allow for its cooldown.
            var answered: (UInt, String) = (0, "")
            for _ in 0..<40 {
                answered = try await status(url, model: "chat")
                if answered.0 == 200 { break }
                try await Task.sleep(nanoseconds: 250_000_000)
            }
            #expect(answered.0 == 200, "\(answered.1)")
        }
    }
}

/// A count shared between a test and the callbacks it hands out.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

import AsyncHTTPClient
import Foundation
import SwitchyardTestSupport
import NIOCore
import Testing

extension SerialEndToEnd {
    /// Keys never reach a trace: requests carrying a virtual key (as a bearer token and as `x-api-key`), a prompt
    /// that quotes a provider key, and a wrong key are traced with bodies kept, and then no stored byte (the SQLite
    /// file and its dump), no `ctl trace`/`ctl traces` answer and no OTLP export holds any of those secrets.
    @Suite(.serialized) struct TraceRedactionEndToEndTests {
        static let quotedKey = "sk-live-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"
        static let wrongKey = "sk-sy-0000notarealkeyatall0000zzzz"

        private func post(
            _ url: String, body: String, id: String, headers: [(String, String)]
        ) async throws -> Int {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.headers.add(name: "x-request-id", value: id)
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(string: body))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        }

        @Test func noKeyInAnyStoredOrExportedTrace() async throws {
            let binary = try BuiltProduct.switchyard()
            let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", "upstream", "--ttft", "5ms"])
            defer { sim.stop() }
            let simURL = try await sim.waitFor(#"listening on (http://[0-9.:]+)"#)
            let dir = try TestPaths.scratch("trace-redaction")
            defer { try? FileManager.default.removeItem(at: dir) }
            let config = dir.appendingPathComponent("gateway.yaml")
            try """
                listen: 127.0.0.1:0
                governance: { auth: keys }
                tracing: { bodies: true, max_body_bytes: 4096 }
                providers:
                  - { name: upstream, kind: openai-compatible, base_url: "\(simURL)/v1" }
                models:
                  - name: chat
                    deployments:
                      - { provider: upstream, model: gpt-4o, price: { input: 2.5, output: 10 } }
                """.write(to: config, atomically: true, encoding: .utf8)
            let socket = dir.appendingPathComponent("ctl.sock").path
            let state = dir.appendingPathComponent("state").path
            let gateway = try ManagedProcess(binary, [
                "serve", "--config", config.path, "--control-socket", socket, "--state-dir", state,
            ])
            defer { gateway.stop() }
            let url = try await gateway.waitFor(#"serving on (http://[0-9.:]+)"#)
            let created = try ManagedProcess(binary, ["ctl", "keys", "create", "--name", "redact", "--socket", socket])
            #expect(try await created.wait(timeout: 30) == 0, "ctl keys create: \(created.text)")
            let secret = try await created.waitFor(#"(sk-sy-[A-Za-z0-9]+)"#)

            let prompt = "my provider key is \(Self.quotedKey), keep it safe"
            let chat = #"{"model":"chat","messages":[{"role":"user","content":"\#(prompt)"}]}"#
            let stream = #"{"model":"chat","stream":true,"messages":[{"role":"user","content":"\#(prompt)"}]}"#
            let messages = #"{"model":"chat","max_tokens":64,"messages":[{"role":"user","content":"\#(prompt)"}]}"#
            #expect(try await post(url + "/v1/chat/completions", body: chat, id: "red-json",
                                   headers: [("authorization", "Bearer \(secret)")]) == 200)
            #expect(try await post(url + "/v1/chat/completions", body: stream, id: "red-stream",
                                   headers: [("authorization", "Bearer \(secret)")]) == 200)
            #expect(try await post(url + "/v1/messages", body: messages, id: "red-anthropic",
                                   headers: [("x-api-key", secret), ("anthropic-version", "2023-06-01")]) == 200)
            #expect(try await post(url + "/v1/chat/completions", body: chat, id: "red-badkey",
                                   headers: [("authorization", "Bearer \(Self.wrongKey)")]) == 401)
            let ids = ["red-json", "red-stream", "red-anthropic", "red-badkey"]

            // Every trace is kept, with its bodies (redacted), and the refused one shows why.
            var answers: [String] = []
            for id in ids {
                let (status, json) = try await ctl(binary, socket, ["trace", id, "--json"])
                #expect(status == 0, "ctl trace \(id): \(json)")
                answers.append(json)
                let (textStatus, text) = try await ctl(binary, socket, ["trace", id])
                #expect(textStatus == 0, "\(text)")
                answers.append(text)
            }
            #expect(answers[0].contains("request_body"), "no body kept:\n\(answers[0])")
            #expect(answers[0].contains("[redacted]"), "nothing redacted:\n\(answers[0])")
            #expect(answers[6].contains("invalid_api_key") || answers[6].contains("401"), "\(answers[6])")
            let otlpOne = dir.appendingPathComponent("one.json").path
            let otlpAll = dir.appendingPathComponent("all.json").path
            let (oneStatus, oneOut) = try await ctl(binary, socket, ["trace", "red-json", "--otlp", otlpOne])
            #expect(oneStatus == 0, "\(oneOut)")
            let (allStatus, allOut) = try await ctl(binary, socket, ["traces", "--otlp", otlpAll])
            #expect(allStatus == 0, "\(allOut)")
            let (listStatus, list) = try await ctl(binary, socket, ["traces", "--json"])
            #expect(listStatus == 0, "\(list)")
            answers += [list, try String(contentsOfFile: otlpOne, encoding: .utf8),
                        try String(contentsOfFile: otlpAll, encoding: .utf8)]
            #expect(answers.last?.contains("resourceSpans") == true)

            // Wait for the archive to hold all four, then stop the gateway so everything is flushed to the file.
            let database = state + "/traces.db"
            var archived = 0
            for _ in 0..<100 where archived < ids.count {
                let count = try await Spawn.run(["sqlite3", database, "SELECT COUNT(*) FROM traces"])
                archived = Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
                if archived < ids.count { try await Task.sleep(nanoseconds: 100_000_000) }
            }
            #expect(archived == ids.count, "the archive holds \(archived) traces")
            await gateway.terminate()
            let dump = try await Spawn.run(["sqlite3", database, ".dump"])
            #expect(dump.status == 0, "\(dump.stderr)")
            #expect(dump.stdout.contains("red-stream"))
            answers.append(dump.stdout)
            for file in try FileManager.default.contentsOfDirectory(atPath: state) {
                let bytes = FileManager.default.contents(atPath: state + "/" + file) ?? Data()
                answers.append(String(decoding: bytes, as: UTF8.self))
            }

            for (n, text) in answers.enumerated() {
                for forbidden in [secret, Self.quotedKey, Self.wrongKey] {
                    #expect(!text.contains(forbidden), "answer \(n) holds a secret")
                }
                // Nor a recognisable part of one (a key cut at a body cap, say).
                #expect(!text.contains(String(secret.dropFirst(6).prefix(16))), "answer \(n) holds part of the key")
                #expect(!text.contains("4f9a8b7c6d5e4f3a"), "answer \(n) holds part of the quoted key")
            }
        }
    }
}

import AsyncHTTPClient
import Foundation
import SwitchyardTestSupport
import NIOCore
import Testing

extension SerialEndToEnd {
    /// `serve --log-format json`: one access-log line per request on stdout, JSON that parses, agreeing with the
    /// ledger on status, tokens and cost; diagnostics are JSON too, on stderr.
    @Suite(.serialized) struct AccessLogTests {
        @Test func jsonAccessLinesParseAndAgreeWithTheLedger() async throws {
            let dir = try TestPaths.scratch("access-log")
            defer { try? FileManager.default.removeItem(at: dir) }
            let started = try await SimulatedGateway.start(in: dir, serve: ["--log-format", "json"])
            defer { started.stop() }
            let gateway = started.process
            let url = started.url
            let state = started.state
            let bodies = [
                ("al-json-1", #"{"model":"chat","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}"#),
                ("al-json-2", #"{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"hello there"}]}"#),
                ("al-stream", #"{"model":"chat","stream":true,"max_tokens":12,"messages":[{"role":"user","content":"hi"}]}"#),
                ("al-unknown", #"{"model":"nope","messages":[{"role":"user","content":"hi"}]}"#),
                ("al-broken", #"{"model":"#),
            ]
            for (id, body) in bodies {
                var request = HTTPClientRequest(url: url + "/v1/chat/completions")
                request.method = .POST
                request.headers.add(name: "content-type", value: "application/json")
                request.headers.add(name: "x-request-id", value: id)
                request.body = .bytes(ByteBuffer(string: body))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
            }
            kill(gateway.process.processIdentifier, SIGTERM)
            #expect(try await gateway.wait(timeout: 30) == 0)

            var lines: [String: [String: Any]] = [:]
            var diagnostics = 0
            for line in gateway.text.split(separator: "\n") where line.hasPrefix("{") {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                                          "not JSON: \(line)")
                if let id = object["request_id"] as? String { lines[id] = object } else if object["level"] != nil { diagnostics += 1 }
            }
            #expect(diagnostics > 0, "no JSON diagnostics in \(gateway.text)")
            #expect(Set(lines.keys) == Set(bodies.map(\.0)), "\(gateway.text)")
            #expect(lines["al-unknown"]?["status"] as? Int == 404)
            #expect(lines["al-broken"]?["status"] as? Int == 400)
            #expect(lines["al-stream"]?["stream"] as? Bool == true)
            #expect(lines["al-stream"]?["ttft_ms"] != nil)

            let dump = try await Spawn.run(["sqlite3", "-separator", " ", state + "/switchyard.db",
                                            "select request_id, status, input_tokens, output_tokens, cost from ledger"])
            #expect(dump.status == 0, "\(dump.stderr)")
            var ledger: [String: [String]] = [:]
            for row in dump.stdout.split(separator: "\n") {
                let parts = row.split(separator: " ").map(String.init)
                if parts.count == 5 { ledger[parts[0]] = parts }
            }
            for id in ["al-json-1", "al-json-2", "al-stream"] {
                let line = try #require(lines[id])
                let row = try #require(ledger[id], "no ledger row for \(id)")
                #expect(line["status"] as? Int == Int(row[1]))
                #expect(line["deployment"] as? String == "chat/upstream")
                #expect(line["input_tokens"] as? Int == Int(row[2]))
                #expect(line["output_tokens"] as? Int == Int(row[3]))
                let cost = try #require(line["cost"] as? Double)
                #expect(abs(cost - (Double(row[4]) ?? -1)) < 1e-12, "\(id): log \(cost), ledger \(row[4])")
            }
        }
    }
}

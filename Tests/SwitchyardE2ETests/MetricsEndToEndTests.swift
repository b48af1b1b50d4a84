import AsyncHTTPClient
import Foundation
import SwitchyardTestSupport
import NIOCore
import Testing

extension SerialEndToEnd {
    /// `GET /metrics` of a real gateway after keyed, budgeted, streamed and refused requests: `promtool check
    /// metrics` finds nothing to lint, and the families operators look for carry what happened.
    @Suite(.serialized) struct MetricsEndToEndTests {
        @Test func theExpositionPassesPromtoolAndCountsKeysTeamsBudgetsAndRefusals() async throws {
            let promtool = try #require(
                ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) },
                "promtool is not installed (Debian: prometheus); .ci/run installs it")
            let dir = try TestPaths.scratch("metrics")
            defer { try? FileManager.default.removeItem(at: dir) }
            let gateway = try await SimulatedGateway.start(in: dir)
            defer { gateway.stop() }
            let binary = try BuiltProduct.switchyard()
            for args in [["teams", "create", "ops"], ["budgets", "set", "team", "ops", "--limit", "5", "--period", "daily"]] {
                let ctl = try ManagedProcess(binary, ["ctl"] + args + ["--socket", gateway.socket])
                #expect(try await ctl.wait(timeout: 30) == 0, "ctl \(args): \(ctl.text)")
            }
            let created = try ManagedProcess(binary, ["ctl", "keys", "create", "--name", "ops/ci", "--team", "ops",
                                                      "--socket", gateway.socket])
            #expect(try await created.wait(timeout: 30) == 0, "ctl keys create: \(created.text)")
            let secret = try await created.waitFor(#"(sk-sy-[A-Za-z0-9]+)"#)

            let keyed = [("authorization", "Bearer \(secret)")]
            let bodies: [(String, [(String, String)])] = [
                (#"{"model":"chat","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}"#, keyed),
                (#"{"model":"chat","stream":true,"max_tokens":30,"messages":[{"role":"user","content":"hi"}]}"#, keyed),
                (#"{"model":"nope","messages":[{"role":"user","content":"hi"}]}"#, []),
                (#"{"model":"#, []),
            ]
            for (body, headers) in bodies {
                var request = HTTPClientRequest(url: gateway.url + "/v1/chat/completions")
                request.method = .POST
                request.headers.add(name: "content-type", value: "application/json")
                for (name, value) in headers { request.headers.add(name: name, value: value) }
                request.body = .bytes(ByteBuffer(string: body))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
            }

            var text = ""
            for _ in 0..<50 {
                let response = try await HTTPClient.shared.execute(
                    HTTPClientRequest(url: gateway.url + "/metrics"), timeout: .seconds(30))
                text = String(buffer: try await response.body.collect(upTo: 1 << 22))
                if text.contains(#"switchyard_key_requests_total{key="ops/ci",team="ops"} 2"#) { break }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            let file = dir.appendingPathComponent("metrics.txt")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let lint = try await Spawn.run(["sh", "-c", "\(promtool) check metrics < '\(file.path)'"])
            #expect(lint.status == 0, "promtool: \(lint.stdout) \(lint.stderr)")
            #expect(lint.stdout.isEmpty && lint.stderr.isEmpty, "promtool: \(lint.stdout) \(lint.stderr)")

            let lines = Set(text.split(separator: "\n").map(String.init))
            for expected in [
                #"switchyard_key_requests_total{key="ops/ci",team="ops"} 2"#,
                #"switchyard_team_requests_total{team="ops"} 2"#,
                #"switchyard_budget_limit_usd{scope="team",name="ops",period="daily"} 5"#,
                #"switchyard_served_requests_total{model="chat",served_model="chat"} 2"#,
                #"switchyard_requests_total{model="(unknown)",code="400",status_class="4xx"} 1"#,
                #"switchyard_requests_total{model="(unknown)",code="404",status_class="4xx"} 1"#,
                #"switchyard_breaker_state{deployment="chat/upstream",provider="upstream",model="chat",state="closed"} 1"#,
                #"switchyard_time_per_output_token_seconds_count{model="chat"} 1"#,
            ] {
                let found = lines.contains(expected)
                #expect(found, "missing \(expected)")
            }
            // First-token buckets start at 10 ms.
            let firstBucket = lines.contains { $0.hasPrefix(#"switchyard_time_to_first_token_seconds_bucket{model="chat",le="0.01"} "#) }
            #expect(firstBucket)
            #expect(lines.contains { $0.hasPrefix("switchyard_build_info{version=") && $0.hasSuffix(" 1") })
            let spent = lines.first { $0.hasPrefix(#"switchyard_budget_spent_usd{scope="team",name="ops",period="daily"} "#) }
            #expect((spent?.split(separator: " ").last.flatMap { Double($0) } ?? 0) > 0, "\(spent ?? "no spent line")")
            let fds = lines.first { $0.hasPrefix("process_open_fds ") }
            #expect((fds?.split(separator: " ").last.flatMap { Int($0) } ?? 0) > 5, "\(fds ?? "no process_open_fds")")
        }
    }
}

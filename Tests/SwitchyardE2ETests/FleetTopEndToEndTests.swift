import AsyncHTTPClient
import Foundation
import NIOCore
import SwitchyardTestSupport
import Testing

extension SerialEndToEnd {
    /// `switchyard top --database-url` over three `serve` replicas sharing one PostgreSQL database in front of one
    /// `switchyard sim`: the Replicas pane shows them up, one killed with SIGKILL turns down within seconds, a
    /// provider disabled from the fleet view is taken out of routing by every live replica, and a key made and
    /// revoked through `ctl --database-url` is taken in by a replica.
    @Suite struct FleetTopEndToEndTests {
        @Test func fleetTopShowsReplicasUpAndDownAndActsFleetWide() async throws {
            let databaseURL = try PostgresTestCluster.shared().createDatabase(prefix: "fleet_top").url
            let dir = try TestPaths.scratch("fleet-top")
            defer { try? FileManager.default.removeItem(at: dir) }
            let binary = try BuiltProduct.switchyard()
            let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--ttft", "5ms"])
            let simURL = try await sim.waitFor(#"listening on (http://[0-9.:]+)"#)
            let config = try FleetTestGateway.config(simURL: simURL, auth: "open", in: dir)
            var replicas: [(name: String, process: ManagedProcess, url: String, socket: String)] = []
            for name in ["r1", "r2", "r3"] {
                let socket = dir.appendingPathComponent("\(name).sock").path
                let process = try ManagedProcess(binary, [
                    "serve", "--config", config.path, "--listen", "127.0.0.1:0", "--database-url", databaseURL,
                    "--replica", name, "--control-socket", socket, "--state-dir", dir.appendingPathComponent("state").path,
                    "--access-log", "off",
                ])
                replicas.append((name, process, try await process.waitFor(#"serving on (http://[0-9.:]+)"#), socket))
            }
            defer { for r in replicas { r.process.stop() }; sim.stop() }

            // A little traffic on every replica, so the fleet's rates are not all zero.
            let urls = replicas.map(\.url)
            let traffic = Task {
                var i = 0
                while !Task.isCancelled {
                    var request = HTTPClientRequest(url: urls[i % urls.count] + "/v1/chat/completions")
                    request.method = .POST
                    request.body = .bytes(ByteBuffer(string: #"{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#))
                    _ = try? await HTTPClient.shared.execute(request, timeout: .seconds(5)).body.collect(upTo: 1 << 20)
                    i += 1
                    try? await Task.sleep(nanoseconds: 100_000_000)
                }
            }
            defer { traffic.cancel() }

            let tmux = try await TmuxSession(width: 120, height: 40)
            try await tmux.waitForPrompt()
            try await tmux.run("'\(binary)' top --database-url '\(databaseURL)'")
            try await tmux.waitFor("three replicas up", timeout: 30) { lines in
                (lines.first?.contains("fleet · 3 replicas") ?? false) && !(lines.first?.contains("down") ?? true)
                    && ["r1", "r2", "r3"].allSatisfy { replicaState($0, lines) == "up" }
            }

            // SIGKILL: no goodbye, so only its heartbeat going stale says it is gone.
            kill(replicas[2].process.process.processIdentifier, SIGKILL)
            try await tmux.waitFor("r3 down", timeout: 10) { lines in
                replicaState("r3", lines) == "down" && (lines.first?.contains("fleet · 3 replicas (1 down)") ?? false)
            }
            #expect(replicaState("r1", try await tmux.capture()) == "up")

            // Disable primary from the fleet view: every live replica takes it out of routing.
            try await tmux.keys("1")
            for _ in 0..<4 where ScreenText.selectedProvider(in: try await tmux.capture()) != "primary" {
                try await tmux.keys("j")
                try await Task.sleep(nanoseconds: 300_000_000)
            }
            #expect(ScreenText.selectedProvider(in: try await tmux.capture()) == "primary")
            try await tmux.keys("d")
            try await tmux.waitFor(text: "Disable provider primary?")
            try await tmux.keys("y")
            try await tmux.waitFor(text: "(fleet-wide)")
            for replica in replicas.prefix(2) {
                var enabled: Bool? = true
                for _ in 0..<40 where enabled != false {
                    enabled = try await providerEnabled("primary", socket: replica.socket, binary: binary)
                    if enabled != false { try await Task.sleep(nanoseconds: 100_000_000) }
                }
                #expect(enabled == false, "replica \(replica.name) still routes to primary")
            }
            try await tmux.waitFor("primary disabled in the fleet's panes") {
                ScreenText.providerCell("primary", "status", $0) == "disabled"
            }

            try await tmux.keys("q")
            try await tmux.waitForPrompt()

            // The same through `ctl --database-url`, with no socket: enable it again, fleet-wide.
            let enable = try ManagedProcess(binary, ["ctl", "--database-url", databaseURL, "enable", "primary"])
            #expect(try await enable.wait(timeout: 30) == 0, "\(enable.text)")
            #expect(enable.text.contains("enable provider primary: disabled → enabled (fleet-wide)"), "\(enable.text)")
            var enabled: Bool? = false
            for _ in 0..<40 where enabled != true {
                enabled = try await providerEnabled("primary", socket: replicas[0].socket, binary: binary)
                if enabled != true { try await Task.sleep(nanoseconds: 100_000_000) }
            }
            #expect(enabled == true)
            let audit = try ManagedProcess(binary, ["ctl", "--database-url", databaseURL, "audit"])
            #expect(try await audit.wait(timeout: 30) == 0, "\(audit.text)")
            #expect(audit.text.contains("disable provider primary") && audit.text.contains("enable provider primary"), "\(audit.text)")
            // A key made on one replica is listed from the database; what needs a replica's own state is refused.
            let made = try await ctl(binary, replicas[0].socket, ["keys", "create", "--name", "fleet/ops"])
            #expect(made.status == 0, "\(made.output)")
            let keys = try ManagedProcess(binary, ["ctl", "--database-url", databaseURL, "keys", "list"])
            #expect(try await keys.wait(timeout: 30) == 0, "\(keys.text)")
            #expect(keys.text.contains("fleet/ops"), "\(keys.text)")
            // A key made through the database alone: a replica knows it (so revoking it there is a 401 for it,
            // where an unknown key passes as anonymous under `auth: open`).
            let minted = try ManagedProcess(binary, ["ctl", "--database-url", databaseURL, "keys", "create", "--name", "fleet/db"])
            #expect(try await minted.wait(timeout: 30) == 0, "\(minted.text)")
            let secret = try #require(minted.text.firstMatch(of: /Secret: (\S+)/)?.output.1).description
            #expect(try await chatStatus(replicas[1].url, secret: secret) == 200)
            let revoked = try ManagedProcess(binary, ["ctl", "--database-url", databaseURL, "keys", "revoke", "fleet/db"])
            #expect(try await revoked.wait(timeout: 30) == 0, "\(revoked.text)")
            var status: UInt = 200
            for _ in 0..<40 where status != 401 {
                status = try await chatStatus(replicas[1].url, secret: secret)
                if status != 401 { try await Task.sleep(nanoseconds: 100_000_000) }
            }
            #expect(status == 401, "replica r2 still takes the revoked key")
            let trail = try ManagedProcess(binary, ["ctl", "--database-url", databaseURL, "audit"])
            #expect(try await trail.wait(timeout: 30) == 0, "\(trail.text)")
            #expect(trail.text.contains("keys create fleet/db") && trail.text.contains("keys revoke fleet/db"), "\(trail.text)")
            let traces = try ManagedProcess(binary, ["ctl", "--database-url", databaseURL, "traces"])
            #expect(try await traces.wait(timeout: 30) == 1)
            #expect(traces.text.contains("needs a replica's control socket"), "\(traces.text)")
        }

        /// The state cell of a replica's row in the Replicas pane: a row reads `│ ● name state …` (`│▶● …` selected).
        private func replicaState(_ name: String, _ lines: [String]) -> String? {
            for line in lines where line.hasPrefix("│") {
                let words = line.dropFirst().split(separator: " ")
                if words.count > 2, words[1] == name { return String(words[2]) }
            }
            return nil
        }

        /// The HTTP status of one chat request to `url` with `secret`.
        private func chatStatus(_ url: String, secret: String) async throws -> UInt {
            var request = HTTPClientRequest(url: url + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(secret)")
            request.body = .bytes(ByteBuffer(string: #"{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return response.status.code
        }

        /// `ctl providers --json`'s verdict on a provider, from the replica behind `socket`.
        private func providerEnabled(_ provider: String, socket: String, binary: String) async throws -> Bool? {
            let shown = try await ctl(binary, socket, ["providers", "--json"])
            guard shown.status == 0,
                  let list = try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [[String: Any]]
            else { return nil }
            return list.first { $0["name"] as? String == provider }?["enabled"] as? Bool
        }
    }
}

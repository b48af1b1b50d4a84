import AsyncHTTPClient
import Foundation
import NIOCore
import SwitchyardTestSupport
import Testing

extension SerialEndToEnd {
    /// Two `serve` replicas sharing one PostgreSQL database in front of one `switchyard sim`: keys and overrides
    /// made on one reach the other within a second, and both carry on after the database restarts.
    @Suite struct FleetEndToEndTests {
        private struct Replica {
            let process: ManagedProcess
            let url: String
            let socket: String
        }

        private func config(simURL: String, in dir: URL) throws -> URL {
            try FleetTestGateway.config(simURL: simURL, in: dir)
        }

        private func replica(_ name: String, config: URL, database: String, in dir: URL) async throws -> Replica {
            let socket = dir.appendingPathComponent("\(name).sock").path
            let process = try ManagedProcess(try BuiltProduct.switchyard(), [
                "serve", "--config", config.path, "--listen", "127.0.0.1:0", "--database-url", database,
                "--replica", name, "--control-socket", socket, "--state-dir", dir.appendingPathComponent("state").path,
                "--access-log", "off",
            ])
            let url = try await process.waitFor(#"serving on (http://[0-9.:]+)"#)
            return Replica(process: process, url: url, socket: socket)
        }

        /// Status and the deployment that answered.
        private func chat(_ url: String, secret: String) async throws -> (status: UInt, servedBy: String?) {
            var request = HTTPClientRequest(url: url + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.headers.add(name: "authorization", value: "Bearer \(secret)")
            request.body = .bytes(ByteBuffer(string:
                #"{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            return (response.status.code, response.headers.first(name: "x-switchyard-deployment"))
        }

        private func eventually(within seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
            try await FleetTestGateway.eventually(within: seconds, condition)
        }

        private func mint(_ name: String, on replica: Replica) async throws -> String {
            let created = try await ctl(try BuiltProduct.switchyard(), replica.socket, ["keys", "create", "--name", name])
            #expect(created.status == 0, "\(created.output)")
            let match = created.output.range(of: #"Secret: (\S+)"#, options: .regularExpression)
            let line = match.map { String(created.output[$0]) } ?? ""
            return String(line.dropFirst("Secret: ".count))
        }

        /// Whether `ctl providers --json` on `replica` shows `provider` enabled.
        private func enabled(_ provider: String, on replica: Replica) async throws -> Bool? {
            let shown = try await ctl(try BuiltProduct.switchyard(), replica.socket, ["providers", "--json"])
            guard shown.status == 0,
                  let list = try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [[String: Any]],
                  let entry = list.first(where: { $0["name"] as? String == provider })
            else { return nil }
            return entry["enabled"] as? Bool
        }

        @Test func keysAndOverridesCrossReplicasAndSurviveADatabaseRestart() async throws {
            // A cluster of its own: this test restarts it.
            let cluster = try PostgresTestCluster()
            defer { cluster.stop() }
            let (database, databaseURL) = try cluster.createDatabase(prefix: "fleet")
            let dir = try TestPaths.scratch("fleet")
            defer { try? FileManager.default.removeItem(at: dir) }
            let binary = try BuiltProduct.switchyard()
            let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0"])
            let simURL = try await sim.waitFor(#"listening on (http://[0-9.:]+)"#)
            let file = try config(simURL: simURL, in: dir)
            let a = try await replica("a", config: file, database: databaseURL, in: dir)
            let b = try await replica("b", config: file, database: databaseURL, in: dir)
            defer { a.process.stop(); b.process.stop(); sim.stop() }

            // A key minted on A is accepted by B within a second.
            let secret = try await mint("fleet/ci", on: a)
            #expect(secret.hasPrefix("sk-"))
            #expect(try await eventually(within: 1) { try await chat(b.url, secret: secret).status == 200 })
            // Revoked on B, it stops working on A within a second.
            let revoked = try await ctl(binary, b.socket, ["keys", "revoke", "fleet/ci"])
            #expect(revoked.status == 0, "\(revoked.output)")
            #expect(try await eventually(within: 1) { try await chat(a.url, secret: secret).status == 401 })

            // A provider disabled on A is out of B's routing within a second; B's requests no longer reach it.
            let other = try await mint("fleet/other", on: b)
            #expect(try await eventually(within: 1) { try await chat(a.url, secret: other).status == 200 })
            let disabled = try await ctl(binary, a.socket, ["disable", "primary"])
            #expect(disabled.status == 0, "\(disabled.output)")
            #expect(try await eventually(within: 1) { try await enabled("primary", on: b) == false })
            for _ in 0..<6 {
                let answer = try await chat(b.url, secret: other)
                #expect(answer.status == 200)
                #expect(answer.servedBy == "chat/backup", "served by \(answer.servedBy ?? "nothing")")
            }
            // The audit trail names the replica each change came from.
            let replicas = try cluster.psql(
                "SELECT replica FROM switchyard_audit WHERE record LIKE '%disable%' OR record LIKE '%revoke%' ORDER BY id",
                database: database)
            #expect(replicas.split(separator: "\n") == ["b", "a"])

            // The database restarts: both replicas reconnect, resubscribe and keep applying each other's changes.
            try cluster.restart()
            #expect(try await eventually(within: 15) {
                try await ctl(binary, b.socket, ["enable", "primary"]).status == 0
            })
            #expect(try await eventually(within: 15) { try await enabled("primary", on: a) == true })
            let again = try await ctl(binary, a.socket, ["disable", "backup"])
            #expect(again.status == 0, "\(again.output)")
            #expect(try await eventually(within: 1) { try await enabled("backup", on: b) == false })
            #expect(a.process.process.isRunning && b.process.process.isRunning)
        }

        @Test func aDatabaseThatCannotBeUsedStopsServeAtOnceWithOneLine() async throws {
            let cluster = try PostgresTestCluster.shared()
            let dir = try TestPaths.scratch("fleet-bad-url")
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = try config(simURL: "http://127.0.0.1:9", in: dir)
            let cases: [(url: String, status: Int32, message: String)] = [
                ("postgresql://switchyard@127.0.0.1:1/switchyard?sslmode=disable", 1,
                 "switchyard: cannot use the shared database: cannot connect to postgresql://switchyard@127.0.0.1:1/switchyard"),
                ("postgresql://nobody@127.0.0.1:\(cluster.port)/postgres?sslmode=disable", 1,
                 #"role "nobody" does not exist"#),
                ("mysql://gw@127.0.0.1/db", 1, "switchyard: --database-url: database URL must look like postgresql://"),
            ]
            for (index, bad) in cases.enumerated() {
                let process = try ManagedProcess(try BuiltProduct.switchyard(), [
                    "serve", "--config", file.path, "--database-url", bad.url,
                    "--control-socket", dir.appendingPathComponent("c\(index).sock").path,
                    "--state-dir", dir.appendingPathComponent("state").path,
                ])
                let status = try await process.wait(timeout: 30)
                #expect(status == bad.status, "\(process.text)")
                #expect(process.text.contains(bad.message), "\(process.text)")
                let lines = process.text.split(separator: "\n").filter { !$0.contains("warning") }
                #expect(lines.count == 1, "\(process.text)")
            }
        }
    }
}

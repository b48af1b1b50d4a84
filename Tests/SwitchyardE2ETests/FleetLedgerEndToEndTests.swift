import AsyncHTTPClient
import Foundation
import NIOCore
import SwitchyardTestSupport
import Testing

extension SerialEndToEnd {
    /// The fleet's shared ledger with real `serve` processes, `switchyard sim` and a real PostgreSQL: a single
    /// gateway moved in by `migrate --from-sqlite`, a replica killed with SIGKILL mid-load, and the database
    /// restarted mid-load all end with the shared ledger holding exactly what clients were charged.
    @Suite struct FleetLedgerEndToEndTests {
        private let binary: String
        private let dir: URL

        init() throws {
            binary = try BuiltProduct.switchyard()
            dir = try TestPaths.scratch("fleet-ledger")
        }

        private func config(simURL: String) throws -> URL {
            try FleetTestGateway.config(simURL: simURL, in: dir)
        }

        /// `serve` on `config`; a replica of `database` named `replica` when given, else a single gateway.
        private func serve(_ config: URL, state: String, socket: String, database: String? = nil, replica: String? = nil)
            async throws -> (process: ManagedProcess, url: String)
        {
            var arguments = ["serve", "--config", config.path, "--listen", "127.0.0.1:0", "--control-socket", socket,
                             "--state-dir", state, "--access-log", "off"]
            if let database { arguments += ["--database-url", database] }
            if let replica { arguments += ["--replica", replica] }
            let process = try ManagedProcess(binary, arguments)
            return (process, try await process.waitFor(#"serving on (http://[0-9.:]+)"#))
        }

        private func ctlOK(_ socket: String, _ arguments: [String]) async throws -> String {
            let outcome = try await ctl(binary, socket, arguments)
            #expect(outcome.status == 0, "ctl \(arguments.joined(separator: " ")): \(outcome.output)")
            return outcome.output
        }

        private func mint(_ socket: String, _ arguments: [String]) async throws -> String {
            let output = try await ctlOK(socket, ["keys", "create"] + arguments)
            let match = output.range(of: #"sk-sy-[A-Za-z0-9]+"#, options: .regularExpression)
            return match.map { String(output[$0]) } ?? ""
        }

        /// `ctl spend --json` over the last day; empty when it fails (polled while the database may be away).
        private func spend(_ socket: String) async throws -> [String: Any] {
            let outcome = try await ctl(binary, socket, ["spend", "--json", "--since", "1d"])
            guard outcome.status == 0 else { return [:] }
            return try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any] ?? [:]
        }

        /// A one-line psql answer as text.
        private func value(_ cluster: PostgresTestCluster, _ sql: String, _ database: String) throws -> String {
            try cluster.psql(sql, database: database).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        private func eventually(within seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
            try await FleetTestGateway.eventually(within: seconds, condition)
        }

        /// Runs `load` until `count` answers are in, then stops it.
        private func run(_ load: ChargedLoad, answers count: Int) async throws {
            let task = load.start()
            try await load.waitForAnswers(count)
            task.cancel()
            await task.value
        }

        @Test func migrateMovesAPopulatedSingleGatewayIntoTheFleet() async throws {
            defer { try? FileManager.default.removeItem(at: dir) }
            let cluster = try PostgresTestCluster.shared()
            let (database, databaseURL) = try cluster.createDatabase(prefix: "migrate")
            let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0"])
            defer { sim.stop() }
            let file = try config(simURL: try await sim.waitFor(#"listening on (http://[0-9.:]+)"#))
            let state = dir.appendingPathComponent("single").path
            let socket = dir.appendingPathComponent("single.sock").path
            let single = try await serve(file, state: state, socket: socket)

            // A gateway in use: a team with a budget, two keys (one with its own budget), an override, traffic.
            _ = try await ctlOK(socket, ["teams", "create", "research", "--rpm", "600"])
            _ = try await ctlOK(socket, ["budgets", "set", "team", "research", "--limit", "25", "--period", "weekly"])
            let first = try await mint(socket, ["--name", "research/ci", "--team", "research"])
            let second = try await mint(socket, ["--name", "ops/bot", "--budget", "10", "--period", "daily"])
            _ = try await ctlOK(socket, ["disable", "backup"])
            try await run(ChargedLoad(url: single.url, secret: first, clients: 2, prefix: "one"), answers: 15)
            try await run(ChargedLoad(url: single.url, secret: second, clients: 2, prefix: "two"), answers: 10)
            let before = try await spend(socket)
            let total = try #require(before["total"] as? [String: Any])
            let rows = try #require(total["requests"] as? Int)
            let cost = try #require(total["cost"] as? Double)
            let input = try #require(total["input_tokens"] as? Int)
            let output = try #require(total["output_tokens"] as? Int)
            #expect(before["shared"] == nil)

            // Refused while the gateway runs, and for a directory without state.
            let running = try await Spawn.run([binary, "migrate", "--from-sqlite", state, "--database-url", databaseURL])
            #expect(running.status == 1)
            #expect(running.stderr.contains("cannot migrate \(state) while a gateway runs on it (pid "), "\(running.stderr)")
            await single.process.terminate()
            let empty = dir.appendingPathComponent("empty").path
            let nothing = try await Spawn.run([binary, "migrate", "--from-sqlite", empty, "--database-url", databaseURL])
            #expect(nothing.status == 1)
            #expect(nothing.stderr.contains("no gateway state in \(empty)"), "\(nothing.stderr)")

            // Moved: counts and dollars printed, the same totals in PostgreSQL.
            let moved = try await Spawn.run([binary, "migrate", "--from-sqlite", state, "--database-url", databaseURL,
                                             "--replica", "single"])
            #expect(moved.status == 0, "\(moved.stdout)\(moved.stderr)")
            #expect(moved.stdout.contains("keys       2"), "\(moved.stdout)")
            #expect(moved.stdout.contains("teams      1"), "\(moved.stdout)")
            #expect(moved.stdout.contains("budgets    2"), "\(moved.stdout)")
            #expect(moved.stdout.contains("overrides  moved"), "\(moved.stdout)")
            #expect(moved.stdout.contains("ledger     \(rows) rows (\(rows) new), \(input) input + \(output) output tokens"),
                    "\(moved.stdout)")
            let sums = try value(cluster, """
                SELECT count(*) || ' ' || sum(input_tokens) || ' ' || sum(output_tokens) || ' ' || count(DISTINCT request_id)
                FROM switchyard_ledger WHERE replica = 'single'
                """, database)
            #expect(sums == "\(rows) \(input) \(output) \(rows)")
            let dollars = Double(try value(cluster, "SELECT sum(cost) FROM switchyard_ledger", database)) ?? -1
            #expect(abs(dollars - cost) < 1e-9, "shared \(dollars), single gateway \(cost)")
            #expect(try value(cluster, "SELECT count(*) FROM switchyard_audit WHERE replica = 'single'", database) != "0")

            // Again: nothing twice.
            let again = try await Spawn.run([binary, "migrate", "--from-sqlite", state, "--database-url", databaseURL,
                                             "--replica", "single"])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("(0 new)"), "\(again.stdout)")
            #expect(try value(cluster, "SELECT count(*) FROM switchyard_ledger", database) == "\(rows)")

            // A replica on the database takes the keys, the override and the ledger over.
            let replicaSocket = dir.appendingPathComponent("r1.sock").path
            let replica = try await serve(file, state: state, socket: replicaSocket, database: databaseURL, replica: "r1")
            defer { replica.process.stop() }
            let after = ChargedLoad(url: replica.url, secret: second, clients: 1, prefix: "after")
            try await run(after, answers: 3)
            #expect(after.received.failures == 0)
            let providers = try await ctlOK(replicaSocket, ["providers", "--json"])
            let list = try JSONSerialization.jsonObject(with: Data(providers.utf8)) as? [[String: Any]] ?? []
            #expect(list.first { $0["name"] as? String == "backup" }?["enabled"] as? Bool == false)
            let served = after.received.answeredCosts.count
            // The fleet's total: the moved rows and the replica's own (a request cut off by the load's end may add one).
            #expect(try await eventually(within: 10) {
                let report = try await spend(replicaSocket)
                let requests = (report["total"] as? [String: Any])?["requests"] as? Int ?? 0
                return (rows + served...rows + served + 1).contains(requests)
                    && (report["shared"] as? [String: Any])?["pending_rows"] as? Int == 0
            })
            let byReplica = try await ctlOK(replicaSocket, ["spend", "--by", "replica", "--since", "1d"])
            #expect(byReplica.contains("fleet ledger (2 replicas)"), "\(byReplica)")
            #expect(byReplica.contains("Replica r1: every ledger row shipped."), "\(byReplica)")
        }

        @Test func aReplicaKilledMidLoadReconcilesWithWhatClientsWereCharged() async throws {
            defer { try? FileManager.default.removeItem(at: dir) }
            let cluster = try PostgresTestCluster.shared()
            let (database, databaseURL) = try cluster.createDatabase(prefix: "kill")
            let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--ttft", "5ms", "--tps", "5000"])
            defer { sim.stop() }
            let file = try config(simURL: try await sim.waitFor(#"listening on (http://[0-9.:]+)"#))
            let state = dir.appendingPathComponent("state").path
            let socket = dir.appendingPathComponent("k.sock").path
            let first = try await serve(file, state: state, socket: socket, database: databaseURL, replica: "k")
            let secret = try await mint(socket, ["--name", "load"])

            let load = ChargedLoad(url: first.url, secret: secret, clients: 8, prefix: "kill")
            let task = load.start()
            try await load.waitForAnswers(200)
            kill(first.process.process.processIdentifier, SIGKILL)
            _ = try await first.process.wait(timeout: 10)
            task.cancel()
            await task.value
            let answered = load.received.answeredCosts
            #expect(answered.count >= 200)

            // Restarted under the same name, it ships what it journaled before dying; nothing twice.
            let second = try await serve(file, state: state, socket: socket, database: databaseURL, replica: "k")
            defer { second.process.stop() }
            #expect(try await eventually(within: 15) {
                (try await spend(socket)["shared"] as? [String: Any])?["pending_rows"] as? Int == 0
            })
            let dump = try cluster.psql("SELECT request_id, cost FROM switchyard_ledger WHERE status = 200", database: database)
            var ledger: [String: Double] = [:]
            var duplicates = 0
            for line in dump.split(separator: "\n") {
                let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let cost = Double(parts[1]) else { continue }
                if ledger.updateValue(cost, forKey: parts[0]) != nil { duplicates += 1 }
            }
            #expect(duplicates == 0)
            for (id, cost) in answered {
                #expect(ledger[id] == cost, "request \(id): charged \(cost), shared ledger has \(String(describing: ledger[id]))")
            }
            // Rows nobody received were in flight when the replica died: at most one per client.
            let extra = Set(ledger.keys).subtracting(answered.keys)
            #expect(extra.count <= load.clients, "rows nobody received: \(extra.count)")
            #expect(extra.isSubset(of: load.received.sentIDs))
            #expect(try value(cluster, "SELECT count(*) - count(DISTINCT local_id) FROM switchyard_ledger", database) == "0")
        }

        @Test func rowsJournaledWhileTheDatabaseIsAwayAndRestartsArriveAfterwards() async throws {
            defer { try? FileManager.default.removeItem(at: dir) }
            // A cluster of its own: this test restarts it.
            let cluster = try PostgresTestCluster()
            defer { cluster.stop() }
            let (database, databaseURL) = try cluster.createDatabase(prefix: "restart")
            let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--ttft", "5ms", "--tps", "5000"])
            defer { sim.stop() }
            let file = try config(simURL: try await sim.waitFor(#"listening on (http://[0-9.:]+)"#))
            let socket = dir.appendingPathComponent("p.sock").path
            let replica = try await serve(file, state: dir.appendingPathComponent("state").path, socket: socket,
                                          database: databaseURL, replica: "p")
            defer { replica.process.stop() }
            let secret = try await mint(socket, ["--name", "load"])

            let load = ChargedLoad(url: replica.url, secret: secret, clients: 4, prefix: "pg")
            let task = load.start()
            try await load.waitForAnswers(50)
            // The database refuses this replica for a while (its connections cut, new ones refused), then restarts.
            try cluster.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS false", database: "postgres")
            try cluster.psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)'",
                             database: "postgres")
            #expect(try await eventually(within: 10) { replica.process.text.contains("cannot ship ledger rows") })
            try await load.waitForAnswers(load.received.answeredCosts.count + 40)
            try cluster.restart()
            try cluster.psql("ALTER DATABASE \(database) ALLOW_CONNECTIONS true", database: "postgres")
            try await load.waitForAnswers(load.received.answeredCosts.count + 20)
            task.cancel()
            await task.value
            // The data plane never needed the database: no client saw a failure.
            #expect(load.received.failures == 0)
            let answered = load.received.answeredCosts
            #expect(try await eventually(within: 20) {
                (try await spend(socket)["shared"] as? [String: Any])?["pending_rows"] as? Int == 0
            })
            let ids = try cluster.psql("SELECT request_id FROM switchyard_ledger", database: database)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(Set(ids).isSuperset(of: answered.keys), "missing: \(Set(answered.keys).subtracting(ids).sorted())")
            #expect(Set(ids).count == ids.count, "a request id twice")
            // Beyond what clients received: only requests cut off when the load stopped, at most one per client.
            #expect(ids.count - answered.count <= load.clients)
            // Losing the database and getting it back are each said once.
            let text = replica.process.text
            #expect(text.components(separatedBy: "cannot ship ledger rows").count - 1 == 1, "\(text)")
            #expect(text.components(separatedBy: "shipping ledger rows to").count - 1 == 1, "\(text)")
        }
    }
}

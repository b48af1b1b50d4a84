import AsyncHTTPClient
import Foundation
import NIOCore
import SwitchyardTestSupport
import Testing

extension SerialEndToEnd {
    /// Three `serve` replicas sharing one global budget through PostgreSQL leases, in front of one `switchyard sim`:
    /// the fleet spends no more than the limit plus the estimation error, where three replicas each minding the
    /// budget alone spend it three times; a PostgreSQL restart under load shows clients nothing beyond the
    /// database-down policy; and two replicas split a key's requests per minute.
    @Suite struct BudgetLeaseEndToEndTests {
        /// $1,000 per million output tokens and nothing for input: a request with max_tokens 20 is estimated at
        /// exactly $0.02 (the gateway's worst case) and charged $0.001 per token it really produced.
        static let estimate = 0.02

        /// A `switchyard sim` on a free port and a config in `dir` sending to it, with one global daily `limit`.
        private func simAndConfig(limit: Double, in dir: URL) async throws -> (sim: ManagedProcess, config: URL) {
            let sim = try ManagedProcess(try BuiltProduct.switchyard(), ["sim", "--listen", "127.0.0.1:0"])
            let simURL = try await sim.waitFor(#"listening on (http://[0-9.:]+)"#)
            let file = dir.appendingPathComponent("gateway.yaml")
            try """
                listen: 127.0.0.1:0
                governance: { auth: open }
                state: { on_database_down: fail_closed }
                budgets:
                  - { scope: global, limit: \(limit), period: daily }
                providers:
                  - { name: primary, kind: openai-compatible, base_url: "\(simURL)/v1" }
                models:
                  - name: chat
                    deployments:
                      - { provider: primary, model: gpt-4o, price: { input: 0, output: 1000 } }
                """.write(to: file, atomically: true, encoding: .utf8)
            return (sim, file)
        }

        private func replica(_ name: String, config: URL, database: String?, in dir: URL) async throws -> (ManagedProcess, String) {
            var arguments = [
                "serve", "--config", config.path, "--listen", "127.0.0.1:0", "--replica", name,
                "--control-socket", dir.appendingPathComponent("\(name).sock").path, "--access-log", "off",
            ]
            if let database {
                arguments += ["--database-url", database, "--state-dir", dir.appendingPathComponent("state").path]
            } else {
                arguments += ["--state-dir", dir.appendingPathComponent("state-\(name)").path]
            }
            let process = try ManagedProcess(try BuiltProduct.switchyard(), arguments)
            return (process, try await process.waitFor(#"serving on (http://[0-9.:]+)"#))
        }

        /// A simulator and the replicas `names` sharing `database`, under one global daily `limit`.
        private func startFleet(_ names: [String], limit: Double, database: String, in dir: URL) async throws
            -> (sim: ManagedProcess, replicas: [(ManagedProcess, String)]) {
            let (sim, file) = try await simAndConfig(limit: limit, in: dir)
            var replicas: [(ManagedProcess, String)] = []
            for name in names { replicas.append(try await replica(name, config: file, database: database, in: dir)) }
            return (sim, replicas)
        }

        /// One answer: status, the cost charged, and the error code and message when refused.
        struct Answer: Sendable {
            var status: UInt
            var cost: Double
            var rpm: Int?
            var code: String?
            var message: String?
        }

        private func chat(_ url: String, secret: String? = nil) async throws -> Answer {
            var request = HTTPClientRequest(url: url + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            if let secret { request.headers.add(name: "authorization", value: "Bearer \(secret)") }
            request.body = .bytes(ByteBuffer(string:
                #"{"model":"chat","max_tokens":20,"messages":[{"role":"user","content":"tell me a story"}]}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 1 << 20)
            let cost = response.headers.first(name: "x-switchyard-cost").flatMap(Double.init) ?? 0
            var answer = Answer(status: response.status.code, cost: cost,
                                rpm: response.headers.first(name: "x-ratelimit-limit-requests").flatMap { Int($0) })
            if response.status.code != 200,
               let json = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
               let error = json["error"] as? [String: Any] {
                answer.code = error["code"] as? String
                answer.message = error["message"] as? String
            }
            return answer
        }

        /// `workers` clients per replica, each sending until five refusals in a row or `attempts` requests.
        private func load(_ urls: [String], workers: Int, attempts: Int) async throws -> [[Answer]] {
            try await withThrowingTaskGroup(of: (Int, [Answer]).self) { group in
                for (r, url) in urls.enumerated() {
                    for _ in 0..<workers {
                        group.addTask {
                            var answers: [Answer] = []
                            var refusedInARow = 0
                            while answers.count < attempts, refusedInARow < 5 {
                                let answer = try await chat(url)
                                answers.append(answer)
                                refusedInARow = answer.status == 200 ? 0 : refusedInARow + 1
                                if answer.status != 200 { try await Task.sleep(nanoseconds: 100_000_000) }
                            }
                            return (r, answers)
                        }
                    }
                }
                var byReplica = [[Answer]](repeating: [], count: urls.count)
                for try await (r, answers) in group { byReplica[r] += answers }
                return byReplica
            }
        }

        /// Σ max(0, actual − estimate): what a budget may overshoot by, on one replica as on a fleet.
        private func estimationError(_ answers: [Answer]) -> Double {
            answers.filter { $0.status == 200 }.reduce(0) { $0 + max(0, $1.cost - Self.estimate) }
        }

        @Test func aSharedBudgetHoldsAcrossThreeReplicas() async throws {
            let cluster = try PostgresTestCluster.shared()
            let (database, databaseURL) = try cluster.createDatabase(prefix: "leases_e2e")
            let dir = try TestPaths.scratch("budget-leases")
            defer { try? FileManager.default.removeItem(at: dir) }
            let limit = 0.6
            let (sim, file) = try await simAndConfig(limit: limit, in: dir)
            defer { sim.stop() }

            // Without a database, each replica minds the budget alone: the same load spends it about three times.
            var alone: [(ManagedProcess, String)] = []
            for name in ["x", "y", "z"] { alone.append(try await replica(name, config: file, database: nil, in: dir)) }
            let unshared = try await load(alone.map { $0.1 }, workers: 6, attempts: 30).flatMap { $0 }
            for (process, _) in alone { await process.terminate() }
            let unsharedSpent = unshared.filter { $0.status == 200 }.reduce(0) { $0 + $1.cost }
            #expect(unsharedSpent > limit + estimationError(unshared) + 2 * Self.estimate,
                    "three lone replicas spent \(unsharedSpent) of \(limit)")

            // With leases from the shared database, the fleet stays within the limit plus the estimation error.
            var fleet: [(ManagedProcess, String)] = []
            for name in ["a", "b", "c"] {
                fleet.append(try await replica(name, config: file, database: databaseURL, in: dir))
            }
            let byReplica = try await load(fleet.map { $0.1 }, workers: 6, attempts: 30)
            let answers = byReplica.flatMap { $0 }
            let spent = answers.filter { $0.status == 200 }.reduce(0) { $0 + $1.cost }
            let bound = limit + estimationError(answers)
            #expect(spent <= bound + 1e-9, "the fleet spent \(spent), bound \(bound)")
            // The budget was used, not stranded in idle leases; every replica served and was refused.
            #expect(spent >= limit * 0.6, "the fleet spent only \(spent) of \(limit)")
            for (r, answers) in byReplica.enumerated() {
                #expect(answers.contains { $0.status == 200 }, "replica \(r) served nothing")
                #expect(answers.allSatisfy { $0.status == 200 || $0.status == 429 }, "\(answers.map(\.status))")
            }

            // Stopped gracefully, every replica reports its final spend and gives its lease back.
            for (process, _) in fleet { await process.terminate() }
            let recorded = try cluster.psql(
                "SELECT round(sum(spent)::numeric, 6), round(sum(lease)::numeric, 6) FROM switchyard_budget_leases",
                database: database)
            let columns = recorded.split(separator: "|").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(columns.count == 2, "\(recorded)")
            #expect(abs((columns.first.flatMap { $0 } ?? -1) - spent) < 1e-5, "recorded \(recorded), charged \(spent)")
            #expect(columns.last.flatMap { $0 } == 0, "\(recorded)")
        }

        @Test func aDatabaseRestartUnderLoadShowsClientsOnlyThePolicy() async throws {
            // A cluster of its own: this test restarts it.
            let cluster = try PostgresTestCluster()
            defer { cluster.stop() }
            let (database, databaseURL) = try cluster.createDatabase(prefix: "leases_restart")
            let dir = try TestPaths.scratch("budget-leases-restart")
            defer { try? FileManager.default.removeItem(at: dir) }
            let (sim, fleet) = try await startFleet(["a", "b"], limit: 100, database: databaseURL, in: dir)
            defer { sim.stop(); for (process, _) in fleet { process.stop() } }

            // Clients on both replicas for six seconds; PostgreSQL restarts one second in.
            let urls = fleet.map { $0.1 }
            let deadline = Date().addingTimeInterval(6)
            let clients = Task {
                try await withThrowingTaskGroup(of: [Answer].self) { group in
                    for url in urls {
                        for _ in 0..<4 {
                            group.addTask {
                                var answers: [Answer] = []
                                while Date() < deadline { answers.append(try await chat(url)) }
                                return answers
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
            }
            try await Task.sleep(nanoseconds: 1_000_000_000)
            try cluster.restart()
            let seen = try await clients.value
            try await Task.sleep(nanoseconds: 2_000_000_000)

            #expect(seen.count > 50)
            // fail_closed: a request is answered, or refused with the documented 503 when no lease covers it.
            for answer in seen where answer.status != 200 {
                #expect(answer.status == 503, "\(answer)")
                #expect(answer.code == "budget_store_unavailable", "\(answer)")
                #expect(answer.message?.hasPrefix("budget store unreachable") == true, "\(answer)")
            }
            // Leasing resumed: both replicas renewed their leases since the restart.
            let live = try cluster.psql(
                "SELECT count(DISTINCT replica) FROM switchyard_budget_leases WHERE expires_at > now() + interval '12 seconds'",
                database: database)
            #expect(live.trimmingCharacters(in: .whitespacesAndNewlines) == "2", "\(live)")
            // The log says so once each way, not per request.
            for (process, _) in fleet {
                let lost = process.text.components(separatedBy: " is unreachable: ").count - 1
                let back = process.text.components(separatedBy: " is reachable again; leasing resumed").count - 1
                #expect(lost == back && back <= 1, "\(process.text)")
                #expect(process.process.isRunning)
            }
        }

        @Test func aReplicaSaysWhileItsDatabaseIsDown() async throws {
            // A cluster of its own: this test stops it.
            let cluster = try PostgresTestCluster()
            defer { cluster.stop() }
            let databaseURL = try cluster.createDatabase(prefix: "leases_down").url
            let dir = try TestPaths.scratch("budget-leases-down")
            defer { try? FileManager.default.removeItem(at: dir) }
            let (sim, fleet) = try await startFleet(["a"], limit: 100, database: databaseURL, in: dir)
            defer { sim.stop(); for (process, _) in fleet { process.stop() } }
            let binary = try BuiltProduct.switchyard()
            let socket = dir.appendingPathComponent("a.sock").path
            func status(until wanted: String) async throws -> String {
                var output = ""
                for _ in 0..<100 where !output.contains(wanted) {
                    output = try await ctl(binary, socket, ["status"]).output
                    if !output.contains(wanted) { try await Task.sleep(nanoseconds: 100_000_000) }
                }
                return output
            }
            #expect(try await status(until: "shared database: reachable").contains("shared database: reachable"))
            try cluster.halt()
            let down = try await status(until: "UNREACHABLE")
            #expect(down.contains("shared database: UNREACHABLE for "), "\(down)")
            #expect(down.contains("budgets on leases") || down.contains("budgets fail_closed past leases"), "\(down)")
            try cluster.resume()
            let back = try await status(until: "shared database: reachable")
            #expect(back.contains("shared database: reachable"), "\(back)")
        }

        @Test func twoReplicasSplitAKeysRequestsPerMinute() async throws {
            let cluster = try PostgresTestCluster.shared()
            let databaseURL = try cluster.createDatabase(prefix: "lease_rpm").url
            let dir = try TestPaths.scratch("budget-leases-rpm")
            defer { try? FileManager.default.removeItem(at: dir) }
            let (sim, fleet) = try await startFleet(["a", "b"], limit: 100, database: databaseURL, in: dir)
            defer { sim.stop(); for (process, _) in fleet { process.stop() } }
            let socket = dir.appendingPathComponent("a.sock").path
            func mint(_ name: String, rpm: Int) async throws -> String {
                let created = try await ctl(try BuiltProduct.switchyard(), socket, ["keys", "create", "--name", name, "--rpm", "\(rpm)"])
                #expect(created.status == 0, "\(created.output)")
                let line = created.output.range(of: #"Secret: (\S+)"#, options: .regularExpression).map { String(created.output[$0]) }
                return String((line ?? "").dropFirst("Secret: ".count))
            }
            // Once both replicas see each other (and both keys), each enforces half of a limit, shown in its
            // x-ratelimit headers.
            let tight = try await mint("tight", rpm: 6)
            let probe = try await mint("probe", rpm: 1000)
            let deadline = Date().addingTimeInterval(10)
            var shares: [Int?] = []
            repeat {
                shares = []
                for (_, url) in fleet { shares.append(try await chat(url, secret: probe).rpm) }
                if shares == [500, 500] { break }
                try await Task.sleep(nanoseconds: 100_000_000)
            } while Date() < deadline
            #expect(shares == [500, 500])

            // A key of 6 requests a minute gets 3 on each replica: 6 across the fleet, not 6 on each.
            var served = 0
            for (_, url) in fleet {
                var statuses: [UInt] = []
                for _ in 0..<5 { statuses.append(try await chat(url, secret: tight).status) }
                #expect(statuses == [200, 200, 200, 429, 429], "\(statuses)")
                served += statuses.filter { $0 == 200 }.count
            }
            #expect(served == 6)
        }
    }
}

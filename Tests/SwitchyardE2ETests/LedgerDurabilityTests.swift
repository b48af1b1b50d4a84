import AsyncHTTPClient
import Foundation
import SwitchyardTestSupport
import Testing

extension SerialEndToEnd {
    /// The spend ledger survives `kill -9` under load: after a restart, every response a client received in full is
    /// in the ledger with the cost the gateway reported for it, anything else the ledger holds was in flight when the
    /// gateway died, and the budgets rebuilt from the ledger show the same spend.
    @Suite(.serialized) struct LedgerDurabilityTests {
        static let clients = 16

        @Test func ledgerMatchesWhatClientsReceivedAfterSIGKILL() async throws {
            let binary = try BuiltProduct.switchyard()
            let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", "upstream", "--ttft", "5ms", "--tps", "5000"])
            let simURL = try await sim.waitFor(#"listening on (http://[0-9.:]+)"#)
            let dir = try TestPaths.scratch("ledger")
            defer { try? FileManager.default.removeItem(at: dir) }
            let config = dir.appendingPathComponent("gateway.yaml")
            try """
                listen: 127.0.0.1:0
                governance: { auth: keys }
                providers:
                  - { name: upstream, kind: openai-compatible, base_url: "\(simURL)/v1" }
                models:
                  - name: chat
                    deployments:
                      - { provider: upstream, model: gpt-4o, price: { input: 2.5, output: 10 } }
                """.write(to: config, atomically: true, encoding: .utf8)
            let socket = dir.appendingPathComponent("ctl.sock").path
            let state = dir.appendingPathComponent("state").path
            let arguments = ["serve", "--config", config.path, "--control-socket", socket, "--state-dir", state]

            let first = try ManagedProcess(binary, arguments)
            let firstURL = try await first.waitFor(#"serving on (http://[0-9.:]+)"#)
            let created = try ManagedProcess(binary, [
                "ctl", "keys", "create", "--name", "load", "--budget", "1000", "--period", "total", "--socket", socket,
            ])
            #expect(try await created.wait(timeout: 30) == 0, "ctl keys create: \(created.text)")
            let secret = try await created.waitFor(#"(sk-sy-[A-Za-z0-9]+)"#)

            // Load until the gateway is killed mid-flight: once enough answers are in (however slow the machine),
            // while requests are in flight.
            let charged = ChargedLoad(url: firstURL, secret: secret, clients: Self.clients, prefix: "dur")
            let received = charged.received
            let load = charged.start()
            try await charged.waitForAnswers(300)
            kill(first.process.processIdentifier, SIGKILL)
            _ = try await first.wait(timeout: 10)
            load.cancel()
            await load.value

            let answered = received.answeredCosts
            #expect(answered.count > 50, "only \(answered.count) requests answered before the kill")

            // What the file says, read by SQLite itself.
            let database = state + "/switchyard.db"
            let dump = try await Spawn.run(["sqlite3", "-separator", " ", database,
                                      "select request_id, cost from ledger where status = 200"])
            #expect(dump.status == 0, "sqlite3: \(dump.stderr)")
            var ledger: [String: Double] = [:]
            for line in dump.stdout.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, let cost = Double(parts[1]) { ledger[String(parts[0])] = cost }
            }
            for (id, cost) in answered {
                let stored: Double? = ledger[id]
                #expect(stored == cost, "request \(id): client got cost \(cost), ledger has \(String(describing: stored))")
            }
            // Rows without a received answer were in flight when the gateway died: at most one per client.
            let extra = Set(ledger.keys).subtracting(answered.keys)
            #expect(extra.count <= Self.clients, "ledger rows nobody received: \(extra.count)")
            #expect(extra.isSubset(of: received.sentIDs), "ledger rows for requests never sent: \(extra.subtracting(received.sentIDs))")
            let clientTotal = answered.values.reduce(0, +)
            let ledgerTotal = ledger.values.reduce(0, +)
            let inFlight = extra.reduce(0.0) { $0 + (ledger[$1] ?? 0) }
            #expect(abs(ledgerTotal - inFlight - clientTotal) < 1e-9, "ledger \(ledgerTotal) − in flight \(inFlight) ≠ received \(clientTotal)")

            // Restarted, the gateway's budgets are rebuilt from the ledger.
            let second = try ManagedProcess(binary, arguments)
            _ = try await second.waitFor(#"serving on (http://[0-9.:]+)"#)
            let budgets = try ManagedProcess(binary, ["ctl", "budgets", "list", "--json", "--socket", socket])
            #expect(try await budgets.wait(timeout: 30) == 0, "ctl budgets list: \(budgets.text)")
            let list = try JSONSerialization.jsonObject(with: Data(budgets.text.utf8)) as? [[String: Any]] ?? []
            let keyBudget = list.first { ($0["scope"] as? [String: Any])?["key"] != nil }
            let spent = keyBudget?["spent"] as? Double ?? -1
            #expect(abs(spent - ledgerTotal) < 1e-9, "restarted key budget spent \(spent), ledger total \(ledgerTotal): \(budgets.text)")
            second.stop()
        }
    }
}

import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardGovernance

/// What governance adds per request: key check (SHA-256 + lookup), admission (permissions, RPM/TPM, every budget
/// in the chain, reservation) and settlement — alone, and inside the engine next to the same engine without it.
struct AdmissionBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admission",
        abstract: "Governance cost per request: authenticate + admit + settle, and the engine with vs without it."
    )

    @OptionGroup var suite: SuiteOptions

    func run() async throws {
        let requests = suite.smoke ? 2_000 : 200_000
        let keyCount = 1_000
        let catalog = SyntheticCatalog.make(deployments: 12)
        let models = catalog.models.map(\.name)
        let teams = (0..<20).map { TeamSpec(name: "team-\($0)", limits: RateLimits(rpm: 1_000_000_000, tpm: 1_000_000_000_000)) }
        var budgets = [BudgetSpec(scope: .global, limit: 1e12, period: .monthly)]
        budgets += teams.map { BudgetSpec(scope: .team($0.name), limit: 1e9, period: .daily) }
        budgets += models.map { BudgetSpec(scope: .model($0), limit: 1e9, period: .daily) }
        var secrets: [String] = []
        var keys: [VirtualKeyRecord] = []
        for i in 0..<keyCount {
            let minted = KeyMint.generate()
            secrets.append("Bearer " + minted.secret)
            keys.append(VirtualKeyRecord(
                name: "key-\(i)", hash: minted.hash, prefix: minted.prefix, team: "team-\(i % teams.count)",
                limits: RateLimits(rpm: 1_000_000_000, tpm: 1_000_000_000_000), createdAt: 0))
            budgets.append(BudgetSpec(scope: .key("key-\(i)"), limit: 1e9, period: .weekly))
        }
        let now = Date().timeIntervalSince1970
        let governor = try Governor(policy: GovernancePolicy(auth: .keys), teams: teams, keys: keys, budgets: budgets, now: now)

        // 1. The governor alone.
        let alone = Stopwatch()
        var admitted = 0
        for i in 0..<requests {
            let t = now + Double(i) * 1e-4
            guard case .success(let who) = governor.authenticate(authorization: secrets[i % keyCount], apiKey: nil, now: t)
            else { throw ValidationError("a valid key was refused") }
            let request = GatewayRequest(id: "r\(i)", model: models[i % models.count], key: who.key, team: who.team,
                                         inputTokens: 500, maxOutputTokens: 256)
            guard case .admitted(let ticket) = governor.admit(request, estimatedCost: 0.003, now: t)
            else { throw ValidationError("request \(i) was not admitted") }
            governor.settle(ticket, charge: SettledCharge(cost: 0.002, inputTokens: 500, outputTokens: 120), now: t)
            admitted += 1
        }
        let perAlone = alone.seconds / Double(requests) * 1e9

        // 2. The engine with an instant upstream, without and with governance.
        func engineCost(admission: (any AdmissionControl)?) async throws -> Double {
            let engine = try GatewayEngine(catalog: catalog, transport: InstantTransport(failureEvery: 0),
                                           clock: NoWaitClock(), admission: admission)
            func request(_ i: Int) -> GatewayRequest {
                GatewayRequest(id: "e\(i)", model: models[i % models.count], key: "key-\(i % keyCount)",
                               team: "team-\(i % keyCount % teams.count)", inputTokens: 500, maxOutputTokens: 256)
            }
            for i in 0..<min(requests, 1_000) { _ = await engine.handle(request(i)) }
            let watch = Stopwatch()
            for i in 0..<requests { _ = await engine.handle(request(i)) }
            return watch.seconds / Double(requests) * 1e9
        }
        let bare = try await engineCost(admission: nil)
        let governed = try await engineCost(admission: governor)

        var table = ResultTable(header: ["measure", "ns/request"])
        table.rows.append(["authenticate + admit + settle (1k keys, \(budgets.count) budgets)", fmt(perAlone)])
        table.rows.append(["engine, no governance", fmt(bare)])
        table.rows.append(["engine, with governance", fmt(governed)])
        table.rows.append(["added by governance in the engine", fmt(governed - bare)])
        print("admission: \(admitted) requests, each checked against its key, team, model and the global budget\n")
        print(table.render())
    }

    private func fmt(_ v: Double) -> String { v >= 100 ? String(Int(v.rounded())) : String(format: "%.1f", v) }
}

import Synchronization
import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

/// The real governor inside the real engine: a request that was retried and fell back is charged once, for the
/// attempt that answered, on every budget of its chain — and the ledger gets that same figure.
@Suite struct EngineChargingTests {
    /// `gpt/primary` always answers 503; `gpt/backup` and `claude/anthropic` answer with fixed usage.
    final class FailingPrimary: UpstreamTransport {
        let calls = Mutex<[String]>([])

        func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
            calls.withLock { $0.append(call.deployment.id) }
            if call.deployment.provider == "primary" {
                return .failure(UpstreamFailure(errorClass: .server, status: 503, message: "upstream 503"))
            }
            return .success(UpstreamSuccess(inputTokens: 1_000, outputTokens: 500))
        }
    }

    final class Ledger: LedgerSink {
        let entries = Mutex<[LedgerEntry]>([])
        func append(_ entry: LedgerEntry) async throws { entries.withLock { $0.append(entry) } }
    }

    static let catalog = Catalog(
        providers: [ProviderSpec(name: "primary", kind: .openai), ProviderSpec(name: "backup", kind: .openai)],
        deployments: [
            DeploymentSpec(id: "gpt/primary", model: "gpt", provider: "primary", upstreamModel: "gpt-4o",
                           priority: 0, price: Price(inputPerMTok: 2.5, outputPerMTok: 10)),
            DeploymentSpec(id: "gpt/backup", model: "gpt", provider: "backup", upstreamModel: "gpt-4o",
                           priority: 1, price: Price(inputPerMTok: 2, outputPerMTok: 8)),
        ],
        models: [ModelGroupSpec(name: "gpt", strategy: .priority, deployments: ["gpt/primary", "gpt/backup"])])

    @Test func retriedAndFailedOverRequestIsChargedOnceForTheAnsweringAttempt() async throws {
        let clock = ManualClock(start: noon)
        let governor = try Governor(
            policy: GovernancePolicy(auth: .open),
            budgets: [BudgetSpec(scope: .global, limit: 100, period: .daily),
                      BudgetSpec(scope: .team("team-a"), limit: 100, period: .daily),
                      BudgetSpec(scope: .key("team-a/ci"), limit: 100, period: .daily),
                      BudgetSpec(scope: .model("gpt"), limit: 100, period: .daily)],
            now: noon)
        let ledger = Ledger()
        let transport = FailingPrimary()
        let engine = try GatewayEngine(catalog: Self.catalog, transport: transport, clock: clock,
                                       admission: governor, ledger: ledger)
        let response = await engine.handle(GatewayRequest(
            id: "r1", model: "gpt", key: "team-a/ci", team: "team-a", inputTokens: 1_000, maxOutputTokens: 500))

        let calls = transport.calls.withLock { $0 }
        #expect(calls.filter { $0 == "gpt/primary" }.count >= 2, "the primary was retried: \(calls)")
        #expect(calls.last == "gpt/backup")
        let expected = Price(inputPerMTok: 2, outputPerMTok: 8).cost(inputTokens: 1_000, outputTokens: 500)
        #expect(abs(response.cost - expected) < 1e-12)
        for budget in governor.budgetSnapshots(now: clock.now()) {
            #expect(abs(budget.spent - expected) < 1e-12, "\(budget.scope.label) spent \(budget.spent), expected \(expected)")
            #expect(budget.reserved == 0, "\(budget.scope.label) still holds \(budget.reserved)")
        }
        let rows = ledger.entries.withLock { $0 }
        #expect(rows.count == 1)
        #expect(rows.first?.deployment == "gpt/backup")
        #expect(abs((rows.first?.cost ?? 0) - expected) < 1e-12)
        #expect(governor.inFlightCount == 0)
    }
}

import Synchronization
import Testing
@testable import SwitchyardCore

/// Reloading the catalog: slots are kept and appended, never reused for something else; what is gone leaves every
/// listing and lookup; health, metrics and overrides of what stays carry over; requests in flight finish.
@Suite struct CatalogReloadTests {
    /// The fixture without "claude" (and its anthropic provider) and with a new "mini" group on openai.
    static func reshaped() -> Catalog {
        var catalog = fixtureCatalog()
        catalog.providers.removeAll { $0.name == "anthropic" }
        catalog.deployments.removeAll { $0.model == "claude" }
        catalog.deployments.append(DeploymentSpec(id: "mini/openai", model: "mini", provider: "openai",
                                                  upstreamModel: "gpt-4o-mini", price: Price(inputPerMTok: 0.15, outputPerMTok: 0.6)))
        catalog.models = [
            ModelGroupSpec(name: "gpt", strategy: .weighted, deployments: ["gpt/openai", "gpt/azure"], fallbacks: ["mini"]),
            ModelGroupSpec(name: "mini", strategy: .weighted, deployments: ["mini/openai"]),
        ]
        return catalog
    }

    @Test func slotsAreKeptAppendedAndReusedByName() {
        let first = CatalogIndex(catalog: fixtureCatalog())
        let second = first.reloaded(with: Self.reshaped())
        // claude keeps slot 1 (retired), mini is appended as slot 2; deployments likewise.
        #expect(second.catalog.models.map(\.name) == ["gpt", "claude", "mini"])
        #expect(second.liveGroups == [0, 2])
        #expect(second.groupByName == ["gpt": 0, "mini": 2])
        #expect(second.catalog.deployments.map(\.id) == ["gpt/openai", "gpt/azure", "claude/anthropic", "mini/openai"])
        #expect(second.liveDeployments == [0, 1, 3])
        #expect(second.deploymentByID["claude/anthropic"] == nil)
        #expect(second.providerByName["anthropic"] == nil && second.liveProviders == [0, 1])
        #expect(second.live == Self.reshaped())
        // The live group falls back over live names; the retired one keeps its members for requests in flight.
        #expect(second.chains[0] == [0, 2])
        #expect(second.groupDeployments[1] == [2])
        // Back again: the old slot, not a new one.
        let third = second.reloaded(with: fixtureCatalog())
        #expect(third.catalog.models.map(\.name) == ["gpt", "claude", "mini"])
        #expect(third.liveGroups == [0, 1] && third.liveDeployments == [0, 1, 2])
        #expect(third.groupByName["claude"] == 1 && third.groupByName["mini"] == nil)
    }

    @Test func newModelsServeGoneOnesAreUnknownAndListingsFollow() async throws {
        let h = try Harness()
        #expect(await h.send("claude").servedBy?.id == "claude/anthropic")
        await h.send("gpt")
        let change = try h.engine.reload(Self.reshaped(), actor: "ctl:alice")
        #expect(change.addedModels == ["mini"] && change.removedModels == ["claude"])
        #expect(change.removedProviders == ["anthropic"] && change.addedDeployments == ["mini/openai"])
        #expect(change.changedModels == ["gpt"])
        #expect(change.summary == "models +mini -claude ~gpt; providers -anthropic; deployments +mini/openai -claude/anthropic")

        #expect(await h.send("mini").servedBy?.id == "mini/openai")
        let gone = await h.send("claude")
        guard case .failure(let error) = gone.result else { Issue.record("claude still served"); return }
        #expect(error.status == 404)
        #expect(h.engine.catalog == Self.reshaped())

        let snapshot = h.engine.snapshot(info: h.info)
        #expect(snapshot.models.map(\.name) == ["gpt", "mini"])
        #expect(snapshot.deployments.map(\.id) == ["gpt/openai", "gpt/azure", "mini/openai"])
        #expect(snapshot.providers.map(\.name) == ["openai", "azure"])
        // What stayed keeps its history (the unknown model is refused before it counts as a request).
        #expect(snapshot.totals.totalRequests == 3)
        let metrics = h.engine.metricsSnapshot()
        #expect(metrics.models.map(\.name) == ["gpt", "mini"])
        #expect(metrics.deployments.map(\.id) == ["gpt/openai", "gpt/azure", "mini/openai"])
        #expect(metrics.model("gpt")?.requests == [StatusCount(code: 200, count: 1)])
        #expect(metrics.unknownModelRequests == [StatusCount(code: 404, count: 1)])
        #expect(h.engine.unavailableModels().isEmpty)
    }

    @Test func overridesOnWhatStaysAreKeptAndTheRestDroppedAndAudited() throws {
        let h = try Harness()
        #expect(h.engine.apply(.setWeight(deployment: "gpt/openai", weight: 7), actor: "tui:alice").ok)
        #expect(h.engine.apply(.disableDeployment("gpt/azure"), actor: "tui:alice").ok)
        #expect(h.engine.apply(.disableProvider("anthropic"), actor: "tui:alice").ok)
        let changes = Mutex<[ControlChange]>([])
        h.engine.onControlChange { change in changes.withLock { $0.append(change) } }

        let change = try h.engine.reload(Self.reshaped(), actor: "signal:SIGHUP")
        #expect(change.droppedOverrides == ["provider anthropic disabled"])
        let snapshot = h.engine.snapshot(info: h.info)
        #expect(snapshot.deployments.first { $0.id == "gpt/openai" }?.weight == 7)
        #expect(snapshot.deployments.first { $0.id == "gpt/azure" }?.enabled == false)
        #expect(!snapshot.canUndo)
        let record = try #require(snapshot.audit.last)
        #expect(record.action == "reload" && record.actor == "signal:SIGHUP")
        #expect(record.after.hasSuffix("dropped overrides: provider anthropic disabled"))
        // Observers persist what is in force: the dropped override is forgotten on disk too.
        let stored = try #require(changes.withLock { $0.last }).overrides
        #expect(stored.disabledProviders.isEmpty && stored.disabledDeployments == ["gpt/azure"])
        #expect(stored.weights == ["gpt/openai": 7])
    }

    @Test func aConfiguredWeightChangeAppliesUnlessTheOperatorSetOne() throws {
        let h = try Harness()
        #expect(h.engine.apply(.setWeight(deployment: "gpt/azure", weight: 5), actor: "tui:alice").ok)
        var next = fixtureCatalog()
        next.deployments[0].weight = 9
        next.deployments[1].weight = 2
        let change = try h.engine.reload(next, actor: "ctl:bob")
        #expect(change.changedDeployments == ["gpt/openai", "gpt/azure"])
        let weights = Dictionary(uniqueKeysWithValues: h.engine.snapshot(info: h.info).deployments.map { ($0.id, $0.weight) })
        #expect(weights["gpt/openai"] == 9 && weights["gpt/azure"] == 5)
    }

    @Test func anInvalidCatalogChangesNothing() async throws {
        let h = try Harness()
        var broken = fixtureCatalog()
        broken.models[0].fallbacks = ["nowhere"]
        #expect(throws: CatalogError.self) { try h.engine.reload(broken, actor: "ctl:bob") }
        #expect(h.engine.catalog == fixtureCatalog())
        #expect(h.engine.snapshot(info: h.info).audit.isEmpty)
        #expect(await h.send("claude").servedBy?.id == "claude/anthropic")
    }

    @Test func aRenewedProviderKeyClosesItsBreakers() async throws {
        let h = try Harness()
        h.transport.script("claude/anthropic", .fail(401))
        await h.send("claude")
        #expect(h.engine.breakerState(of: "claude/anthropic") == .open)
        try h.engine.reload(fixtureCatalog(), actor: "ctl:bob", renewedProviders: ["anthropic"])
        #expect(h.engine.breakerState(of: "claude/anthropic") == .closed)
        #expect(h.engine.snapshot(info: h.info).events.last?.reason == "provider key reloaded")
    }

    /// A request already on a deployment when its model is removed finishes there and is counted.
    @Test func aRequestInFlightFinishesOnTheDeploymentItWasRoutedTo() async throws {
        let transport = HeldTransport()
        let engine = try GatewayEngine(catalog: fixtureCatalog(), transport: transport, clock: ManualClock(),
                                       config: testConfig())
        let request = Task { await engine.handle(GatewayRequest(id: "held", model: "claude", inputTokens: 10, maxOutputTokens: 5)) }
        await transport.waitForCall()
        try engine.reload(Self.reshaped(), actor: "ctl:bob")
        transport.release()
        let response = await request.value
        #expect(response.servedBy?.id == "claude/anthropic")
        let snapshot = engine.snapshot(info: GatewayInfo(mode: "test", address: nil, version: "0", startedAt: 0))
        #expect(snapshot.requests.map(\.id) == ["held"])
        #expect(snapshot.totals.inFlight == 0)
    }
}

/// A transport whose calls wait until the test releases them.
final class HeldTransport: UpstreamTransport {
    private let gate = Mutex<(called: Bool, released: Bool)>((false, false))

    func waitForCall() async {
        while !gate.withLock({ $0.called }) { try? await Task.sleep(nanoseconds: 1_000_000) }
    }

    func release() { gate.withLock { $0.released = true } }

    func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
        gate.withLock { $0.called = true }
        while !gate.withLock({ $0.released }) { try? await Task.sleep(nanoseconds: 1_000_000) }
        return .success(UpstreamSuccess(inputTokens: 10, outputTokens: 5))
    }
}

import Testing
@testable import SwitchyardCore

@Suite struct OverrideTests {
    @Test func disableStopsTrafficAndUndoRestoresIt() async throws {
        let h = try Harness()
        let result = h.engine.apply(.disableDeployment("gpt/openai"), actor: "tui:alice")
        #expect(result.ok)
        let audit = try #require(result.audit)
        #expect(audit.actor == "tui:alice")
        #expect(audit.before == "enabled" && audit.after == "disabled")
        #expect(audit.action == "disable deployment gpt/openai")

        #expect(await h.servedCounts(200) == ["gpt/azure": 200])
        var snap = h.engine.snapshot(info: h.info)
        let openai = try #require(snap.deployments.first { $0.id == "gpt/openai" })
        #expect(openai.trafficShare == 0 && openai.status == .disabled && !openai.enabled)
        #expect(snap.canUndo)
        #expect(snap.events.last?.kind == .override && snap.events.last?.reason == "tui:alice")

        let undo = h.engine.apply(.undo, actor: "tui:alice")
        #expect(undo.ok)
        #expect(undo.audit?.before == "disabled" && undo.audit?.after == "enabled")
        let counts = await h.servedCounts(400)
        #expect(counts["gpt/openai", default: 0] > 200)
        snap = h.engine.snapshot(info: h.info)
        #expect(!snap.canUndo)
        #expect(snap.audit.map(\.sequence) == [1, 2])
        #expect(h.engine.apply(.undo, actor: "x").ok == false)
    }

    @Test func unknownNamesAreRejectedWithoutChangeOrAudit() throws {
        let h = try Harness()
        let before = h.engine.snapshot(info: h.info)
        let commands: [ControlCommand] = [
            .disableProvider("nope"), .enableDeployment("gpt/nope"), .setWeight(deployment: "x", weight: 1),
            .failover(model: "nope", from: "openai"), .failover(model: "gpt", from: "anthropic"),
            .setWeight(deployment: "gpt/openai", weight: -1), .setWeight(deployment: "gpt/openai", weight: .nan),
            // Past every Int: formatting it for the audit line trapped once and took the gateway down.
            .setWeight(deployment: "gpt/openai", weight: 1e19), .setWeight(deployment: "gpt/openai", weight: .infinity),
            .setWeight(deployment: "gpt/openai", weight: 1_000_001),
        ]
        for c in commands {
            let r = h.engine.apply(c, actor: "ctl:bob")
            #expect(!r.ok, "\(c.summary)")
            #expect(r.audit == nil)
        }
        #expect(h.engine.apply(.disableProvider("nope"), actor: "a").message.contains("openai"))
        let huge = h.engine.apply(.setWeight(deployment: "gpt/openai", weight: 1e19), actor: "a")
        #expect(huge.message == "weight must be a number from 0 to 1000000, got 1e+19", "\(huge.message)")
        #expect(ControlCommand.setWeight(deployment: "d", weight: 1e19).summary == "set weight of d to 1e+19")
        let after = h.engine.snapshot(info: h.info)
        #expect(after.audit.isEmpty && after.events.isEmpty && !after.canUndo)
        #expect(after.deployments == before.deployments)
    }

    @Test func setWeightAuditAndShares() throws {
        let h = try Harness()
        let r = h.engine.apply(.setWeight(deployment: "gpt/openai", weight: 1), actor: "ctl:bob")
        #expect(r.audit?.before == "weight 3" && r.audit?.after == "weight 1")
        let snap = h.engine.snapshot(info: h.info)
        let shares = snap.deployments.filter { $0.model == "gpt" }.map(\.trafficShare)
        #expect(shares == [0.5, 0.5])
        #expect(snap.deployments.first?.weight == 1)
    }

    @Test func failoverDrainsOneDeployment() async throws {
        let h = try Harness()
        let r = h.engine.apply(.failover(model: "gpt", from: "openai"), actor: "tui:alice")
        #expect(r.ok)
        #expect(r.audit?.before == "serving" && r.audit?.after == "draining")
        #expect(await h.servedCounts(100) == ["gpt/azure": 100])
        let d = try #require(h.engine.snapshot(info: h.info).deployments.first { $0.id == "gpt/openai" })
        #expect(d.draining && d.status == .draining && d.trafficShare == 0)
        #expect(!h.engine.apply(.failover(model: "claude", from: "claude/anthropic"), actor: "a").ok)
    }

    @Test func providerDisableAndResetAreUndoable() async throws {
        let h = try Harness()
        #expect(h.engine.apply(.disableProvider("openai"), actor: "a").ok)
        #expect(h.engine.apply(.setWeight(deployment: "gpt/azure", weight: 5), actor: "a").ok)
        let reset = h.engine.apply(.reset, actor: "a")
        #expect(reset.ok)
        #expect(reset.audit?.before == "provider openai disabled, gpt/azure weight 5")
        #expect(reset.audit?.after == "as configured")
        var snap = h.engine.snapshot(info: h.info)
        #expect(snap.providers.allSatisfy { $0.enabled })
        #expect(snap.deployments.map(\.weight) == [3, 1, 1])

        // Undo the reset, then the weight: the provider stays disabled.
        #expect(h.engine.apply(.undo, actor: "a").ok)
        #expect(h.engine.apply(.undo, actor: "a").ok)
        snap = h.engine.snapshot(info: h.info)
        #expect(snap.deployments.map(\.weight) == [3, 1, 1])
        let openai = try #require(snap.providers.first { $0.name == "openai" })
        #expect(!openai.enabled && openai.status == .disabled)
        #expect(await h.servedCounts(50) == ["gpt/azure": 50])
        #expect(h.engine.apply(.undo, actor: "a").ok)
        #expect(!h.engine.snapshot(info: h.info).canUndo)
    }
}

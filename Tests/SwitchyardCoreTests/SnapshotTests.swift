import Testing
@testable import SwitchyardCore

@Suite struct SnapshotTests {
    @Test func scriptedRunGivesSaneSnapshot() async throws {
        var config = testConfig()
        config.breaker.consecutiveFailures = 2
        let h = try Harness(config: config)
        for i in 0..<100 {
            await h.send(id: "a\(i)", key: "ci", team: "team-a")
            h.clock.advance(by: 0.05)
        }
        // Open the anthropic breaker: both attempts fail, then nothing else is left for "claude".
        h.transport.script("claude/anthropic", .fail(500), .fail(500))
        let failed = await h.send("claude", id: "c1")
        #expect(failed.status == 502)
        // Cool azure down.
        h.transport.script("gpt/azure", .fail(429, retryAfter: 60, latency: 0))
        var sent = 0
        while h.engine.snapshot(info: h.info).deployments[1].status != .cooling, sent < 100 {
            await h.send(id: "b\(sent)")
            sent += 1
        }
        #expect(sent < 100)

        let snap = h.engine.snapshot(info: h.info)
        #expect(snap.info.mode == "test")
        #expect(snap.time == h.clock.now())

        for model in ["gpt", "claude"] {
            let shares = snap.deployments.filter { $0.model == model }.map(\.trafficShare)
            let sum = shares.reduce(0, +)
            #expect(sum == 0 || abs(sum - 1) < 1e-9, "\(model): \(shares)")
        }
        let byID = Dictionary(uniqueKeysWithValues: snap.deployments.map { ($0.id, $0) })
        #expect(byID["gpt/openai"]?.trafficShare == 1)
        #expect(byID["gpt/azure"]?.status == .cooling)
        #expect(byID["claude/anthropic"]?.breaker == .open)
        #expect(byID["claude/anthropic"]?.status == .open)
        #expect(byID["claude/anthropic"]?.trafficShare == 0)
        #expect((byID["gpt/openai"]?.latencyP50 ?? 0) > 80 && (byID["gpt/openai"]?.latencyP50 ?? 0) < 120)

        let anthropic = try #require(snap.providers.first { $0.name == "anthropic" })
        #expect(anthropic.status == .open && anthropic.openBreakers == 1)
        let providerShare = snap.providers.map(\.trafficShare).reduce(0, +)
        #expect(abs(providerShare - 1) < 1e-9)

        let gpt = try #require(snap.models.first { $0.name == "gpt" })
        #expect(gpt.latencySeries.count == 60)
        #expect(gpt.latencySeries.contains { $0 > 0 })
        #expect(gpt.latencyP50 > 0 && gpt.latencyP95 >= gpt.latencyP50 && gpt.latencyP99 >= gpt.latencyP95)
        #expect(gpt.ttftP50 > 0)
        #expect(gpt.fallbacks == ["claude"])

        #expect(snap.errors.count == ErrorClass.allCases.count)
        let server = try #require(snap.errors.first { $0.errorClass == .server })
        #expect(server.series.count == 60 && server.series.reduce(0, +) == 2)
        #expect(snap.totals.totalRequests == h.engine.snapshot(info: h.info).requests.count)
        #expect(snap.totals.inFlight == 0)
        #expect(snap.totals.requestsPerSecond > 0)
        #expect(snap.events.contains { $0.kind == .breakerOpened && $0.from == "claude/anthropic" })
        #expect(snap.requests.last?.servedBy != nil)
    }

    @Test func ejectsLatencyOutlierButNeverTheLastDeployment() async throws {
        var config = EngineConfig()
        config.ejection.factor = 3
        // Requests here run one after another, each moving the clock by its latency: a slow deployment fills a
        // 3 s window too slowly to be judged, so the window is as long as the old one.
        config.ejection.recentWindow = 30
        let h = try Harness(catalog: fixtureCatalog(strategy: .weighted), config: config,
                            latencies: ["gpt/openai": 2.0, "gpt/azure": 0.1])
        for _ in 0..<200 { await h.send() }
        let snap = h.engine.snapshot(info: h.info)
        let openai = try #require(snap.deployments.first { $0.id == "gpt/openai" })
        #expect(openai.ejected && openai.status == .ejected && openai.trafficShare == 0)
        #expect(snap.events.contains { $0.kind == .ejected && $0.from == "gpt/openai" && $0.reason.hasPrefix("p95") })
        #expect(!(snap.deployments.first { $0.id == "gpt/azure" }?.ejected ?? true))

        h.clock.advance(by: 31)
        let later = h.engine.snapshot(info: h.info)
        #expect(!(later.deployments.first { $0.id == "gpt/openai" }?.ejected ?? true))
        #expect(later.events.contains { $0.kind == .restored && $0.from == "gpt/openai" })
    }

    @Test func neverEjectsTheLastServingDeployment() async throws {
        var config = EngineConfig()
        config.ejection.recentWindow = 30
        config.ejection.ejectionSeconds = 5
        let h = try Harness(catalog: fixtureCatalog(strategy: .weighted), config: config,
                            latencies: ["gpt/openai": 2.0, "gpt/azure": 0.1])
        for _ in 0..<60 { await h.send() }
        #expect(h.engine.snapshot(info: h.info).deployments[0].ejected)
        // Once azure is disabled, openai is all "gpt" has: it comes back after the ejection and stays,
        // although azure's fast samples are still in the window.
        #expect(h.engine.apply(.disableDeployment("gpt/azure"), actor: "a").ok)
        h.clock.advance(by: 6)
        for _ in 0..<5 { await h.send() }
        let snap = h.engine.snapshot(info: h.info)
        #expect(!snap.deployments[0].ejected)
        #expect(snap.events.filter { $0.kind == .ejected }.count == 1)
    }

    @Test func feedYieldsSnapshotsAndAppliesCommands() async throws {
        let h = try Harness()
        let feed = InProcessFeed(engine: h.engine, info: h.info)
        var received = 0
        for try await snap in feed.snapshots(every: .milliseconds(5)) {
            #expect(snap.deployments.count == 3)
            received += 1
            if received == 3 { break }
        }
        #expect(received == 3)
        let r = try await feed.send(.disableProvider("azure"), actor: "tui:alice")
        #expect(r.ok)
        let snap = try await feed.snapshot()
        #expect(snap.audit.count == 1 && snap.providers[1].status == .disabled)
    }
}

import Testing
@testable import SwitchyardCore

/// A scripted run with known outcomes, latencies and tokens, shared by the counter and exposition tests.
/// Priority routing: gpt/openai first, then gpt/azure, then the "claude" fallback group. No same-deployment retries.
func scriptedMetricsRun() async throws -> Harness {
    var config = testConfig()
    config.maxRetriesPerDeployment = 0
    let h = try Harness(catalog: fixtureCatalog(strategy: .priority), config: config)
    // r1: openai 503 → azure answers (fallback to another deployment).
    h.transport.script("gpt/openai", .fail(503, latency: 0.04))
    h.transport.script("gpt/azure", .ok(input: 1000, output: 500, latency: 0.3))
    await h.send(id: "r1")
    // r2: openai answers.
    h.transport.script("gpt/openai", .ok(input: 1000, output: 200, latency: 0.07))
    await h.send(id: "r2")
    // r3: openai times out → azure 429 → the claude group answers.
    h.transport.script("gpt/openai", .timeout(latency: 1))
    h.transport.script("gpt/azure", .fail(429, retryAfter: 30, latency: 0.04))
    h.transport.script("claude/anthropic", .ok(input: 1000, output: 500, latency: 2))
    await h.send(id: "r3")
    // r4: a model nobody serves.
    await h.send("nope", id: "r4")
    // r5: openai rejects the request itself; no fallback.
    h.transport.script("gpt/openai", .fail(400, latency: 0.04))
    await h.send(id: "r5")
    return h
}

@Suite struct MetricsCounterTests {
    /// r1 and r2 answered by gpt's own deployments, r3 by the claude group it fell back to; r5 by nobody.
    @Test func servedModelsCountWhoAnsweredNotWhoWasAsked() async throws {
        let m = try await scriptedMetricsRun().engine.metricsSnapshot()
        #expect(try #require(m.model("gpt")).servedBy == ["gpt": 2, "claude": 1])
        #expect(try #require(m.model("claude")).servedBy.isEmpty)
        let text = PrometheusExposition.render(m)
        #expect(text.contains(#"switchyard_served_requests_total{model="gpt",served_model="gpt"} 2"#))
        #expect(text.contains(#"switchyard_served_requests_total{model="gpt",served_model="claude"} 1"#))
        #expect(text.contains(#"switchyard_served_requests_total{model="claude",served_model="claude"} 0"#))
    }

    @Test func attemptCountersHaveExactValuesAfterAScriptedRun() async throws {
        let h = try await scriptedMetricsRun()
        let m = h.engine.metricsSnapshot()
        let openai = try #require(m.deployment("gpt/openai"))
        #expect(openai.attempts == [.ok: 1, .rateLimited: 0, .server: 1, .timeout: 1, .connect: 0, .other: 1, .credential: 0,
                                    .cancelled: 0])
        #expect(openai.inputTokens == 1000 && openai.outputTokens == 200)
        #expect(abs(openai.spendUSD - Price(inputPerMTok: 2.5, outputPerMTok: 10).cost(inputTokens: 1000,
                                                                                       outputTokens: 200)) < 1e-12)
        let azure = try #require(m.deployment("gpt/azure"))
        #expect(azure.attempts[.ok] == 1 && azure.attempts[.rateLimited] == 1 && azure.attempts[.server] == 0)
        #expect(azure.inputTokens == 1000 && azure.outputTokens == 500)
        #expect(azure.cooling) // the 30 s retry-after has not passed
        let claude = try #require(m.deployment("claude/anthropic"))
        #expect(claude.attempts[.ok] == 1 && claude.outputTokens == 500)
        #expect(claude.provider == "anthropic" && claude.model == "claude")
        // Spend per deployment adds up to what the ledger charged.
        let spend = m.deployments.reduce(0) { $0 + $1.spendUSD }
        #expect(abs(spend - h.engine.spendTotals().global) < 1e-12)
    }

    @Test func successfulAttemptLatencyLandsInTheRightBucket() async throws {
        let m = try await scriptedMetricsRun().engine.metricsSnapshot()
        let openai = try #require(m.deployment("gpt/openai")).latency
        // One success of 0.07 s: first counted at le=0.1; failures are not observed.
        #expect(openai.cumulativeCounts == [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
        #expect(abs(openai.sum - 0.07) < 1e-6)
        let claude = try #require(m.deployment("claude/anthropic")).latency
        #expect(claude.cumulativeCounts == [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]) // 2 s ≤ 2.5
        #expect(claude.count == 1)
    }

    @Test func requestCountersAreByRequestedModelAndStatus() async throws {
        let m = try await scriptedMetricsRun().engine.metricsSnapshot()
        let gpt = try #require(m.model("gpt"))
        #expect(gpt.requests == [StatusCount(code: 200, count: 3), StatusCount(code: 400, count: 1)])
        #expect(gpt.requests.map(\.statusClass) == ["2xx", "4xx"])
        #expect(gpt.fallbacks == [.deployment: 2, .model: 1])
        // Served by claude, but requested as gpt: the claude row sees nothing.
        #expect(try #require(m.model("claude")).totalRequests == 0)
        #expect(m.unknownModelRequests == [StatusCount(code: 404, count: 1)])
        #expect(m.inFlightRequests == 0)
        // Durations 0.34, 0.07, 3.04, 0.04 s.
        #expect(gpt.duration.cumulativeCounts == [0, 0, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4])
        #expect(abs(gpt.duration.sum - 3.49) < 1e-6)
        #expect(gpt.duration.count == gpt.totalRequests)
        // No upstream reported a first-token time.
        #expect(gpt.timeToFirstToken.count == 0)
    }

    @Test func histogramBucketsAreCumulativeAndCountIsTheInfBucket() {
        var table = HistogramTable(rows: 2)
        let values = [0.01, 0.05, 0.2, 0.2, 7, 500, -1, .nan, .infinity]
        for v in values { table.observe(row: 1, seconds: v) }
        let h = table.snapshot(row: 1)
        #expect(h.bounds == MetricsBuckets.latency.bounds)
        #expect(h.cumulativeCounts.count == MetricsBuckets.latency.bounds.count + 1)
        // Non-finite values are dropped; -1 counts as 0; 500 only in +Inf.
        #expect(h.cumulativeCounts == [2, 2, 3, 3, 5, 5, 5, 5, 5, 6, 6, 6, 6, 7])
        #expect(h.count == 7 && h.count == h.cumulativeCounts.last)
        #expect(abs(h.sum - (0.01 + 0.05 + 0.4 + 7 + 500)) < 1e-9)
        for k in h.cumulativeCounts.indices.dropFirst() { #expect(h.cumulativeCounts[k] >= h.cumulativeCounts[k - 1]) }
        #expect(table.snapshot(row: 0).count == 0)
    }

    @Test func gaugesFollowOverridesAndBreakers() async throws {
        var config = testConfig()
        config.breaker.consecutiveFailures = 1
        config.maxRetriesPerDeployment = 0
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), config: config)
        h.transport.script("gpt/openai", .fail(503, latency: 0.04))
        await h.send()
        _ = h.engine.apply(.setWeight(deployment: "gpt/azure", weight: 2.5), actor: "test")
        _ = h.engine.apply(.disableProvider("anthropic"), actor: "test")
        var m = h.engine.metricsSnapshot()
        #expect(m.deployment("gpt/openai")?.breaker == .open)
        #expect(m.deployment("gpt/azure")?.breaker == .closed)
        #expect(m.deployment("gpt/azure")?.weight == 2.5)
        #expect(m.deployment("claude/anthropic")?.enabled == false)
        #expect(m.deployment("gpt/openai")?.enabled == true)
        h.clock.advance(by: config.breaker.openInterval + 1)
        m = h.engine.metricsSnapshot()
        #expect(m.deployment("gpt/openai")?.breaker == .halfOpen)
        #expect(m.deployment("gpt/openai")?.breaker == .halfOpen)
    }
}

@Suite struct MetricsCounterGrowthTests {
    /// A reload's new slots get rows; every count stays where it was and the unknown-model row stays last.
    @Test func growingKeepsEveryCount() async throws {
        let h = try await scriptedMetricsRun()
        let before = h.engine.metricsSnapshot()
        try h.engine.reload(CatalogReloadTests.reshaped(), actor: "test")
        let after = h.engine.metricsSnapshot()
        #expect(after.unknownModelRequests == before.unknownModelRequests)
        #expect(after.model("gpt")?.requests == before.model("gpt")?.requests)
        #expect(after.model("gpt")?.servedBy == before.model("gpt")?.servedBy)
        #expect(after.model("gpt")?.duration == before.model("gpt")?.duration)
        #expect(after.model("mini")?.requests == [])
        #expect(after.deployments.first { $0.id == "gpt/azure" }?.attempts == before.deployments.first { $0.id == "gpt/azure" }?.attempts)
        await h.send("mini", id: "after")
        #expect(h.engine.metricsSnapshot().model("mini")?.requests == [StatusCount(code: 200, count: 1)])
        #expect(h.engine.metricsSnapshot().unknownModelRequests == before.unknownModelRequests)
    }
}

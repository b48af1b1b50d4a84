import Testing
@testable import SwitchyardCore

private let price = Price(inputPerMTok: 1, outputPerMTok: 1)
private let request = GatewayRequest(id: "x", model: "m", inputTokens: 1000, maxOutputTokens: 500)

@Suite struct RoutingStrategyTests {
    @Test func weightedFollowsWeightsOverSeededPicks() {
        let candidates = [RoutingCandidate(index: 0, weight: 3, price: price),
                          RoutingCandidate(index: 1, weight: 1, price: price)]
        var rng = SeededGenerator(seed: 7)
        var first = 0
        let n = 20_000
        for _ in 0..<n where WeightedStrategy().pick(from: candidates, for: request, using: &rng) == 0 { first += 1 }
        let share = Double(first) / Double(n)
        #expect(abs(share - 0.75) < 0.03)
        #expect(WeightedStrategy().shares(of: candidates, for: request) == [0.75, 0.25])
    }

    @Test func weightedThroughEngineFollowsWeights() async throws {
        let h = try Harness()
        let counts = await h.servedCounts(20_000)
        let share = Double(counts["gpt/openai", default: 0]) / 20_000
        #expect(abs(share - 0.75) < 0.03)
        #expect(counts["none"] == nil)
    }

    @Test func weightedWithAllZeroWeightsPicksNothing() {
        var rng = SeededGenerator(seed: 1)
        let candidates = [RoutingCandidate(index: 0, weight: 0, price: price)]
        #expect(WeightedStrategy().pick(from: candidates, for: request, using: &rng) == nil)
    }

    @Test func leastLatencyPrefersFasterCandidate() {
        let candidates = [RoutingCandidate(index: 0, weight: 1, price: price, latencyEWMA: 0.9),
                          RoutingCandidate(index: 1, weight: 1, price: price, latencyEWMA: 0.1),
                          RoutingCandidate(index: 2, weight: 1, price: price, latencyEWMA: 0.5)]
        let strategy = LeastLatencyStrategy(exploration: 0.05)
        var rng = SeededGenerator(seed: 3)
        var counts = [0, 0, 0]
        for _ in 0..<10_000 {
            if let p = strategy.pick(from: candidates, for: request, using: &rng) { counts[p] += 1 }
        }
        #expect(counts[1] > counts[2] && counts[2] > counts[0])
        let shares = strategy.shares(of: candidates, for: request)
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
        #expect(abs(Double(counts[1]) / 10_000 - shares[1]) < 0.03)
    }

    @Test func leastLatencyExploresUnmeasuredFirst() {
        let candidates = [RoutingCandidate(index: 0, weight: 1, price: price, latencyEWMA: 0.01),
                          RoutingCandidate(index: 1, weight: 1, price: price, latencyEWMA: nil)]
        var rng = SeededGenerator(seed: 3)
        #expect(LeastLatencyStrategy().pick(from: candidates, for: request, using: &rng) == 1)
    }

    @Test func leastLatencyThroughEnginePrefersFasterDeployment() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .latency),
                            latencies: ["gpt/openai": 0.8, "gpt/azure": 0.1])
        let counts = await h.servedCounts(1000)
        #expect(counts["gpt/azure", default: 0] > 900)
        #expect(counts["gpt/openai", default: 0] >= 1) // explored at least once
    }

    @Test func lowestCostPicksCheapest() async throws {
        let candidates = [RoutingCandidate(index: 0, weight: 1, price: Price(inputPerMTok: 2.5, outputPerMTok: 10)),
                          RoutingCandidate(index: 1, weight: 1, price: Price(inputPerMTok: 2, outputPerMTok: 8)),
                          RoutingCandidate(index: 2, weight: 1, price: Price(inputPerMTok: 0.5, outputPerMTok: 30))]
        var rng = SeededGenerator(seed: 9)
        // 1000 in / 500 out: 0.0075, 0.006, 0.0155 dollars.
        #expect(LowestCostStrategy().pick(from: candidates, for: request, using: &rng) == 1)
        let promptHeavy = GatewayRequest(id: "y", model: "m", inputTokens: 100_000, maxOutputTokens: 10)
        #expect(LowestCostStrategy().pick(from: candidates, for: promptHeavy, using: &rng) == 2)

        let h = try Harness(catalog: fixtureCatalog(strategy: .cost))
        let counts = await h.servedCounts(200)
        #expect(counts == ["gpt/azure": 200])
    }

    @Test func prioritySpillsToNextTierWhenPreferredIsSaturated() {
        var rng = SeededGenerator(seed: 5)
        let strategy = PriorityStrategy()
        var candidates = [RoutingCandidate(index: 0, weight: 1, priority: 0, price: price),
                          RoutingCandidate(index: 1, weight: 1, priority: 1, price: price)]
        #expect(strategy.pick(from: candidates, for: request, using: &rng) == 0)
        candidates[0].saturated = true
        #expect(strategy.pick(from: candidates, for: request, using: &rng) == 1)
        #expect(strategy.shares(of: candidates, for: request) == [0, 1])
    }

    @Test func prioritySpillsOverWhenPreferredIsDisabledOrOpen() async throws {
        var config = testConfig()
        config.breaker.consecutiveFailures = 2
        config.maxRetriesPerDeployment = 0
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), config: config)
        #expect(await h.servedCounts(50) == ["gpt/openai": 50])

        #expect(h.engine.apply(.disableDeployment("gpt/openai"), actor: "test").ok)
        #expect(await h.servedCounts(50) == ["gpt/azure": 50])
        #expect(h.engine.apply(.undo, actor: "test").ok)

        h.transport.script("gpt/openai", .fail(503), .fail(503))
        await h.send()
        await h.send()
        #expect(h.engine.breakerState(of: "gpt/openai") == .open)
        #expect(await h.servedCounts(20) == ["gpt/azure": 20])
    }
}

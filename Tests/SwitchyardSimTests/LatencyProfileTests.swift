import Testing
import SwitchyardCore
@testable import SwitchyardSim

@Suite struct LatencyProfileTests {
    @Test func medianTTFTMatchesTheProfile() {
        let profile = LatencyProfile(ttftMedian: 0.4, ttftSigma: 0.35, tokensPerSecondMedian: 70)
        var rng = SeededGenerator(seed: 1)
        let draws = (0..<20_000).map { _ in profile.drawTTFT(using: &rng) }
        let median = Fixtures.median(draws)
        #expect(abs(median - 0.4) / 0.4 < 0.1, "median \(median)")
        let tps = (0..<20_000).map { _ in profile.drawTokensPerSecond(using: &rng) }
        #expect(abs(Fixtures.median(tps) - 70) / 70 < 0.1)
    }

    @Test func totalIsTTFTPlusStreamingTime() {
        let profile = LatencyProfile(ttftMedian: 0.5, ttftSigma: 0, tokensPerSecondMedian: 100,
                                     tokensPerSecondSigma: 0, perTokenJitter: 0)
        var rng = SeededGenerator(seed: 2)
        let t = profile.drawTiming(outputTokens: 300, using: &rng)
        #expect(abs(t.timeToFirstToken - 0.5) < 1e-9)
        #expect(abs(t.total - 3.5) < 1e-9)
        let slowed = t.slowed(multiplier: 6, added: 1)
        #expect(abs(slowed.total - 22) < 1e-9)
        #expect(abs(slowed.timeToFirstToken - 4) < 1e-9)
    }

    @Test func transportTTFTMedianMatchesItsProfile() async {
        let d = Fixtures.deployment("gpt-4o/openai")
        let profile = LatencyProfile(ttftMedian: 0.4, tokensPerSecondMedian: 70)
        let transport = SimulatedTransport(
            catalog: Fixtures.setup.catalog, timeline: .calm, clock: FrozenClock(), seed: 3, profiles: [d.id: profile]
        )
        var ttfts: [Double] = []
        for i in 0..<5_000 {
            if case .success(let s) = await transport.send(Fixtures.call(d.id, n: i)), let t = s.timeToFirstToken {
                ttfts.append(t)
            }
        }
        #expect(ttfts.count == 5_000)
        #expect(abs(Fixtures.median(ttfts) - 0.4) / 0.4 < 0.1)
    }

    @Test func typicalProfilesOrderProvidersAndModelsRealistically() {
        func total(_ id: String) -> Double {
            let p = LatencyProfile.typical(for: Fixtures.deployment(id))
            var rng = SeededGenerator(seed: 4)
            return Fixtures.median((0..<4_000).map { _ in p.drawTiming(outputTokens: 300, using: &rng).total })
        }
        #expect(total("llama-3.1-70b/groq") < total("llama-3.1-70b/together"))
        #expect(total("llama-3.1-70b/together") < total("llama-3.1-70b/bedrock"))
        #expect(total("gpt-4o-mini/openai") < total("gpt-4o/openai"))
        #expect(total("claude-haiku/anthropic") < total("claude-sonnet/anthropic"))
        let groq = LatencyProfile.typical(for: Fixtures.deployment("llama-3.1-70b/groq"))
        #expect(groq.ttftMedian < 0.2 && groq.tokensPerSecondMedian >= 300)
    }

    @Test func outputLengthsRespectTheCap() {
        var rng = SeededGenerator(seed: 5)
        let lengths = (0..<5_000).map { _ in OutputLengthModel.chat.draw(maxOutputTokens: 512, using: &rng) }
        #expect(lengths.allSatisfy { (1...512).contains($0) })
        #expect(lengths.contains(512), "the long tail hits the cap")
        let median = Fixtures.median(lengths.map(Double.init))
        #expect(median > 200 && median < 320, "median \(median)")
    }
}

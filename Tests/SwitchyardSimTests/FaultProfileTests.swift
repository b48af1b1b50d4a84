import Testing
import SwitchyardCore
@testable import SwitchyardSim

@Suite struct FaultProfileTests {
    func transport(seed: UInt64 = 9, clock: any EngineClock = FrozenClock()) -> SimulatedTransport {
        SimulatedTransport(catalog: Fixtures.setup.catalog, timeline: .calm, clock: clock, seed: seed)
    }

    func failures(_ t: SimulatedTransport, _ id: String, count: Int) async -> [UpstreamFailure?] {
        var out: [UpstreamFailure?] = []
        for i in 0..<count {
            switch await t.send(Fixtures.call(id, n: i)) {
            case .success: out.append(nil)
            case .failure(let f): out.append(f)
            }
        }
        return out
    }

    @Test func rateLimitedAlwaysReturns429WithRetryAfter() async {
        let t = transport()
        t.setFaults(.rateLimited(1.0, retryAfter: 3), for: "openai")
        for f in await failures(t, "gpt-4o/openai", count: 200) {
            #expect(f?.errorClass == .rateLimited)
            #expect(f?.status == 429)
            #expect(f?.retryAfter == 3)
        }
        // Other providers are untouched.
        #expect(await failures(t, "claude-sonnet/anthropic", count: 50).allSatisfy { $0 == nil })
    }

    @Test func refusedConnectionsClassifyAsConnect() async {
        let t = transport()
        t.setFaults(.outage, for: "azure")
        let all = await failures(t, "gpt-4o/azure", count: 100)
        #expect(all.allSatisfy { $0?.errorClass == .connect && $0?.status == nil })
    }

    @Test func hangsTimeOutAfterTheHangTime() async {
        let clock = FrozenClock()
        let t = transport(clock: clock)
        t.setFaults(FaultProfile(hangProbability: 1, hangSeconds: 30), for: "groq")
        let all = await failures(t, "llama-3.1-70b/groq", count: 20)
        #expect(all.allSatisfy { $0?.errorClass == .timeout })
        #expect(clock.sleeps.count == 20)
        #expect(clock.sleeps.allSatisfy { $0 == 30 })
    }

    @Test func aHangOnAManualClockReturnsInstantlyButAdvancesTime() async {
        let clock = ManualClock(start: 0)
        let t = SimulatedTransport(catalog: Fixtures.setup.catalog, timeline: .calm, clock: clock, seed: 1)
        t.setFaults(FaultProfile(hangProbability: 1, hangSeconds: 45), for: "groq")
        let result = await t.send(Fixtures.call("llama-3.1-70b/groq"))
        guard case .failure(let f) = result else {
            Issue.record("expected a timeout")
            return
        }
        #expect(f.errorClass == .timeout)
        #expect(clock.now() == 45)
    }

    @Test func streamCutsAndMalformedBodiesAreClassified() async {
        let t = transport()
        t.setFaults(FaultProfile(streamCutProbability: 1), for: "together")
        for f in await failures(t, "deepseek-chat/together", count: 50) {
            #expect(f?.errorClass == .server)
            #expect(f?.message.contains("cut after") == true)
        }
        t.setFaults(FaultProfile(malformedProbability: 1), for: "together")
        for f in await failures(t, "deepseek-chat/together", count: 50) {
            #expect(f?.errorClass == .other)
            #expect(f?.isRetryable == false)
        }
    }

    @Test func errorRatesMatchOverManyDraws() async {
        let t = transport(seed: 11)
        t.setFaults(FaultProfile(errorRates: [429: 0.3, 503: 0.1], retryAfterSeconds: 1), for: "anthropic")
        let n = 10_000
        let all = await failures(t, "claude-haiku/anthropic", count: n)
        let r429 = Double(all.filter { $0?.status == 429 }.count) / Double(n)
        let r503 = Double(all.filter { $0?.status == 503 }.count) / Double(n)
        let ok = Double(all.filter { $0 == nil }.count) / Double(n)
        #expect(abs(r429 - 0.3) < 0.02, "429 rate \(r429)")
        #expect(abs(r503 - 0.1) < 0.015, "503 rate \(r503)")
        #expect(abs(ok - 0.6) < 0.02, "success rate \(ok)")
        #expect(all.compactMap { $0 }.filter { $0.status == 503 }.allSatisfy { $0.errorClass == .server && $0.retryAfter == nil })
    }

    @Test func drawMatchesRatesWithoutATransport() {
        let profile = FaultProfile(
            errorRates: [500: 0.05], hangProbability: 0.05, connectionRefusedProbability: 0.1,
            streamCutProbability: 0.05, malformedProbability: 0.05
        )
        var rng = SeededGenerator(seed: 12)
        var counts: [String: Int] = [:]
        let n = 20_000
        for _ in 0..<n {
            let key = switch profile.draw(using: &rng) {
            case nil: "ok"
            case .connectionRefused: "refused"
            case .hang: "hang"
            case .status(let s, _): "\(s)"
            case .streamCut: "cut"
            case .malformedBody: "malformed"
            }
            counts[key, default: 0] += 1
        }
        let expected = ["ok": 0.7, "refused": 0.1, "hang": 0.05, "500": 0.05, "cut": 0.05, "malformed": 0.05]
        for (key, p) in expected {
            let observed = Double(counts[key] ?? 0) / Double(n)
            #expect(abs(observed - p) < 0.015, "\(key): \(observed) vs \(p)")
        }
    }

    @Test func latencyFaultsSlowCallsDown() async {
        let clock = FrozenClock()
        let t = transport(clock: clock)
        for i in 0..<2_000 { _ = await t.send(Fixtures.call("gpt-4o/openai", n: i)) }
        let normal = Fixtures.median(clock.sleeps)
        t.setFaults(.slow(6), for: "openai")
        for i in 0..<2_000 { _ = await t.send(Fixtures.call("gpt-4o/openai", n: i)) }
        let slowed = Fixtures.median(Array(clock.sleeps.dropFirst(2_000)))
        #expect(slowed / normal > 5 && slowed / normal < 7, "ratio \(slowed / normal)")
    }

    @Test func clearingFaultsRestoresHealth() async {
        let t = transport()
        t.setFaults(.outage, for: "openai")
        t.setFaults(.outage, for: "groq")
        #expect(t.faultOverrides().count == 2)
        t.clearFaults(for: "openai")
        #expect(await failures(t, "gpt-4o/openai", count: 20).allSatisfy { $0 == nil })
        #expect(await failures(t, "llama-3.1-70b/groq", count: 5).allSatisfy { $0?.errorClass == .connect })
        t.clearFaults()
        #expect(t.faultOverrides().isEmpty)
        #expect(await failures(t, "llama-3.1-70b/groq", count: 20).allSatisfy { $0 == nil })
    }

    @Test func deploymentOverridesOnlyHitThatDeployment() async {
        let t = transport()
        t.setFaults(.outage, for: "gpt-4o/openai")
        #expect(await failures(t, "gpt-4o/openai", count: 10).allSatisfy { $0?.errorClass == .connect })
        #expect(await failures(t, "gpt-4o-mini/openai", count: 10).allSatisfy { $0 == nil })
    }

    @Test func combiningStacksFaults() {
        let a = FaultProfile(errorRates: [429: 0.5], retryAfterSeconds: 1, latencyMultiplier: 2)
        let b = FaultProfile(errorRates: [429: 0.5, 503: 0.2], retryAfterSeconds: 4, addedLatency: 0.5,
                             latencyMultiplier: 3, connectionRefusedProbability: 0.1)
        let c = a.combined(with: b)
        #expect(abs((c.errorRates[429] ?? 0) - 0.75) < 1e-12)
        #expect(c.errorRates[503] == 0.2)
        #expect(c.retryAfterSeconds == 4)
        #expect(c.latencyMultiplier == 6)
        #expect(c.addedLatency == 0.5)
        #expect(c.connectionRefusedProbability == 0.1)
        #expect(FaultProfile.none.combined(with: .none).isNone)
        #expect(!c.isNone)
        #expect(a.combined(with: .none) == a)
    }

    @Test func successesReportTokensFromTheRequest() async {
        let t = transport()
        let call = Fixtures.call("gpt-4o-mini/azure", stream: false, maxOutput: 64)
        guard case .success(let s) = await t.send(call) else {
            Issue.record("a calm upstream should answer")
            return
        }
        #expect(s.inputTokens == 800)
        #expect((1...64).contains(s.outputTokens))
        #expect(s.timeToFirstToken == nil, "non-streamed calls report no TTFT")
    }

    @Test func sameSeedReplaysTheSameOutcomes() async {
        func run() async -> [String] {
            let t = SimulatedTransport(catalog: Fixtures.setup.catalog, timeline: .calm, clock: FrozenClock(), seed: 77)
            t.setFaults(FaultProfile(errorRates: [429: 0.3], retryAfterSeconds: 1), for: "openai")
            var out: [String] = []
            for i in 0..<100 {
                switch await t.send(Fixtures.call("gpt-4o/openai", n: i)) {
                case .success(let s): out.append("ok \(s.outputTokens)")
                case .failure(let f): out.append(f.errorClass.rawValue)
                }
            }
            return out
        }
        let first = await run()
        #expect(await run() == first)
        #expect(Set(first).count > 2)
    }
}

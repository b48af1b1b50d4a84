import Testing
@testable import SwitchyardCore

@Suite struct MetricsStreamTests {
    private func streaming(ttft: Double = 0.2) -> ScriptedTransport.Step {
        .init(result: .success(UpstreamSuccess(inputTokens: 1000, outputTokens: 0, timeToFirstToken: ttft,
                                               body: .stream(.idle))), latency: ttft)
    }

    @Test func aStreamIsCountedWhenSettledNotWhenItStarts() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", streaming())
        let r = await h.send()
        let lease = try #require(r.lease)
        var m = h.engine.metricsSnapshot()
        #expect(m.inFlightRequests == 1)
        #expect(m.model("gpt")?.totalRequests == 0)
        #expect(m.deployment("gpt/openai")?.attempts[.ok] == 0)
        #expect(m.deployment("gpt/openai")?.inFlight == 1)

        h.clock.advance(by: 3)
        await lease.finish(inputTokens: 1000, outputTokens: 400)
        m = h.engine.metricsSnapshot()
        #expect(m.inFlightRequests == 0)
        let gpt = try #require(m.model("gpt"))
        #expect(gpt.requests == [StatusCount(code: 200, count: 1)])
        // Time to first token 0.2 s (le=0.25); the request lasted 3.2 s (le=5).
        #expect(gpt.timeToFirstToken.cumulativeCounts == [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
        #expect(gpt.duration.cumulativeCounts == [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
        let openai = try #require(m.deployment("gpt/openai"))
        #expect(openai.attempts[.ok] == 1 && openai.inFlight == 0)
        #expect(openai.inputTokens == 1000 && openai.outputTokens == 400)
        #expect(abs(openai.latency.sum - 3.2) < 1e-6)
        #expect(abs(openai.spendUSD - h.engine.spendTotals().global) < 1e-12 && openai.spendUSD > 0)
    }

    @Test func aBrokenStreamIsA502AndAFailedAttemptThatStillBillsItsTokens() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", streaming())
        let r = await h.send()
        let failure = UpstreamFailure(errorClass: .server, message: "connection reset mid-stream")
        let lease = try #require(r.lease)
        await lease.finish(inputTokens: 1000, outputTokens: 50, failure: failure)
        let m = h.engine.metricsSnapshot()
        #expect(m.model("gpt")?.requests == [StatusCount(code: 502, count: 1)])
        let openai = try #require(m.deployment("gpt/openai"))
        #expect(openai.attempts[.server] == 1 && openai.attempts[.ok] == 0)
        #expect(openai.latency.count == 0)
        #expect(openai.outputTokens == 50)
        #expect(abs(openai.spendUSD - h.engine.spendTotals().global) < 1e-12 && openai.spendUSD > 0)
    }

    @Test func aClientThatLeavesMidStreamIsA499AndACancelledAttempt() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", streaming())
        let r = await h.send()
        let lease = try #require(r.lease)
        await lease.finish(inputTokens: 1000, outputTokens: 10, clientGone: true)
        let m = h.engine.metricsSnapshot()
        #expect(m.model("gpt")?.requests == [StatusCount(code: 499, count: 1)])
        #expect(m.model("gpt")?.requests.first?.statusClass == "4xx")
        let openai = try #require(m.deployment("gpt/openai"))
        #expect(openai.attempts[.cancelled] == 1)
        #expect(openai.attempts.filter { $0.key != .cancelled }.allSatisfy { $0.value == 0 })
        #expect(openai.outputTokens == 10)
        #expect(m.inFlightRequests == 0)
    }
}

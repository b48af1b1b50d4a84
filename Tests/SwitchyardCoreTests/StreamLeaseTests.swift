import Testing
@testable import SwitchyardCore

@Suite struct StreamLeaseTests {
    private func streaming(ttft: Double = 0.2) -> ScriptedTransport.Step {
        .init(result: .success(UpstreamSuccess(inputTokens: 1000, outputTokens: 0, timeToFirstToken: ttft,
                                               body: .stream(.idle))), latency: ttft)
    }

    @Test func aStreamIsChargedWhenItEndsForTheTokensItProduced() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", streaming())
        let r = await h.send(key: "k", team: "t")
        let lease = try #require(r.lease)
        #expect(r.cost == 0)
        #expect(h.engine.spendTotals().global == 0)
        #expect(h.engine.snapshot(info: h.info).totals.inFlight == 1)

        h.clock.advance(by: 3)
        let record = try #require(await lease.finish(inputTokens: 1000, outputTokens: 400)).record
        let expected = Price(inputPerMTok: 2.5, outputPerMTok: 10).cost(inputTokens: 1000, outputTokens: 400)
        #expect(abs(record.cost - expected) < 1e-12)
        #expect(abs(h.engine.spendTotals().global - expected) < 1e-12)
        #expect(record.status == 200 && record.stream)
        #expect(abs(record.latency - 3.2) < 1e-6)
        #expect(record.timeToFirstToken == 0.2)
        #expect(record.attempts.count == 1 && record.attempts[0].outputTokens == 400)
        let snap = h.engine.snapshot(info: h.info)
        #expect(snap.totals.inFlight == 0)
        #expect(snap.requests.last?.id == record.id)
        #expect(snap.deployments.first { $0.id == "gpt/openai" }?.inFlight == 0)
    }

    @Test func aStreamThatBreaksIsA502ForTheRecordAndAFailureForTheDeployment() async throws {
        var config = testConfig()
        config.breaker.consecutiveFailures = 2
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), config: config)
        for i in 0..<2 {
            h.transport.script("gpt/openai", streaming())
            let r = await h.send(id: "s\(i)")
            // Once the first event is in, the engine does not fall back.
            #expect(r.servedBy?.id == "gpt/openai" && r.attempts.count == 1)
            let failure = UpstreamFailure(errorClass: .server, message: "connection reset mid-stream")
            let lease = try #require(r.lease)
            let record = try #require(await lease.finish(inputTokens: 1000, outputTokens: 50, failure: failure)).record
            #expect(record.status == 502)
            #expect(record.cost > 0) // the tokens produced are billed
            #expect(record.attempts.last?.errorClass == .server)
        }
        #expect(h.engine.breakerState(of: "gpt/openai") == .open)
    }

    @Test func aClientThatLeavesIsNotTheUpstreamsFault() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", .fail(503))
        let task = Task { () -> GatewayResponse in
            withUnsafeCurrentTask { $0?.cancel() }
            return await h.send()
        }
        let r = await task.value
        #expect(r.status == 499)
        #expect(h.transport.calls == ["gpt/openai"]) // no retry, no fallback for nobody
        let snap = h.engine.snapshot(info: h.info)
        #expect(snap.deployments.first { $0.id == "gpt/openai" }?.inFlight == 0)
        #expect(snap.totals.inFlight == 0)
    }
}

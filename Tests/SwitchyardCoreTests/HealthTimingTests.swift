import Testing
@testable import SwitchyardCore

/// How fast health follows what upstreams do, on a manual clock with steady traffic: a latency jump ejects within
/// 5 s and its end is healthy again within 5 s; an outage opens the provider's breaker within 1 s; steady traffic
/// with the odd slow or failed request changes nothing.
@Suite struct HealthTimingTests {
    /// "gpt" traffic at about `rate` requests a second (each request also moves the clock by its latency).
    struct Load {
        let h: Harness
        var rate = 10.0
        var sent = 0

        init(latency: Double = 0.05) throws {
            h = try Harness(catalog: fixtureCatalog(strategy: .weighted), config: EngineConfig(),
                            latencies: ["gpt/openai": latency, "gpt/azure": latency])
        }

        var now: Double { h.clock.now() }

        func status(_ deployment: String) -> HealthStatus? {
            h.engine.snapshot(info: h.info).deployments.first { $0.id == deployment }?.status
        }

        func provider(_ name: String) -> HealthStatus? {
            h.engine.snapshot(info: h.info).providers.first { $0.name == name }?.status
        }

        /// Sends for `seconds`, checking `each` after every request.
        mutating func run(for seconds: Double, each: (Load) -> Void = { _ in }) async {
            let end = now + seconds
            while now < end {
                await h.send(id: "r\(sent)")
                sent += 1
                h.clock.advance(by: 1 / rate)
                each(self)
            }
        }

        /// Sends until `done` holds, giving up after `limit` seconds; the seconds it took, or nil.
        mutating func run(until limit: Double, _ done: (Load) -> Bool) async -> Double? {
            let start = now
            while now - start < limit {
                await h.send(id: "r\(sent)")
                sent += 1
                if done(self) { return now - start }
                h.clock.advance(by: 1 / rate)
                if done(self) { return now - start }
            }
            return nil
        }
    }

    @Test func aSustainedLatencyJumpEjectsWithinFiveSecondsAndItsEndRecoversWithinFive() async throws {
        var load = try Load()
        await load.run(for: 40)
        #expect(load.status("gpt/openai") == .healthy)

        load.h.transport.setLatency("gpt/openai", 0.5)  // 10× its own, 10× its peer's
        let ejected = await load.run(until: 10) { [.ejected, .degraded].contains($0.status("gpt/openai")) }
        let took = try #require(ejected, "openai never left healthy")
        #expect(took <= 5, "took \(took) s")
        let events = load.h.engine.snapshot(info: load.h.info).events
        #expect(events.contains { $0.kind == .ejected && $0.from == "gpt/openai" && $0.reason.hasPrefix("p95") })

        // Sustained: it stays out of the healthy state while the jump lasts (ejected, or on probation when tried again).
        await load.run(for: 15) { #expect($0.status("gpt/openai") != .healthy, "healthy again mid-jump at \($0.now)") }

        load.h.transport.setLatency("gpt/openai", 0.05)
        let recovered = await load.run(until: 10) { $0.status("gpt/openai") == .healthy }
        let back = try #require(recovered, "openai never recovered")
        #expect(back <= 5, "took \(back) s")
        #expect(load.h.engine.snapshot(info: load.h.info).events.contains { $0.kind == .restored && $0.from == "gpt/openai" })
    }

    @Test func aFastDeploymentSlowedSixfoldIsSeenWithinFiveSecondsEvenThoughItsPeerIsSlowToo() async throws {
        // openai usually answers in 50 ms, azure in 120 ms; openai slowing 6× leaves it 2.5× its peer, under the
        // peers' threshold: only its own history says something is wrong.
        var load = try Load()
        load.h.transport.setLatency("gpt/azure", 0.12)
        await load.run(for: 40)
        #expect(load.status("gpt/openai") == .healthy)

        load.h.transport.setLatency("gpt/openai", 0.3)
        let ejected = await load.run(until: 10) { [.ejected, .degraded].contains($0.status("gpt/openai")) }
        let took = try #require(ejected, "openai never left healthy")
        #expect(took <= 5, "took \(took) s")
        let events = load.h.engine.snapshot(info: load.h.info).events
        #expect(events.contains { $0.kind == .ejected && $0.from == "gpt/openai" && $0.reason.contains("its usual") },
                "\(events.map(\.reason))")

        // Its usual latency is held while it is out: 15 s of the jump do not become the new normal.
        await load.run(for: 15) { #expect($0.status("gpt/openai") != .healthy, "healthy again mid-jump at \($0.now)") }

        load.h.transport.setLatency("gpt/openai", 0.05)
        let recovered = await load.run(until: 10) { $0.status("gpt/openai") == .healthy }
        let back = try #require(recovered, "openai never recovered")
        #expect(back <= 5, "took \(back) s")
        #expect(!events.contains { $0.from == "gpt/azure" }, "azure was never the outlier")
    }

    @Test func answersStillRunningPastTheThresholdEjectBeforeAnyOfThemEnds() throws {
        let routing = RoutingTable(index: CatalogIndex(catalog: fixtureCatalog()), exploration: 0)
        var state = EngineState(routing: routing, seed: 1, config: EngineConfig())
        let deployments = routing.index.catalog.deployments
        let openai = try #require(deployments.firstIndex { $0.id == "gpt/openai" })
        let azure = try #require(deployments.firstIndex { $0.id == "gpt/azure" })
        let ok = AttemptOutcome.success(UpstreamSuccess(inputTokens: 10, outputTokens: 10))
        func answer(_ d: Int, at t: Double, latency: Double) {
            state.admit(d, now: t)
            _ = state.recordAttempt(d, outcome: ok, latency: latency, cost: 0, now: t + latency, requestID: "r")
        }
        // 40 s of both answering in 50 ms, ten a second each.
        for k in 0..<400 {
            let t = Double(k) / 10
            answer(openai, at: t, latency: 0.05)
            answer(azure, at: t, latency: 0.05)
        }
        // From 40 s openai's answers stop coming back: each attempt runs on (as a hung or very long answer does)
        // and none ends within the test, so no finished sample is slow.
        var ejectedAt: Double?
        for k in 0..<50 {
            let t = 40 + Double(k) / 10
            state.admit(openai, now: t)
            answer(azure, at: t, latency: 0.05)
            state.evaluateEjectionsIfDue(now: t + 0.05)
            if ejectedAt == nil, state.deployments[openai].isEjected(now: t + 0.05) { ejectedAt = t + 0.05 }
        }
        let at = try #require(ejectedAt, "attempts running for seconds never counted")
        #expect(at - 40 <= 1, "took \(at - 40) s")
        let events = state.events.elements
        #expect(events.contains { $0.kind == .ejected && $0.reason.contains("still running") }, "\(events.map(\.reason))")
        #expect(state.deployments[azure].latency == .normal)
    }

    @Test func aQuietDeploymentIsJudgedOnALongerWindow() async throws {
        // About two requests a second reach openai: too few for 3 s, enough for the window stretched to 10 s.
        var load = try Load()
        load.rate = 3
        await load.run(for: 40)
        load.h.transport.setLatency("gpt/openai", 0.5)
        let ejected = await load.run(until: 20) { $0.status("gpt/openai") == .ejected }
        let took = try #require(ejected, "openai never ejected")
        #expect(took <= 10, "took \(took) s")
    }

    @Test func steadyTrafficWithTheOddSlowOrFailedRequestEjectsNothing() async throws {
        var load = try Load()
        load.rate = 20
        await load.run(for: 30)
        // Every 10 s one request on each deployment is 40× slower, and every 4 s one on azure fails: never a trend.
        for second in 0..<60 {
            if second % 10 == 0 {
                load.h.transport.script("gpt/openai", .ok(latency: 2))
                load.h.transport.script("gpt/azure", .ok(latency: 2))
            }
            if second % 4 == 0 { load.h.transport.script("gpt/azure", .fail(503)) }
            await load.run(for: 1) { load in
                // openai never fails: healthy throughout. azure's odd failure may show it degraded by its error
                // rate, never out of rotation.
                #expect(load.status("gpt/openai") == .healthy, "openai at \(load.now)")
                #expect(![.ejected, .open].contains(load.status("gpt/azure")), "azure at \(load.now)")
            }
        }
        let events = load.h.engine.snapshot(info: load.h.info).events
        #expect(!events.contains { [.ejected, .breakerOpened].contains($0.kind) }, "\(events.map(\.reason))")
    }

    @Test func anOutageShowsItsProviderRedWithinASecond() async throws {
        // Traffic enough for azure (a quarter of it) to see a few attempts in a second.
        var load = try Load(latency: 0.02)
        load.rate = 40
        await load.run(for: 30)
        #expect(load.provider("azure") == .healthy)
        // azure refuses everything from now on (more failures scripted than the test can use).
        for _ in 0..<500 { load.h.transport.script("gpt/azure", .fail(503, latency: 0.001)) }
        let red = await load.run(until: 5) { $0.provider("azure") == .open }
        let took = try #require(red, "azure never opened")
        #expect(took <= 1, "took \(took) s")
        let events = load.h.engine.snapshot(info: load.h.info).events
        #expect(events.contains { $0.kind == .breakerOpened && $0.from == "gpt/azure" && $0.reason.hasPrefix("outage") },
                "\(events.map { "\($0.kind) \($0.reason)" })")
    }
}

import Testing
@testable import SwitchyardCore

@Suite struct CircuitBreakerTests {
    private func config() -> BreakerConfig {
        var c = BreakerConfig()
        c.consecutiveFailures = 3
        c.minRequests = 10
        c.errorRateThreshold = 0.5
        c.errorRateWindow = 30
        c.openInterval = 15
        return c
    }

    @Test func opensOnConsecutiveFailuresThenHalfOpensAndCloses() {
        let clock = ManualClock()
        var b = CircuitBreaker(config: config())
        #expect(b.record(healthFailure: true, now: clock.now()) == .none)
        #expect(b.record(healthFailure: true, now: clock.now()) == .none)
        #expect(b.record(healthFailure: true, now: clock.now()) == .opened(reason: "3 consecutive failures"))
        #expect(b.state == .open && !b.admits)

        clock.advance(by: 14)
        #expect(b.refresh(now: clock.now()) == .none)
        clock.advance(by: 1)
        #expect(b.refresh(now: clock.now()) == .halfOpened)
        #expect(b.state == .halfOpen && b.admits)
        b.admit()
        #expect(!b.admits) // one probe only
        #expect(b.record(healthFailure: false, now: clock.now()) == .closed)
        #expect(b.state == .closed)
    }

    @Test func probeFailureReopens() {
        let clock = ManualClock()
        var b = CircuitBreaker(config: config())
        for _ in 0..<3 { _ = b.record(healthFailure: true, now: clock.now()) }
        clock.advance(by: 15)
        _ = b.refresh(now: clock.now())
        b.admit()
        #expect(b.record(healthFailure: true, now: clock.now()) == .opened(reason: "probe failed"))
        #expect(b.state == .open)
        clock.advance(by: 10)
        #expect(b.refresh(now: clock.now()) == .none) // the open interval restarts
    }

    @Test func successResetsConsecutiveCount() {
        var b = CircuitBreaker(config: config())
        for _ in 0..<5 {
            _ = b.record(healthFailure: true, now: 0)
            _ = b.record(healthFailure: true, now: 0)
            _ = b.record(healthFailure: false, now: 0)
        }
        // 10 failures of 15 (67 %) would trip the rate rule: check the consecutive rule alone first.
        var strict = config()
        strict.minRequests = 1000
        var c = CircuitBreaker(config: strict)
        for _ in 0..<5 {
            _ = c.record(healthFailure: true, now: 0)
            _ = c.record(healthFailure: true, now: 0)
            _ = c.record(healthFailure: false, now: 0)
        }
        #expect(c.state == .closed)
        #expect(b.state == .open)
    }

    @Test func opensOnErrorRateWithMinimumRequests() {
        var c = config()
        c.consecutiveFailures = 100
        var b = CircuitBreaker(config: c)
        // 4 failures of 8: under the minimum request count, stays closed.
        for i in 0..<8 { _ = b.record(healthFailure: i % 2 == 0, now: Double(i)) }
        #expect(b.state == .closed)
        // Failure-heavy traffic: 2 of every 3 fail.
        var transition = BreakerTransition.none
        for i in 0..<12 where b.state == .closed {
            transition = b.record(healthFailure: i % 3 != 0, now: 8 + Double(i))
        }
        #expect(b.state == .open)
        if case .opened(let reason) = transition { #expect(reason.hasPrefix("error rate")) } else { Issue.record("not opened by rate") }
    }

    @Test func oldFailuresLeaveTheRateWindow() {
        var c = config()
        c.consecutiveFailures = 100
        var b = CircuitBreaker(config: c)
        for i in 0..<9 { _ = b.record(healthFailure: true, now: Double(i) * 0.1) }
        // 40 s later the failures are out of the 30 s window: successes plus one failure stay closed.
        for i in 0..<10 { _ = b.record(healthFailure: false, now: 40 + Double(i) * 0.1) }
        _ = b.record(healthFailure: true, now: 41)
        #expect(b.state == .closed)
    }

    @Test func engineBreakerTransitionsAndEvents() async throws {
        var config = testConfig()
        config.breaker.consecutiveFailures = 2
        config.breaker.openInterval = 10
        config.maxRetriesPerDeployment = 1
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), config: config)
        h.transport.script("gpt/openai", .fail(500), .fail(502))
        let first = await h.send()
        #expect(first.servedBy?.id == "gpt/azure")
        #expect(h.engine.breakerState(of: "gpt/openai") == .open)

        h.clock.advance(by: 10)
        #expect(h.engine.breakerState(of: "gpt/openai") == .halfOpen)
        let probe = await h.send()
        #expect(probe.servedBy?.id == "gpt/openai")
        #expect(h.engine.breakerState(of: "gpt/openai") == .closed)

        let kinds = h.engine.snapshot(info: h.info).events.map(\.kind).filter {
            [.breakerOpened, .breakerHalfOpen, .breakerClosed].contains($0)
        }
        #expect(kinds == [.breakerOpened, .breakerHalfOpen, .breakerClosed])
    }

    @Test func clientErrorsDoNotCountAsHealthFailures() async throws {
        var config = testConfig()
        config.breaker.consecutiveFailures = 2
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), config: config)
        h.transport.script("gpt/openai", .fail(400), .fail(400), .fail(422))
        for _ in 0..<3 { await h.send() }
        #expect(h.engine.breakerState(of: "gpt/openai") == .closed)
    }
}

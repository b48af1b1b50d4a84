import Testing
@testable import SwitchyardCore

@Suite struct AttemptLoopTests {
    @Test func retryThenNextDeploymentThenFallbackGroupInOrder() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", .fail(503), .fail(503))
        h.transport.script("gpt/azure", .fail(429))
        let r = await h.send(id: "req-1")

        #expect(r.status == 200)
        #expect(r.servedBy?.id == "claude/anthropic")
        #expect(r.attempts.map(\.deployment) == ["gpt/openai", "gpt/openai", "gpt/azure", "claude/anthropic"])
        #expect(r.attempts.map(\.decision) == [.retrySame, .nextDeployment, .fallbackGroup, .answered])
        #expect(r.attempts.map(\.status) == [503, 503, 429, 200])
        #expect(r.attempts.map(\.index) == [1, 2, 3, 4])
        #expect(r.attempts[0].backoff > 0 && r.attempts[0].backoff <= testConfig().backoffCap)
        #expect(r.attempts[1].backoff == 0)
        #expect(h.transport.calls == ["gpt/openai", "gpt/openai", "gpt/azure", "claude/anthropic"])

        let fallbacks = h.engine.snapshot(info: h.info).events.filter { $0.kind == .fallback }
        #expect(fallbacks.map(\.from) == ["gpt/openai", "gpt"])
        #expect(fallbacks.map(\.to) == ["gpt/azure", "claude"])
        #expect(fallbacks.map(\.reason) == ["503", "429"])
        #expect(fallbacks.allSatisfy { $0.requestID == "req-1" })

        let record = try #require(h.engine.snapshot(info: h.info).requests.last)
        #expect(record.fellBack)
        #expect(record.servedBy == "claude/anthropic")
        #expect(record.attempts.count == 4)
    }

    @Test func nonRetryableErrorIsPassedThroughAtOnce() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", .fail(400))
        let r = await h.send()
        #expect(r.status == 400)
        #expect(r.attempts.count == 1)
        #expect(r.attempts[0].decision == .gaveUp)
        #expect(h.transport.calls == ["gpt/openai"])
        guard case .failure(let e) = r.result else { Issue.record("expected failure"); return }
        #expect(e.kind == .invalidRequest)
        #expect(e.message == "upstream 400")
    }

    @Test func cooldownHonoursRetryAfter() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", .fail(429, retryAfter: 30, latency: 0))
        let start = h.clock.now()
        let r = await h.send()
        // retry-after 30 s exceeds the backoff cap: no retry on the same deployment.
        #expect(r.attempts.map(\.decision) == [.nextDeployment, .answered])
        let snap = h.engine.snapshot(info: h.info)
        let openai = try #require(snap.deployments.first { $0.id == "gpt/openai" })
        #expect(openai.status == .cooling)
        #expect(abs((openai.coolingUntil ?? 0) - (start + 30)) < 1e-6)
        #expect(openai.trafficShare == 0)
        #expect(snap.events.contains { $0.kind == .cooldown && $0.from == "gpt/openai" })

        h.clock.advance(by: 20)
        #expect(await h.send().servedBy?.id == "gpt/azure")
        h.clock.advance(by: 11)
        #expect(await h.send().servedBy?.id == "gpt/openai")
    }

    @Test func shortRetryAfterRetriesSameDeploymentAfterWaiting() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", .fail(429, retryAfter: 1.5, latency: 0))
        let r = await h.send()
        #expect(r.attempts.map(\.decision) == [.retrySame, .answered])
        #expect(r.attempts[0].backoff >= 1.5)
        #expect(r.servedBy?.id == "gpt/openai")
    }

    @Test func everyDeploymentCoolingGives429WithSmallestRetryAfter() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", .fail(429, retryAfter: 20, latency: 0))
        h.transport.script("gpt/azure", .fail(429, retryAfter: 10, latency: 0))
        h.transport.script("claude/anthropic", .fail(429, retryAfter: 40, latency: 0))
        let first = await h.send()
        #expect(first.status == 429)
        #expect(first.attempts.count == 3)
        guard case .failure(let e1) = first.result else { Issue.record("expected failure"); return }
        #expect(abs((e1.retryAfter ?? 0) - 10) < 1e-6)

        h.clock.advance(by: 4)
        let second = await h.send()
        #expect(second.status == 429)
        #expect(second.attempts.isEmpty)
        guard case .failure(let e2) = second.result else { Issue.record("expected failure"); return }
        #expect(abs((e2.retryAfter ?? 0) - 6) < 1e-6)
    }

    @Test func allServerErrorsGive502AndTimeouts504() async throws {
        var config = testConfig()
        config.breaker.consecutiveFailures = 100
        let h = try Harness(config: config)
        for d in ["gpt/openai", "gpt/azure", "claude/anthropic"] {
            h.transport.script(d, .fail(500), .fail(503))
        }
        let r = await h.send()
        #expect(r.status == 502)
        #expect(r.attempts.count == 6)
        #expect(r.attempts.last?.decision == .gaveUp)

        guard case .failure(let e) = r.result else { Issue.record("expected failure"); return }
        #expect(e.message.contains("attempts: gpt/") && e.message.contains("claude/anthropic 503"))

        for d in ["gpt/openai", "gpt/azure", "claude/anthropic"] {
            h.transport.script(d, .timeout(), .timeout())
        }
        #expect(await h.send().status == 504)
    }

    @Test func everyUpstreamUnreachableIsA503NamingTheAttempts() async throws {
        var config = testConfig()
        config.breaker.consecutiveFailures = 100
        let h = try Harness(config: config)
        let refused = ScriptedTransport.Step(
            result: .failure(UpstreamFailure(errorClass: .connect, message: "connection refused")), latency: 0.01)
        for d in ["gpt/openai", "gpt/azure", "claude/anthropic"] {
            h.transport.script(d, refused, refused)
        }
        let r = await h.send()
        #expect(r.status == 503)
        guard case .failure(let e) = r.result else { Issue.record("expected failure"); return }
        #expect(e.message.contains("unreachable"))
        #expect(e.message.contains("gpt/openai connect") && e.message.contains("claude/anthropic connect"))
    }

    @Test func totalAttemptCapStopsTheLoop() async throws {
        var config = testConfig()
        config.maxAttempts = 3
        config.breaker.consecutiveFailures = 100
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), config: config)
        for d in ["gpt/openai", "gpt/azure", "claude/anthropic"] {
            h.transport.script(d, .fail(500), .fail(500))
        }
        let r = await h.send()
        #expect(r.attempts.count == 3)
        #expect(r.status == 502)
    }

    @Test func nothingAvailableGives503AndUnknownModel404() async throws {
        let h = try Harness()
        for p in ["openai", "azure", "anthropic"] {
            #expect(h.engine.apply(.disableProvider(p), actor: "test").ok)
        }
        let r = await h.send()
        #expect(r.status == 503)
        #expect(r.attempts.isEmpty)

        let unknown = await h.send("gpt-5")
        #expect(unknown.status == 404)
        guard case .failure(let e) = unknown.result else { Issue.record("expected failure"); return }
        #expect(e.kind == .unknownModel)
        #expect(e.message.contains("gpt") && e.message.contains("claude"))
    }

    @Test func invalidCatalogIsRefused() {
        var catalog = fixtureCatalog()
        catalog.models[0].fallbacks = ["nope"]
        #expect(throws: CatalogError.self) {
            _ = try GatewayEngine(catalog: catalog, transport: ScriptedTransport(clock: ManualClock()))
        }
    }
}

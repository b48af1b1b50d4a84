import Foundation
import Testing
@testable import SwitchyardCore

/// The engine's traces: what a request's spans say about its routing, attempts, waits and admission.
@Suite struct TraceRecordingTests {
    static let clientTrace = TraceContext(
        traceID: "4bf92f3577b34da6a3ce929d0e0e4736", parentSpanID: "00f067aa0ba902b7", sampled: true)

    private func request(_ id: String, model: String = "gpt", ingress: IngressTiming? = nil) -> GatewayRequest {
        GatewayRequest(id: id, model: model, key: "app", team: "t", inputTokens: 1000, maxOutputTokens: 500,
                       trace: Self.clientTrace, ingress: ingress)
    }

    private func streaming(ttft: Double = 0.2) -> ScriptedTransport.Step {
        .init(result: .success(UpstreamSuccess(inputTokens: 1000, outputTokens: 0, timeToFirstToken: ttft,
                                               body: .stream(.idle))), latency: ttft)
    }

    /// Every span inside the root; attempts and backoffs one after another, together no longer than the root.
    private func expectConsistentTiming(_ trace: RequestTrace, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let root = trace.spans.first else {
            Issue.record("no spans", sourceLocation: sourceLocation)
            return
        }
        #expect(root.name == .request && root.start == 0, sourceLocation: sourceLocation)
        for span in trace.spans.dropFirst() {
            #expect(span.parentSpanID == root.spanID, sourceLocation: sourceLocation)
            #expect(span.start >= -1e-6 && span.end <= root.end + 1e-6, "\(span.name) outside the root",
                    sourceLocation: sourceLocation)
        }
        let timed = trace.spans.filter { $0.name == .attempt || $0.name == .backoff }.sorted { $0.start < $1.start }
        for (a, b) in zip(timed, timed.dropFirst()) {
            #expect(a.end <= b.start + 1e-6, "\(a.name) overlaps \(b.name)", sourceLocation: sourceLocation)
        }
        #expect(timed.reduce(0) { $0 + $1.duration } <= root.duration + 1e-6, sourceLocation: sourceLocation)
        #expect(Set(trace.spans.map(\.spanID)).count == trace.spans.count, "span ids are unique",
                sourceLocation: sourceLocation)
    }

    @Test func retriesMovesAndFallbacksAreSpansWithTheirDecisionsAndReasons() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), tracer: tracer)
        h.transport.script("gpt/openai", .fail(503), .fail(503))
        h.transport.script("gpt/azure", .fail(429))
        let response = await h.engine.handle(request("req-1"))
        #expect(response.status == 200)
        let trace = try #require(try await tracer.trace(id: "req-1"))

        #expect(trace.traceID == Self.clientTrace.traceID)
        #expect(trace.parentSpanID == "00f067aa0ba902b7")
        #expect(trace.spans[0].parentSpanID == "00f067aa0ba902b7")
        #expect(trace.record.servedBy == "claude/anthropic" && trace.record.fellBack)
        #expect(trace.spans[0][attribute: "deployment"] == "claude/anthropic")

        let attempts = trace.spans.filter { $0.name == .attempt }
        #expect(attempts.map { $0[attribute: "deployment"] }
            == ["gpt/openai", "gpt/openai", "gpt/azure", "claude/anthropic"])
        #expect(attempts.map { $0[attribute: "decision"] } == ["retrySame", "nextDeployment", "fallbackGroup", "answered"])
        #expect(attempts.map { $0[attribute: "reason"] } == ["503", "503", "429", nil])
        #expect(attempts.map { $0[attribute: "http.status"] } == ["503", "503", "429", "200"])
        #expect(attempts.map(\.status) == [.error, .error, .error, .ok])
        #expect(attempts.map { $0[attribute: "provider"] } == ["openai", "openai", "azure", "anthropic"])
        #expect(attempts[3][attribute: "tokens.output"] == "500")
        // The ids the transport was handed are the attempt spans' ids.
        #expect(h.transport.spanIDs == attempts.map { Optional($0.spanID) })

        let routes = trace.spans.filter { $0.name == .route }
        #expect(routes.map { $0[attribute: "deployment"] } == ["gpt/openai", "gpt/azure", "claude/anthropic"])
        #expect(routes.map { $0[attribute: "group"] } == ["gpt", "gpt", "claude"])
        #expect(routes.map(\.message) == [nil, "fallback from gpt/openai: 503", "fallback from gpt: 429"])
        let first = try #require(routes.first?.candidates)
        #expect(first.map(\.deployment) == ["gpt/openai", "gpt/azure"])
        #expect(first.map(\.state) == ["available", "available"])
        #expect(first.map(\.picked) == [true, false])
        // Priority routing: the whole share goes to the first tier.
        #expect(first.map(\.share) == [1, 0])
        #expect(first.map(\.priority) == [0, 1])
        #expect(first.map(\.weight) == [3, 1])
        let second = try #require(routes[1].candidates)
        #expect(second.map(\.state) == ["tried", "available"])
        #expect(second.map(\.share) == [nil, 1])
        #expect(second.map(\.picked) == [false, true])
        #expect(routes[2].candidates?.map(\.picked) == [true])

        let backoffs = trace.spans.filter { $0.name == .backoff }
        #expect(backoffs.count == 1)
        #expect(backoffs.first?.message == "retry after 503")
        #expect(abs((backoffs.first?.duration ?? 0) - response.attempts[0].backoff) < 1e-6)
        #expect(backoffs.first.map { $0.start >= attempts[0].end - 1e-6 && $0.end <= attempts[1].start + 1e-6 } == true)
        expectConsistentTiming(trace)
    }

    @Test func aStreamedAttemptRunsToTheStreamsEndAndCarriesItsFirstTokenTime() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), tracer: tracer)
        h.transport.script("gpt/openai", streaming(ttft: 0.2))
        let response = await h.engine.handle(request("s1"))
        let lease = try #require(response.lease)
        // Still streaming: nothing recorded yet.
        #expect(try await tracer.trace(id: "s1") == nil)

        h.clock.advance(by: 3)
        await lease.finish(inputTokens: 1000, outputTokens: 400)
        let trace = try #require(try await tracer.trace(id: "s1"))
        let attempt = try #require(trace.spans.first { $0.name == .attempt })
        #expect(attempt[attribute: "ttft"] == "0.2")
        #expect(abs(attempt.duration - 3.2) < 1e-6)
        #expect(attempt[attribute: "tokens.output"] == "400")
        #expect(attempt[attribute: "decision"] == "answered")
        #expect(attempt.status == .ok)
        #expect(trace.spans[0].duration >= attempt.end)
        #expect(trace.spans[0][attribute: "stream"] == "true")
        expectConsistentTiming(trace)
    }

    @Test func aStreamThatBreaksEndsItsAttemptInError() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), tracer: tracer)
        h.transport.script("gpt/openai", streaming())
        let response = await h.engine.handle(request("s2"))
        h.clock.advance(by: 1)
        let failure = UpstreamFailure(errorClass: .server, message: "connection reset mid-stream")
        await try #require(response.lease).finish(inputTokens: 1000, outputTokens: 50, failure: failure)
        let trace = try #require(try await tracer.trace(id: "s2"))
        let attempt = try #require(trace.spans.first { $0.name == .attempt })
        #expect(attempt.status == .error)
        #expect(attempt.message == "connection reset mid-stream")
        #expect(trace.spans[0].status == .error && trace.spans[0][attribute: "http.status"] == "502")
    }

    @Test func aBudgetRefusalLeavesATraceWithTheAdmissionSpanInError() async throws {
        let tracer = TraceRecorder()
        let admission = RecordingAdmission { _, _ in
            .rejected(GatewayError(kind: .budgetExceeded, status: 429, message: "budget team:t daily is exhausted",
                                   code: "budget_exceeded"))
        }
        let h = try Harness(admission: admission, tracer: tracer)
        let response = await h.engine.handle(request("b1"))
        #expect(response.status == 429)
        let trace = try #require(try await tracer.trace(id: "b1"))
        #expect(trace.spans.map(\.name) == [.request, .admission])
        let admit = trace.spans[1]
        #expect(admit.status == .error)
        #expect(admit.message == "budget team:t daily is exhausted")
        #expect(admit[attribute: "outcome"] == "rejected")
        #expect(admit[attribute: "code"] == "budget_exceeded")
        #expect(trace.spans[0].status == .error && trace.record.status == 429)
        #expect(h.transport.calls.isEmpty)
    }

    @Test func aDowngradeShowsOnTheAdmissionAndTheFirstRoute() async throws {
        let tracer = TraceRecorder()
        let admission = RecordingAdmission { request, id in
            .downgraded(RecordingAdmission.ticket(id: id, for: request, model: "claude"), reason: "team:t daily")
        }
        let h = try Harness(admission: admission, tracer: tracer)
        #expect(await h.engine.handle(request("d1")).servedBy?.id == "claude/anthropic")
        let trace = try #require(try await tracer.trace(id: "d1"))
        let admit = try #require(trace.spans.first { $0.name == .admission })
        #expect(admit[attribute: "outcome"] == "downgraded")
        #expect(admit[attribute: "downgraded_to"] == "claude")
        #expect(admit.message == "downgraded to claude because budget team:t daily is exhausted")
        #expect(admit[attribute: "ratelimit.remaining_requests"] == "59")
        #expect(admit[attribute: "reserved"] == "0.01")
        let route = try #require(trace.spans.first { $0.name == .route })
        #expect(route[attribute: "group"] == "claude")
        #expect(route.message == "downgraded from gpt")
        #expect(trace.spans[0][attribute: "downgraded_from"] == "gpt")
    }

    @Test func aGroupWithNothingToPickGetsAnErrorRouteSpan() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), tracer: tracer)
        _ = h.engine.apply(.disableDeployment("gpt/openai"), actor: "test")
        h.transport.script("gpt/azure", .fail(429, retryAfter: 60, latency: 0))
        // A first request puts azure in cooldown.
        _ = await h.engine.handle(request("warm"))
        let response = await h.engine.handle(request("n1"))
        #expect(response.servedBy?.id == "claude/anthropic")
        let trace = try #require(try await tracer.trace(id: "n1"))
        let routes = trace.spans.filter { $0.name == .route }
        #expect(routes.count == 2)
        #expect(routes[0].status == .error && routes[0].message == "no deployment available")
        #expect(routes[0].candidates?.map(\.state) == ["disabled", "cooling"])
        #expect(routes[0].candidates?.allSatisfy { !$0.picked && $0.share == nil } == true)
        #expect(routes[1].message == "fallback from gpt: unavailable")
        #expect(routes[1].status == .ok)
        expectConsistentTiming(trace)
    }

    @Test func ingressStepsStartTheTraceAndKeepTheirOrder() async throws {
        var config = TracingConfig()
        config.captureBodies = true
        let tracer = TraceRecorder(config: config)
        let h = try Harness(tracer: tracer)
        let t0 = h.clock.now()
        var ingress = IngressTiming(start: t0, requestBody: #"{"model":"gpt"}"#)
        ingress.add(.auth, start: t0, end: t0 + 0.002, attributes: [TraceAttribute("key", "app")])
        ingress.add(.parse, start: t0 + 0.002, end: t0 + 0.005)
        h.clock.advance(by: 0.005)
        // A request that came through an ingress gets its trace back to finish; the engine records nothing.
        let trace = try #require(await h.engine.handle(request("i1", ingress: ingress)).trace)
        #expect(try await tracer.trace(id: "i1") == nil)
        #expect(Array(trace.spans.map(\.name).prefix(3)) == [.request, .auth, .parse])
        #expect(trace.spans[1].start == 0 && abs(trace.spans[1].duration - 0.002) < 1e-6)
        #expect(abs(trace.spans[2].start - 0.002) < 1e-6)
        // The engine's spans come after the ingress's on the same clock.
        let attempt = try #require(trace.spans.first { $0.name == .attempt })
        #expect(attempt.start >= 0.005 - 1e-6)
        #expect(trace.requestBody == #"{"model":"gpt"}"#)
        expectConsistentTiming(trace)
    }

    @Test func bodiesAreDroppedUnlessTheConfigurationKeepsThem() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(tracer: tracer)
        let response = await h.engine.handle(
            request("nb", ingress: IngressTiming(start: h.clock.now(), requestBody: "secret prompt")))
        let trace = try #require(response.trace)
        #expect(trace.requestBody == nil)
    }

    @Test func anUnknownModelIsTracedToo() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(tracer: tracer)
        #expect(await h.engine.handle(request("u1", model: "nope")).status == 404)
        let trace = try #require(try await tracer.trace(id: "u1"))
        #expect(trace.spans.map(\.name) == [.request])
        #expect(trace.spans[0].status == .error)
        #expect(trace.spans[0].message?.contains("unknown model 'nope'") == true)
    }

    @Test func secretsInUpstreamMessagesAreRedacted() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), tracer: tracer)
        let secret = "sk-live-ABCDEF0123456789abcdefXYZ"
        h.transport.script("gpt/openai", .init(
            result: .failure(UpstreamFailure(errorClass: .other, status: 401, message: "invalid key \(secret)")),
            latency: 0.01))
        #expect(await h.engine.handle(request("x1")).status == 401)
        let trace = try #require(try await tracer.trace(id: "x1"))
        let json = String(decoding: try JSONEncoder().encode(trace), as: UTF8.self)
        #expect(!json.contains("ABCDEF0123456789"))
        #expect(json.contains("invalid key [redacted]"))
    }

    /// A key pasted into `model` is an unknown model: the client's error already hid it, and so does every
    /// summary kept of the request — the recent requests (status and feed), the trace and its attributes.
    @Test func aSecretSentAsTheModelIsRedactedInEverySummary() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), tracer: tracer)
        let secret = "sk-proj-ABCDEF0123456789abcdefXYZ"
        #expect(await h.engine.handle(request("m1", model: secret)).status == 404)
        let record = try #require(h.engine.snapshot(info: h.info).requests.first { $0.id == "m1" })
        let trace = try #require(try await tracer.trace(id: "m1"))
        for (what, text) in [
            ("record", String(decoding: try JSONEncoder().encode(record), as: UTF8.self)),
            ("trace", String(decoding: try JSONEncoder().encode(trace), as: UTF8.self)),
        ] {
            #expect(!text.contains("ABCDEF0123456789"), "\(what): \(text)")
            #expect(text.contains("[redacted]"), "\(what): \(text)")
        }
        #expect(trace.spans[0][attribute: "model"]?.contains("ABCDEF") == false)
    }

    @Test func aClientThatLeavesEndsTheTraceWithTheCutAttempt() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), tracer: tracer)
        h.transport.script("gpt/openai", .fail(503))
        let request = request("gone")
        let task = Task { () -> GatewayResponse in
            withUnsafeCurrentTask { $0?.cancel() }
            return await h.engine.handle(request)
        }
        #expect(await task.value.status == 499)
        let trace = try #require(try await tracer.trace(id: "gone"))
        let attempt = try #require(trace.spans.first { $0.name == .attempt })
        #expect(attempt.status == .error && attempt.message == "client closed the request")
        #expect(attempt[attribute: "reason"] == "cancelled")
        #expect(attempt.spanID == h.transport.spanIDs.first ?? nil)
        #expect(trace.spans[0][attribute: "http.status"] == "499")
    }

    @Test func withoutARecorderNothingIsTracedAndNoSpanIDsGoUpstream() async throws {
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority))
        h.transport.script("gpt/openai", .fail(503))
        #expect(await h.engine.handle(request("n")).status == 200)
        #expect(h.engine.tracer == nil)
        #expect(h.transport.spanIDs == [nil, nil])
    }

    @Test func aDisabledRecorderRecordsNothing() async throws {
        var config = TracingConfig()
        config.enabled = false
        let tracer = TraceRecorder(config: config)
        let h = try Harness(tracer: tracer)
        #expect(await h.engine.handle(request("off")).status == 200)
        #expect(tracer.count == 0)
        #expect(h.transport.spanIDs == [nil])
    }

    @Test func aRequestWithoutATraceContextGetsOneThatTheUpstreamCallJoins() async throws {
        let tracer = TraceRecorder()
        let h = try Harness(tracer: tracer)
        _ = await h.send(id: "plain")
        let trace = try #require(try await tracer.trace(id: "plain"))
        #expect(trace.traceID.count == 32 && trace.parentSpanID == nil)
        #expect(trace.spans[0].parentSpanID == nil)
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import SwitchyardConfig
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardSim
@testable import SwitchyardSimServer
import Testing

/// Request traces through the real HTTP ingress: the ingress's spans, the attempt ids sent upstream, refusals,
/// the response write, and that no secret ends up in a stored trace.
@Suite struct GatewayTracingTests {
    static let clientTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    /// The recorded trace of request `id`, once it has its `response.write` span (added after the answer is out).
    private func writtenTrace(_ gw: GatewayHarness, _ id: String) async throws -> RequestTrace {
        let tracer = try #require(gw.engine.tracer)
        let trace = try await eventually(seconds: 5) { () -> RequestTrace? in
            guard let trace = try await tracer.trace(id: id), trace.spans.contains(where: { $0.name == .write })
            else { return nil }
            return trace
        }
        return try #require(trace, "no written trace for \(id)")
    }

    /// Spans nested in the root; attempts and backoffs one after another, together no longer than the root.
    private func expectConsistentTiming(_ trace: RequestTrace, sourceLocation: SourceLocation = #_sourceLocation) {
        let root = trace.spans[0]
        #expect(root.name == .request && root.start == 0, sourceLocation: sourceLocation)
        for span in trace.spans.dropFirst() {
            #expect(span.parentSpanID == root.spanID, sourceLocation: sourceLocation)
            #expect(span.start >= -1e-6 && span.end <= root.end + 1e-6, "\(span.name) outside the root",
                    sourceLocation: sourceLocation)
        }
        let timed = trace.spans.filter { $0.name == .attempt || $0.name == .backoff }.sorted { $0.start < $1.start }
        for (a, b) in zip(timed, timed.dropFirst()) {
            #expect(a.end <= b.start + 1e-6, sourceLocation: sourceLocation)
        }
        #expect(timed.reduce(0) { $0 + $1.duration } <= root.duration + 1e-6, sourceLocation: sourceLocation)
    }

    @Test func theUpstreamTraceparentNamesTheAttemptSpanOfTheRecordedTrace() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let dead = refusing.port
        try await withTracedGateway(
            sims: [gatewaySimOptions(name: "backup")],
            yaml: { GatewayYAML.primaryAndBackup(["http://127.0.0.1:\(dead)", $0[0]]) }
        ) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"),
                                              headers: [("traceparent", Self.clientTraceparent),
                                                        ("x-request-id", "traced-1")])
            #expect(response.status == 200)
            let trace = try await writtenTrace(gw, "traced-1")
            #expect(trace.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
            #expect(trace.parentSpanID == "00f067aa0ba902b7")
            // The refused connection is retried once after a backoff, then the backup answers.
            #expect(trace.spans.map(\.name)
                == [.request, .parse, .route, .attempt, .backoff, .attempt, .route, .attempt, .write])

            let attempts = trace.spans.filter { $0.name == .attempt }
            #expect(attempts.map { $0[attribute: "deployment"] } == ["chat/primary", "chat/primary", "chat/backup"])
            #expect(attempts.map { $0[attribute: "error.class"] } == ["connect", "connect", nil])
            #expect(attempts.map { $0[attribute: "decision"] } == ["retrySame", "nextDeployment", "answered"])
            #expect(trace.spans.first { $0.name == .backoff }?.message == "retry after connect")
            let answered = try #require(attempts.last)
            let head = try #require(answered[attribute: "time_to_head"].flatMap(Double.init))
            #expect(head > 0 && head <= answered.duration + 0.01, "two clocks: allow for their drift")
            let upstream = try #require(gw.sims[0].server.recentRequests.last?.headers["traceparent"])
            let context = try #require(TraceContext(traceparent: upstream))
            #expect(context.traceID == trace.traceID)
            #expect(context.parentSpanID == answered.spanID)
            #expect(trace.spans.filter { $0.name == .route }.last?.message?.hasPrefix("fallback from chat/primary") == true)

            let parse = trace.spans[1]
            #expect(parse.start == 0, "the root starts with the first ingress span")
            #expect(parse[attribute: "endpoint"] == "/v1/chat/completions")
            #expect(parse[attribute: "wire.format"] == "openai")
            #expect(parse[attribute: "body.bytes"] == String(chatBody(model: "chat").utf8.count))
            let write = try #require(trace.spans.last)
            #expect(write[attribute: "body.bytes"].flatMap(Int.init) == response.body.readableBytes)
            #expect(trace.requestBody == nil && trace.responseBody == nil, "bodies are off by default")
            expectConsistentTiming(trace)
        }
    }

    @Test func aStreamedAnswerHasItsFirstTokenTimeAndItsWriteSpan() async throws {
        try await withTracedGateway(
            sims: [gatewaySimOptions(name: "only")],
            yaml: { GatewayYAML.single($0[0], extra: "tracing: { bodies: true }") }
        ) { gw in
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true),
                                             headers: [("x-request-id", "streamed-1")])
            #expect(stream.status == 200 && stream.failure == nil)
            let trace = try await writtenTrace(gw, "streamed-1")
            let attempt = try #require(trace.spans.first { $0.name == .attempt })
            let ttft = try #require(attempt[attribute: "ttft"].flatMap(Double.init))
            #expect(ttft > 0 && ttft <= attempt.duration + 0.01, "two clocks: allow for their drift")
            let write = try #require(trace.spans.first { $0.name == .write })
            #expect(write.status == .ok)
            #expect(write[attribute: "frames"].flatMap(Int.init) == stream.events.count)
            #expect(trace.responseBody?.hasSuffix("data: [DONE]\n\n") == true, "\(trace.responseBody ?? "nil")")
            #expect(trace.spans[0].end >= write.end)
            expectConsistentTiming(trace)
        }
    }

    @Test func anAnthropicStreamIsTracedToItsMessageStop() async throws {
        try await withTracedGateway(
            sims: [gatewaySimOptions(name: "only")],
            yaml: { GatewayYAML.single($0[0], extra: "tracing: { bodies: true }") }
        ) { gw in
            let stream = try await gw.stream("/v1/messages", messagesBody(model: "chat", stream: true),
                                             headers: [("x-request-id", "anthropic-1")])
            #expect(stream.status == 200 && stream.failure == nil)
            let trace = try await writtenTrace(gw, "anthropic-1")
            #expect(trace.spans.map(\.name) == [.request, .parse, .route, .attempt, .write])
            #expect(trace.spans[1][attribute: "wire.format"] == "anthropic")
            #expect(trace.spans[1][attribute: "endpoint"] == "/v1/messages")
            #expect(trace.responseBody?.contains("event: message_stop") == true)
            #expect(trace.requestBody == messagesBody(model: "chat", stream: true))
            expectConsistentTiming(trace)
        }
    }

    @Test func aBadKeyLeavesATraceWithTheAuthSpanInErrorAndNoSecret() async throws {
        try await withTracedGateway(
            sims: [gatewaySimOptions(name: "only")],
            yaml: { GatewayYAML.single($0[0], extra: "governance: { auth: keys }\ntracing: { bodies: true }") },
            governed: true
        ) { gw in
            let wrong = "sk-sy-" + String(repeating: "Zz9", count: 14) + "Q"
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"),
                                              headers: [("authorization", "Bearer \(wrong)"),
                                                        ("x-request-id", "badkey-1")])
            #expect(response.status == 401)
            let trace = try await writtenTrace(gw, "badkey-1")
            #expect(trace.spans.map(\.name) == [.request, .auth, .write])
            let auth = trace.spans[1]
            #expect(auth.status == .error)
            #expect(auth.message?.isEmpty == false)
            #expect(auth[attribute: "http.status"] == "401")
            #expect(trace.spans[0].status == .error && trace.record.status == 401)
            let json = String(decoding: try JSONEncoder().encode(trace), as: UTF8.self)
            #expect(!json.contains(wrong))
            #expect(!json.contains("Zz9Zz9Zz9"))
        }
    }

    @Test func storedTracesHoldNeitherTheKeyNorSecretsFromThePromptAndBodiesAreCapped() async throws {
        try await withTracedGateway(
            sims: [gatewaySimOptions(name: "only")],
            yaml: { GatewayYAML.single($0[0], extra: "governance: { auth: keys }\nteams: [{ name: team-a }]\ntracing: { bodies: true, max_body_bytes: 200 }") },
            governed: true
        ) { gw in
            let governance = try #require(gw.governance)
            let secret = try GatewayGovernanceTests.addKey(governance, name: "app", team: "team-a")
            let promptKey = "sk-live-ABCDEF0123456789abcdefGHIJ"
            let prompt = "my key is \(promptKey) and " + String(repeating: "padding ", count: 40)
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat", content: prompt),
                                              headers: [("authorization", "Bearer \(secret)"),
                                                        ("x-request-id", "redact-1")])
            #expect(response.status == 200, "\(response.text)")
            let trace = try await writtenTrace(gw, "redact-1")
            let json = String(decoding: try JSONEncoder().encode(trace), as: UTF8.self)
            #expect(!json.contains(secret))
            #expect(!json.contains(String(secret.dropFirst(6).prefix(12))))
            #expect(!json.contains(promptKey) && !json.contains("ABCDEF0123456789"))
            let body = try #require(trace.requestBody)
            #expect(body.contains("my key is [redacted] and"))
            #expect(body.utf8.count <= 200)
            #expect(trace.bodyTruncated)
            #expect(trace.responseBody.map { $0.utf8.count <= 200 } == true)
            let auth = try #require(trace.spans.first { $0.name == .auth })
            #expect(auth[attribute: "key"] == "app" && auth[attribute: "team"] == "team-a")
            #expect(trace.record.key == "app")
        }
    }

    @Test func aBodyThatDoesNotParseIsTracedWithItsParseSpanInError() async throws {
        try await withTracedGateway(
            sims: [gatewaySimOptions(name: "only")], yaml: { GatewayYAML.single($0[0]) }
        ) { gw in
            let response = try await gw.post("/v1/chat/completions", "{", headers: [("x-request-id", "broken-1")])
            #expect(response.status == 400)
            let trace = try await writtenTrace(gw, "broken-1")
            #expect(trace.spans.map(\.name) == [.request, .parse, .write])
            #expect(trace.spans[1].status == .error)
            #expect(trace.spans[1].message?.hasPrefix("invalid request body") == true)
            #expect(trace.record.status == 400)
            // Not a request the engine counted: the requests pane does not list it.
            #expect(gw.record("broken-1") == nil)
        }
    }
}

/// `withGateway` with a trace recorder built from the file's `tracing:` section.
func withTracedGateway(
    sims: [SimulatorOptions],
    yaml: @Sendable ([String]) -> String,
    governed: Bool = false,
    _ body: @Sendable (GatewayHarness) async throws -> Void
) async throws {
    try await withGateway(sims: sims, yaml: yaml, governed: governed, traced: true, body)
}

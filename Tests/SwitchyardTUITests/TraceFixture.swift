import SwitchyardCore
@testable import SwitchyardTUI

/// A realistic trace: gpt-4o routed to azure, which answered 503; a backoff, a second pick of openai, which
/// streamed the answer (ttft 310 ms); the response written to the client as it streamed.
enum TraceFixture {
    static let id = "req_7f3a9c21d4e8"

    static let record = RequestRecord(
        id: id, time: Fixture.t0 - 2.4, model: "gpt-4o", servedBy: "gpt-4o/openai", key: "team-a/web", team: "team-a",
        status: 200, latency: 1.482, timeToFirstToken: 0.5431, inputTokens: 2048, outputTokens: 377, cost: 0.0089,
        stream: true, fellBack: true, errorMessage: nil,
        attempts: [
            Fixture.attempt(1, "gpt-4o/azure", status: 503, cls: .server, latency: 0.182, message: "503 service unavailable",
                            decision: .nextDeployment, backoff: 0.05),
            Fixture.attempt(2, "gpt-4o/openai", status: 200, cls: nil, latency: 1.24, message: "ok", decision: .answered,
                            tokens: (2048, 377), cost: 0.0089),
        ])

    static let root = "a1b2c3d4e5f60001"

    static func span(_ n: Int, _ name: TraceSpan.Name, _ start: Double, _ duration: Double,
                     _ attributes: [(String, String)] = [], status: TraceSpan.Status = .ok, message: String? = nil,
                     candidates: [RouteCandidateTrace]? = nil) -> TraceSpan {
        TraceSpan(spanID: String(format: "a1b2c3d4e5f600%02x", n), parentSpanID: n == 1 ? nil : root, name: name,
                  start: start, duration: duration, status: status, message: message,
                  attributes: attributes.map { TraceAttribute($0.0, $0.1) }, candidates: candidates)
    }

    static let firstPick = [
        RouteCandidateTrace(deployment: "gpt-4o/openai", state: "available", weight: 3, share: 0.75, latency: 0.812,
                            priority: 0, picked: false),
        RouteCandidateTrace(deployment: "gpt-4o/azure", state: "available", weight: 1, share: 0.25, latency: 0.905,
                            priority: 0, picked: true),
        RouteCandidateTrace(deployment: "gpt-4o/azure-eu", state: "cooling", weight: 1, share: nil, latency: 1.31,
                            priority: 0, picked: false),
    ]

    static let secondPick = [
        RouteCandidateTrace(deployment: "gpt-4o/openai", state: "available", weight: 3, share: 1, latency: 0.812,
                            priority: 0, picked: true),
        RouteCandidateTrace(deployment: "gpt-4o/azure", state: "tried", weight: 1, share: nil, latency: 0.905,
                            priority: 0, picked: false),
        RouteCandidateTrace(deployment: "gpt-4o/azure-eu", state: "cooling", weight: 1, share: nil, latency: 1.31,
                            priority: 0, picked: false),
    ]

    static let spans: [TraceSpan] = [
        span(1, .request, 0, 1.482, [("endpoint", "/v1/chat/completions"), ("model", "gpt-4o"), ("http.status", "200")]),
        span(2, .parse, 0, 0.00042, [("body.bytes", "1840"), ("wire", "openai")]),
        span(3, .auth, 0.00045, 0.00006, [("key", "team-a/web"), ("team", "team-a")]),
        span(4, .admission, 0.00052, 0.00011, [("outcome", "admitted"), ("ratelimit.remaining", "58"), ("reserved", "0.0214")]),
        span(5, .route, 0.00065, 0.00003, [("group", "gpt-4o"), ("strategy", "weighted")], candidates: firstPick),
        span(6, .attempt, 0.0007, 0.182, [
            ("deployment", "gpt-4o/azure"), ("provider", "azure"), ("model", "gpt-4o-eastus2"), ("http.status", "503"),
            ("error.class", "5xx"), ("decision", "nextDeployment"), ("reason", "503"),
        ], status: .error, message: "503 service unavailable"),
        span(7, .backoff, 0.1827, 0.05, [("reason", "503")], message: "retry after 503"),
        span(8, .route, 0.2328, 0.00002, [("group", "gpt-4o"), ("strategy", "weighted")],
             message: "next deployment after 503", candidates: secondPick),
        span(9, .attempt, 0.2330, 1.24, [
            ("deployment", "gpt-4o/openai"), ("provider", "openai"), ("model", "gpt-4o-2024-11-20"), ("http.status", "200"),
            ("ttft", "0.31"), ("tokens.input", "2048"), ("tokens.output", "377"), ("cost", "0.0089"), ("decision", "answered"),
        ]),
        span(10, .write, 0.5431, 0.9389, [("frames", "96"), ("bytes", "14210")]),
    ]

    static let trace = RequestTrace(
        record: record, traceID: "4bf92f3577b34da6a3ce929d0e0e4736", parentSpanID: "00f067aa0ba902b7", spans: spans)

    /// The same trace with its bodies kept (and cut at the cap).
    static let withBodies: RequestTrace = {
        var t = trace
        t.requestBody = #"{"model":"gpt-4o","stream":true,"messages":[{"role":"system","content":"You are a concise assistant."},{"role":"user","content":"Summarise the incident timeline for the on-call handover, in three bullet points."}]}"#
        t.responseBody = "data: {\"choices\":[{\"delta\":{\"content\":\"- 12:01 azure gpt-4o began returning 503\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"\\n- 12:02 traffic moved to openai\"}}]}\n\ndata: [DONE]"
        t.bodyTruncated = true
        return t
    }()

    /// The fixture snapshot with this trace's record as the newest request.
    static var snapshot: GatewaySnapshot {
        var s = Fixture.snapshot
        s.requests.append(record)
        return s
    }
}

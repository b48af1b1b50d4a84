import SwitchyardCore

/// Request traces as the engine records them, without bodies: a root span, parse, auth, admission, a route span
/// over three candidates, two or three attempts with backoffs between them, and the response write. Deployment
/// and model names come from a small shared pool, as they come from the catalog in the gateway.
struct TraceWorkload {
    private let models = ["gpt-4o", "gpt-4o-mini", "claude-sonnet", "llama-70b"]
    private let providers = ["openai", "azure", "bedrock"]

    /// The `i`-th trace, starting at `time` (epoch seconds).
    func trace(_ i: Int, time: Double) -> RequestTrace {
        let model = models[i % models.count]
        let deployments = providers.map { "\(model)/\($0)" }
        let attemptCount = i % 3 == 0 ? 3 : 2
        let failed = i % 17 == 0
        let status = failed ? 503 : 200
        var attempts: [AttemptRecord] = []
        var spans: [TraceSpan] = []
        let root = Self.hex(UInt64(i) << 8 | 1, digits: 16)
        func id(_ n: Int) -> String { Self.hex(UInt64(i) << 8 | UInt64(n), digits: 16) }
        var clock = 0.0025
        for a in 0..<attemptCount {
            let last = a == attemptCount - 1
            let latency = last ? 0.4 + Double(i % 50) * 0.01 : 0.08
            let ok = last && !failed
            attempts.append(AttemptRecord(
                index: a + 1, deployment: deployments[a], model: model, startOffset: clock, latency: latency,
                timeToFirstToken: ok ? 0.2 : nil, status: ok ? 200 : 503, errorClass: ok ? nil : .server,
                retryAfter: nil, message: ok ? "ok" : "upstream 503", decision: ok ? .answered : last ? .gaveUp : .nextDeployment,
                backoff: last ? 0 : 0.05, inputTokens: ok ? 900 : 0, outputTokens: ok ? 250 : 0, cost: ok ? 0.0045 : 0))
            var attributes = [TraceAttribute("deployment", deployments[a]), TraceAttribute("http.status", ok ? "200" : "503")]
            if ok { attributes += [TraceAttribute("ttft", "0.2"), TraceAttribute("tokens.output", "250")] }
            spans.append(TraceSpan(spanID: id(10 + a * 2), parentSpanID: root, name: .attempt, start: clock,
                                   duration: latency, status: ok ? .ok : .error, message: ok ? nil : "upstream 503",
                                   attributes: attributes))
            clock += latency
            if !last {
                spans.append(TraceSpan(spanID: id(11 + a * 2), parentSpanID: root, name: .backoff, start: clock,
                                       duration: 0.05, attributes: [TraceAttribute("reason", "next deployment after 503")]))
                clock += 0.05
            }
        }
        let total = clock + 0.01
        let candidates = deployments.enumerated().map { n, deployment in
            RouteCandidateTrace(deployment: deployment, state: n == 2 ? "cooling" : "available", weight: Double(3 - n),
                                share: n == 2 ? nil : [0.6, 0.4][n], latency: n == 2 ? nil : 0.4 + Double(n) * 0.1,
                                priority: n == 2 ? 1 : 0, picked: n == 0)
        }
        let head = [
            TraceSpan(spanID: root, parentSpanID: nil, name: .request, start: 0, duration: total,
                      status: failed ? .error : .ok, attributes: [TraceAttribute("http.status", "\(status)")]),
            TraceSpan(spanID: id(2), parentSpanID: root, name: .parse, start: 0, duration: 0.0008),
            TraceSpan(spanID: id(3), parentSpanID: root, name: .auth, start: 0.0008, duration: 0.0004,
                      attributes: [TraceAttribute("key", "team-\(i % 20)/svc")]),
            TraceSpan(spanID: id(4), parentSpanID: root, name: .admission, start: 0.0012, duration: 0.0006),
            TraceSpan(spanID: id(5), parentSpanID: root, name: .route, start: 0.0018, duration: 0.0002,
                      attributes: [TraceAttribute("deployment", deployments[0])], candidates: candidates),
        ]
        spans = head + spans + [TraceSpan(spanID: id(30), parentSpanID: root, name: .write, start: clock, duration: 0.01)]
        let record = RequestRecord(
            id: "req-" + Self.hex(UInt64(i), digits: 12), time: time, model: model,
            servedBy: failed ? nil : deployments[attemptCount - 1], key: "team-\(i % 20)/svc", team: "team-\(i % 20)",
            status: status, latency: total, timeToFirstToken: failed ? nil : clock - 0.2, inputTokens: failed ? 0 : 900,
            outputTokens: failed ? 0 : 250, cost: failed ? 0 : 0.0045, stream: i % 2 == 0, fellBack: false,
            errorMessage: failed ? "upstream 503" : nil, attempts: attempts)
        return RequestTrace(record: record, traceID: Self.hex(UInt64(i) &* 0x9E37_79B9_7F4A_7C15, digits: 32),
                            parentSpanID: nil, spans: spans)
    }

    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

import Foundation
import SwitchyardCore

/// Traces shaped like the engine's: a root span, parse, auth, admission, a route over three candidates, a failed
/// attempt, a backoff, a second attempt that answers, and the response write.
enum TraceFixtures {
    static func hex(_ value: Int, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    static func trace(
        _ i: Int, time: Double, model: String = "gpt-4o", status: Int = 200, key: String? = "team-a/ci",
        team: String? = "team-a", latency: Double = 0.8, fellBack: Bool = false
    ) -> RequestTrace {
        let served = fellBack ? "gpt-4o-mini/openai" : "\(model)/azure"
        let first = AttemptRecord(
            index: 1, deployment: "\(model)/openai", model: model, startOffset: 0.01, latency: 0.2,
            timeToFirstToken: nil, status: i % 2 == 0 ? 503 : 429, errorClass: i % 2 == 0 ? .server : .rateLimited,
            retryAfter: nil, message: "upstream refused",
            decision: fellBack ? .fallbackGroup : .nextDeployment, backoff: 0.05, inputTokens: 0, outputTokens: 0,
            cost: 0)
        let second = AttemptRecord(
            index: 2, deployment: served, model: fellBack ? "gpt-4o-mini" : model, startOffset: 0.26,
            latency: latency - 0.3, timeToFirstToken: 0.12, status: status, errorClass: status >= 500 ? .server : nil,
            retryAfter: nil, message: status < 400 ? "ok" : "upstream \(status)", decision: status < 400 ? .answered : .gaveUp,
            backoff: 0, inputTokens: 120, outputTokens: 48, cost: 0.0012)
        let record = RequestRecord(
            id: "req-\(hex(i, digits: 6))", time: time, model: model, servedBy: status < 400 ? served : nil, key: key,
            team: team, status: status, latency: latency, timeToFirstToken: i % 4 == 0 ? nil : 0.1 * Double(i % 7),
            inputTokens: 100 + (i % 5) * 50, outputTokens: 48, cost: 0.001 * Double(i % 4), stream: i % 3 == 0, fellBack: fellBack, errorMessage: status < 400 ? nil : "upstream \(status)",
            attempts: [first, second])
        let root = hex(i * 16 + 1, digits: 16)
        func span(_ n: Int, _ name: TraceSpan.Name, _ start: Double, _ duration: Double, status: TraceSpan.Status = .ok,
                  message: String? = nil, attributes: [TraceAttribute] = [], candidates: [RouteCandidateTrace]? = nil) -> TraceSpan {
            TraceSpan(spanID: hex(i * 16 + n, digits: 16), parentSpanID: root, name: name, start: start, duration: duration,
                      status: status, message: message, attributes: attributes, candidates: candidates)
        }
        let candidates = [
            RouteCandidateTrace(deployment: "\(model)/openai", state: "available", weight: 3, share: 0.6, latency: 0.4,
                                priority: 0, picked: true),
            RouteCandidateTrace(deployment: "\(model)/azure", state: "available", weight: 2, share: 0.4, latency: 0.5,
                                priority: 0, picked: false),
            RouteCandidateTrace(deployment: "\(model)/bedrock", state: "cooling", weight: 1, share: nil, latency: nil,
                                priority: 1, picked: false),
        ]
        let spans = [
            TraceSpan(spanID: root, parentSpanID: nil, name: .request, start: 0, duration: latency,
                      status: status < 400 ? .ok : .error, attributes: [TraceAttribute("http.status", "\(status)")]),
            span(2, .parse, 0, 0.001),
            span(3, .auth, 0.001, 0.0005, attributes: [TraceAttribute("key", key ?? "-")]),
            span(4, .admission, 0.0015, 0.0005),
            span(5, .route, 0.002, 0.0003, attributes: [TraceAttribute("deployment", "\(model)/openai")],
                 candidates: candidates),
            span(6, .attempt, 0.01, 0.2, status: .error, message: "upstream 503",
                 attributes: [TraceAttribute("deployment", "\(model)/openai"), TraceAttribute("http.status", "503")]),
            span(7, .backoff, 0.21, 0.05),
            span(8, .attempt, 0.26, latency - 0.3, status: status < 400 ? .ok : .error,
                 attributes: [TraceAttribute("deployment", served), TraceAttribute("http.status", "\(status)"),
                              TraceAttribute("ttft", "0.12")]),
            span(9, .write, latency - 0.04, 0.04),
        ]
        return RequestTrace(record: record, traceID: hex(i, digits: 32), parentSpanID: nil, spans: spans)
    }
}

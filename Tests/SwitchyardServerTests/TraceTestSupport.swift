import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardSim
import SwitchyardStore

/// Traces shaped like the engine's, with fixed ids and times (golden output depends on them): a root span, parse,
/// auth, admission, a route over three candidates, an attempt that got a 503, a backoff, a second attempt on
/// another deployment that answered, and the response write.
enum TraceSamples {
    static let start = 1_800_000_000.25

    static func hex(_ value: Int, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    static func trace(
        _ i: Int, time: Double = start, model: String = "gpt-4o", status: Int = 200, key: String? = "team-a/ci",
        team: String? = "team-a", latency: Double = 1.3, fellBack: Bool = false, clientSpan: String? = nil
    ) -> RequestTrace {
        let served = "\(model)/azure"
        let attempts = [
            AttemptRecord(index: 1, deployment: "\(model)/openai", model: model, startOffset: 0.004, latency: 0.25,
                          timeToFirstToken: nil, status: 503, errorClass: .server, retryAfter: nil,
                          message: "upstream 503", decision: .nextDeployment, backoff: 0.05, inputTokens: 0,
                          outputTokens: 0, cost: 0),
            AttemptRecord(index: 2, deployment: served, model: model, startOffset: 0.305, latency: latency - 0.345,
                          timeToFirstToken: 0.21, status: status, errorClass: nil, retryAfter: nil, message: "ok",
                          decision: .answered, backoff: 0, inputTokens: 1_200, outputTokens: 340, cost: 0.0064),
        ]
        let record = RequestRecord(
            id: "req-\(hex(i, digits: 6))", time: time, model: model, servedBy: served, key: key, team: team,
            status: status, latency: latency, timeToFirstToken: 0.515, inputTokens: 1_200, outputTokens: 340,
            cost: 0.0064, stream: false, fellBack: fellBack, errorMessage: nil, attempts: attempts)
        let root = hex(i * 16 + 1, digits: 16)
        func span(_ n: Int, _ name: TraceSpan.Name, _ start: Double, _ duration: Double,
                  status: TraceSpan.Status = .ok, message: String? = nil, _ attributes: [(String, String)] = [],
                  candidates: [RouteCandidateTrace]? = nil) -> TraceSpan {
            TraceSpan(spanID: hex(i * 16 + n, digits: 16), parentSpanID: root, name: name, start: start,
                      duration: duration, status: status, message: message,
                      attributes: attributes.map { TraceAttribute($0.0, $0.1) }, candidates: candidates)
        }
        let candidates = [
            RouteCandidateTrace(deployment: "\(model)/openai", state: "available", weight: 3, share: 0.6,
                                latency: 0.42, priority: 0, picked: true),
            RouteCandidateTrace(deployment: served, state: "available", weight: 2, share: 0.4, latency: 0.55,
                                priority: 0, picked: false),
            RouteCandidateTrace(deployment: "\(model)/bedrock", state: "cooling", weight: 1, share: nil, latency: nil,
                                priority: 1, picked: false),
        ]
        let spans = [
            TraceSpan(spanID: root, parentSpanID: nil, name: .request, start: 0, duration: latency,
                      attributes: [TraceAttribute("http.status", "\(status)")]),
            span(2, .parse, 0, 0.0008),
            span(3, .auth, 0.0008, 0.0004, [("key", key ?? "-")]),
            span(4, .admission, 0.0012, 0.0006),
            span(5, .route, 0.0018, 0.0002, [("deployment", "\(model)/openai")], candidates: candidates),
            span(6, .attempt, 0.004, 0.25, status: .error, message: "upstream 503",
                 [("deployment", "\(model)/openai"), ("http.status", "503"), ("error.class", "5xx")]),
            span(7, .backoff, 0.254, 0.05, [("reason", "next deployment after 503")]),
            span(8, .attempt, 0.305, latency - 0.345, [("deployment", served), ("http.status", "\(status)"),
                                                        ("ttft", "0.21"), ("tokens.output", "340")]),
            span(9, .write, latency - 0.04, 0.04),
        ]
        return RequestTrace(record: record, traceID: hex(0xabc000 + i, digits: 32), parentSpanID: clientSpan, spans: spans)
    }
}

/// A control server over an engine that records traces into a recorder archiving to an in-memory store.
struct TracedControl {
    let running: RunningControl
    let recorder: TraceRecorder
    let store: TraceStore

    static func with(
        tracing: Bool = true, _ body: (TracedControl) async throws -> Void
    ) async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let store = TraceStore(database: try TraceDatabase())
        var config = TracingConfig()
        config.ringCapacity = 3
        let recorder = TraceRecorder(config: config, archive: store)
        let setup = DemoCatalog.make()
        let clock = SystemClock()
        let engine = try GatewayEngine(
            catalog: setup.catalog,
            transport: SimulatedTransport(catalog: setup.catalog, timeline: .demo, clock: clock, seed: 1), clock: clock,
            tracer: tracing ? recorder : nil)
        let running = try await RunningControl.start(
            ControlServer(engine: engine, socketPath: scratch.socketPath, info: { controlTestInfo }))
        do {
            try await body(TracedControl(running: running, recorder: recorder, store: store))
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }
}

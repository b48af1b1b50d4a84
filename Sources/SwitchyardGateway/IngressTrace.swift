import Foundation
import SwitchyardCore

/// The ingress's part of a request's trace: its steps (auth, reading and decoding the body) timed on the engine's
/// clock and handed down to the engine with the request; the engine hands the built trace back, and the ingress
/// adds the response write and records it once the answer is out. Everything is a no-op when nothing is traced.
struct IngressTrace: Sendable {
    let engine: GatewayEngine
    /// The recorder, when it records anything.
    let tracer: TraceRecorder?
    /// The steps so far; nil when nothing is traced.
    private(set) var timing: IngressTiming?

    /// Starts timing a request the ingress just took.
    init(engine: GatewayEngine) {
        self.engine = engine
        if let tracer = engine.tracer, tracer.config.enabled {
            self.tracer = tracer
            timing = IngressTiming(start: engine.now())
        } else {
            tracer = nil
            timing = nil
        }
    }

    /// Whether anything is traced.
    var isActive: Bool { timing != nil }

    /// Whether bodies are kept, and at most how many bytes of each.
    var bodyCap: Int? {
        guard let config = tracer?.config, config.captureBodies else { return nil }
        return config.maxBodyBytes
    }

    /// The engine's clock now, when tracing (0 otherwise: the time is never used then).
    func now() -> Double { isActive ? engine.now() : 0 }

    /// Adds a step that started at `start` and ends now.
    mutating func add(
        _ name: TraceSpan.Name, since start: Double, status: TraceSpan.Status = .ok, message: String? = nil,
        attributes: [TraceAttribute] = []
    ) {
        guard let current = timing else { return }
        // The first step starts where the trace does: the root span and it begin together.
        let begin = current.steps.isEmpty ? current.start : start
        timing?.add(name, start: begin, end: engine.now(), status: status, message: message, attributes: attributes)
    }

    /// Keeps the request body (capped and redacted) when bodies are kept.
    mutating func keepRequestBody(_ bytes: some Collection<UInt8>) {
        guard let cap = bodyCap, timing != nil else { return }
        let (text, truncated) = TraceBody.capture(bytes, maxBytes: cap)
        timing?.requestBody = text
        timing?.bodyTruncated = truncated
    }

    /// Finishes the request's trace, as the engine handed it back, with the `response.write` span (from `start`
    /// to now; the root span stretched over it) and the response body when bodies are kept, and records it: the
    /// one place a trace of a request that came through the ingress is recorded, once.
    func finish(
        _ trace: RequestTrace?, since start: Double, status: TraceSpan.Status = .ok, message: String? = nil,
        attributes: [TraceAttribute] = [], body: (text: String, truncated: Bool)? = nil
    ) {
        guard let tracer, let timing, var trace else { return }
        let end = engine.now()
        let span = TraceSpan(
            spanID: SpanIDSource.next(), parentSpanID: trace.rootSpanID, name: .write, start: start - timing.start,
            duration: max(0, end - start), status: status, message: message, attributes: attributes)
        trace.spans.append(span)
        if !trace.spans.isEmpty { trace.spans[0].duration = max(trace.spans[0].duration, span.end) }
        if tracer.config.captureBodies, let body {
            trace.responseBody = body.text
            trace.bodyTruncated = trace.bodyTruncated || body.truncated
        }
        tracer.record(trace)
    }
}

import SwitchyardCore

/// Turns request traces into an OTLP/JSON export: one resource (`service.name` "switchyard"), one scope, every
/// span of every trace. The root span is SERVER (a child of the client's span when it sent `traceparent`),
/// attempts are CLIENT, the rest INTERNAL; a route span's candidates become its events.
public enum OTLPTraceEncoder {
    /// SpanKind numbers of the OTLP protocol.
    public static let kindInternal = 1, kindServer = 2, kindClient = 3
    /// Status codes of the OTLP protocol.
    public static let statusOK = 1, statusError = 2

    /// The export of `traces`, from gateway `version`.
    public static func export(_ traces: [RequestTrace], version: String? = nil) -> OTLPTraceExport {
        let resource = OTLPTraceExport.Resource(attributes: [.init("service.name", .string("switchyard"))])
        let scope = OTLPTraceExport.Scope(name: "switchyard", version: version)
        let spans = traces.flatMap(spans(of:))
        return OTLPTraceExport(resourceSpans: [
            .init(resource: resource, scopeSpans: [.init(scope: scope, spans: spans)])
        ])
    }

    /// The OTLP spans of one trace, in the trace's order.
    public static func spans(of trace: RequestTrace) -> [OTLPTraceExport.Span] {
        let origin = startNanos(trace.record.time)
        let root = trace.rootSpanID
        return trace.spans.map { span in
            let isRoot = span.parentSpanID == nil || span.spanID == root
            let start = origin + nanos(span.start)
            let end = start + nanos(span.duration)
            var attributes = span.attributes.map { OTLPTraceExport.KeyValue($0.key, value($0.value)) }
            if isRoot { attributes = requestAttributes(trace.record) + attributes }
            let events = span.candidates.map { candidates in
                candidates.map { candidateEvent($0, at: start) }
            }
            let parent = isRoot ? trace.parentSpanID : span.parentSpanID
            return OTLPTraceExport.Span(
                traceId: trace.traceID, spanId: span.spanID, parentSpanId: parent?.isEmpty == false ? parent : nil,
                name: span.name.rawValue, kind: isRoot ? kindServer : span.name == .attempt ? kindClient : kindInternal,
                startTimeUnixNano: String(start), endTimeUnixNano: String(end), attributes: attributes,
                events: events,
                status: OTLPTraceExport.Status(code: span.status == .ok ? statusOK : statusError, message: span.message))
        }
    }

    /// What the root span says about the whole request (no secrets: key and team are names).
    static func requestAttributes(_ r: RequestRecord) -> [OTLPTraceExport.KeyValue] {
        var out: [OTLPTraceExport.KeyValue] = [
            .init("switchyard.request.id", .string(r.id)),
            .init("gen_ai.request.model", .string(r.model)),
            .init("http.response.status_code", .int(Int64(r.status))),
            .init("gen_ai.usage.input_tokens", .int(Int64(r.inputTokens))),
            .init("gen_ai.usage.output_tokens", .int(Int64(r.outputTokens))),
            .init("switchyard.cost_usd", .double(r.cost)),
            .init("switchyard.attempts", .int(Int64(r.attempts.count))),
            .init("switchyard.fell_back", .bool(r.fellBack)),
            .init("switchyard.stream", .bool(r.stream)),
        ]
        if let served = r.servedBy { out.append(.init("switchyard.deployment", .string(served))) }
        if let key = r.key { out.append(.init("switchyard.key", .string(key))) }
        if let team = r.team { out.append(.init("switchyard.team", .string(team))) }
        if let ttft = r.timeToFirstToken { out.append(.init("switchyard.ttft_s", .double(ttft))) }
        if let error = r.errorMessage { out.append(.init("error.message", .string(error))) }
        return out
    }

    static func candidateEvent(_ c: RouteCandidateTrace, at time: UInt64) -> OTLPTraceExport.Event {
        var attributes: [OTLPTraceExport.KeyValue] = [
            .init("deployment", .string(c.deployment)), .init("state", .string(c.state)),
            .init("weight", .double(c.weight)), .init("priority", .int(Int64(c.priority))),
            .init("picked", .bool(c.picked)),
        ]
        if let share = c.share { attributes.append(.init("share", .double(share))) }
        if let latency = c.latency { attributes.append(.init("latency_s", .double(latency))) }
        return OTLPTraceExport.Event(timeUnixNano: String(time), name: "route.candidate", attributes: attributes)
    }

    /// A text attribute as its most specific type: plain integers as intValue, decimals as doubleValue.
    static func value(_ text: String) -> OTLPTraceExport.AnyValue {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let plain = !digits.isEmpty && digits.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && digits.filter({ $0 == "." }).count <= 1 && digits.first != "." && digits.last != "."
        guard plain else { return .string(text) }
        // A leading zero ("007") is an identifier, not a number.
        if !digits.contains("."), !(digits.count > 1 && digits.first == "0"), let n = Int64(text) { return .int(n) }
        if digits.contains("."), let d = Double(text), d.isFinite { return .double(d) }
        return .string(text)
    }

    /// Epoch seconds to nanoseconds, exact to the microsecond (a Double holds no more at today's epoch).
    static func startNanos(_ epoch: Double) -> UInt64 {
        guard epoch.isFinite, epoch > 0 else { return 0 }
        return UInt64((epoch * 1e6).rounded()) * 1_000
    }

    /// Seconds to nanoseconds (negative or non-finite durations count as zero).
    static func nanos(_ seconds: Double) -> UInt64 {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return UInt64((seconds * 1e9).rounded())
    }
}

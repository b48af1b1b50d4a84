import SwitchyardCore

/// Turns request traces into an OTLP export request (`ExportTraceServiceRequest`): one resource (`service.name`),
/// one scope, every span of every trace, following OpenTelemetry's GenAI semantic conventions. The root span is
/// the SERVER span of the client's call (a child of the client's span when it sent `traceparent`), each upstream
/// attempt a CLIENT span; both are named `{gen_ai.operation.name} {gen_ai.request.model}` (`chat gpt-4o`) and
/// carry `gen_ai.*`, `server.*` and `error.type`. Other steps are INTERNAL spans under their own names; a route
/// span's candidates become its events. Switchyard's own details are `switchyard.*` attributes.
public enum OTLPTraceEncoder {
    /// SpanKind numbers of the OTLP protocol.
    public static let kindInternal = 1, kindServer = 2, kindClient = 3
    /// Status codes of the OTLP protocol.
    public static let statusOK = 1, statusError = 2

    /// The export of `traces`, from gateway `version`, as service `serviceName`; `upstreams` names each
    /// provider's GenAI provider and address for the attempt spans.
    public static func export(
        _ traces: [RequestTrace], version: String? = nil, serviceName: String = "switchyard",
        upstreams: [String: OTLPUpstream] = [:]
    ) -> OTLPTraceExport {
        let resource = OTLPTraceExport.Resource(attributes: [.init("service.name", .string(serviceName))])
        let scope = OTLPTraceExport.Scope(name: "switchyard", version: version)
        let all = traces.flatMap { spans(of: $0, upstreams: upstreams) }
        return OTLPTraceExport(resourceSpans: [
            .init(resource: resource, scopeSpans: [.init(scope: scope, spans: all)])
        ])
    }

    /// The OTLP spans of one trace, in the trace's order.
    public static func spans(
        of trace: RequestTrace, upstreams: [String: OTLPUpstream] = [:]
    ) -> [OTLPTraceExport.Span] {
        let origin = startNanos(trace.record.time)
        let root = trace.rootSpanID
        let operation = operationName(trace)
        let served = trace.spans.last { $0.name == .attempt && $0.status == .ok }
        return trace.spans.map { span in
            let isRoot = span.parentSpanID == nil || span.spanID == root
            let start = origin + nanos(span.start)
            let end = start + nanos(span.duration)
            var name = span.name.rawValue
            var attributes: [OTLPTraceExport.KeyValue]
            var kind = kindInternal
            if isRoot {
                kind = kindServer
                name = spanName(operation, trace.record.model)
                attributes = requestAttributes(trace.record, operation: operation, served: served, upstreams: upstreams)
                attributes.append(.init("switchyard.span", .string(span.name.rawValue)))
            } else if span.name == .attempt {
                kind = kindClient
                name = spanName(operation, span[attribute: "model"] ?? "")
                attributes = attemptAttributes(span, operation: operation, upstreams: upstreams)
            } else {
                attributes = []
            }
            append(span.attributes, to: &attributes)
            let events = span.candidates.map { candidates in
                candidates.map { candidateEvent($0, at: start) }
            }
            let parent = isRoot ? trace.parentSpanID : span.parentSpanID
            return OTLPTraceExport.Span(
                traceId: trace.traceID, spanId: span.spanID, traceState: trace.traceState,
                parentSpanId: parent?.isEmpty == false ? parent : nil, name: name, kind: kind,
                startTimeUnixNano: String(start), endTimeUnixNano: String(end), attributes: attributes,
                events: events,
                status: OTLPTraceExport.Status(code: span.status == .ok ? statusOK : statusError, message: span.message))
        }
    }

    /// `gen_ai.operation.name` of the request: `embeddings` for the embeddings route, `chat` for the chat
    /// routes (OpenAI's chat completions and Anthropic's messages) and for traffic without an ingress.
    static func operationName(_ trace: RequestTrace) -> String {
        let endpoint = trace.spans.first { $0.name == .parse }?[attribute: "endpoint"] ?? ""
        return endpoint.hasSuffix("/embeddings") ? "embeddings" : "chat"
    }

    /// `{operation} {model}`, or the operation alone when the model is not known (a body that did not parse).
    static func spanName(_ operation: String, _ model: String) -> String {
        model.isEmpty ? operation : "\(operation) \(model)"
    }

    /// What the root span says about the whole request (no secrets: key and team are names).
    static func requestAttributes(
        _ r: RequestRecord, operation: String, served: TraceSpan?, upstreams: [String: OTLPUpstream]
    ) -> [OTLPTraceExport.KeyValue] {
        var out: [OTLPTraceExport.KeyValue] = [
            .init("gen_ai.operation.name", .string(operation)),
        ]
        if !r.model.isEmpty { out.append(.init("gen_ai.request.model", .string(r.model))) }
        if let served {
            if let provider = served[attribute: "provider"] {
                out.append(.init("gen_ai.provider.name", .string(upstreams[provider]?.genAIProvider ?? provider)))
            }
            if let model = served[attribute: "model"] { out.append(.init("gen_ai.response.model", .string(model))) }
        }
        out += [
            .init("gen_ai.usage.input_tokens", .int(Int64(r.inputTokens))),
            .init("gen_ai.usage.output_tokens", .int(Int64(r.outputTokens))),
            .init("http.response.status_code", .int(Int64(r.status))),
        ]
        if r.status >= 400 {
            let errorClass = r.attempts.last?.errorClass?.rawValue
            out.append(.init("error.type", .string(errorClass ?? String(r.status))))
        }
        out += [
            .init("switchyard.request.id", .string(r.id)),
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

    /// The GenAI client attributes of one upstream attempt.
    static func attemptAttributes(
        _ span: TraceSpan, operation: String, upstreams: [String: OTLPUpstream]
    ) -> [OTLPTraceExport.KeyValue] {
        var out: [OTLPTraceExport.KeyValue] = [.init("gen_ai.operation.name", .string(operation))]
        let provider = span[attribute: "provider"]
        let upstream = provider.flatMap { upstreams[$0] }
        if let provider { out.append(.init("gen_ai.provider.name", .string(upstream?.genAIProvider ?? provider))) }
        if let model = span[attribute: "model"] {
            out.append(.init("gen_ai.request.model", .string(model)))
            if span.status == .ok { out.append(.init("gen_ai.response.model", .string(model))) }
        }
        if let address = upstream?.address { out.append(.init("server.address", .string(address))) }
        if let port = upstream?.port { out.append(.init("server.port", .int(Int64(port)))) }
        if span.status == .error, span[attribute: "error.class"] == nil {
            out.append(.init("error.type", .string(span[attribute: "http.status"] ?? "_OTHER")))
        }
        out.append(.init("switchyard.span", .string(span.name.rawValue)))
        return out
    }

    /// Appends a span's own attributes under their OpenTelemetry names, skipping any already present.
    static func append(_ attributes: [TraceAttribute], to out: inout [OTLPTraceExport.KeyValue]) {
        var present = Set(out.map(\.key))
        for attribute in attributes {
            let key = exportedKey(attribute.key)
            guard present.insert(key).inserted else { continue }
            out.append(.init(key, value(attribute.value)))
        }
    }

    /// A span attribute's name in the export: the conventions' name where one exists, else under `switchyard.`.
    static func exportedKey(_ key: String) -> String {
        switch key {
        case "http.status": "http.response.status_code"
        case "error.class": "error.type"
        case "tokens.input": "gen_ai.usage.input_tokens"
        case "tokens.output": "gen_ai.usage.output_tokens"
        case "model": "gen_ai.request.model"
        default: "switchyard." + key
        }
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

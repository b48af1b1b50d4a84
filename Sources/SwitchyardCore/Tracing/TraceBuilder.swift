/// The trace of one request while the engine works on it: its identity, the spans so far (as offsets from the
/// trace's start), and what the attempt spans need once their decisions are known. It only exists when a
/// recorder is set, so an untraced engine pays nothing for it.
struct TraceBuilder: Sendable {
    /// What an attempt span needs beyond its `AttemptRecord`.
    struct AttemptDetail: Sendable {
        var spanID: String
        var provider: String
        var upstreamModel: String
        var timeToHead: Double?
    }

    let traceID: String
    let parentSpanID: String?
    let traceState: String?
    let rootSpanID: String
    /// Engine-clock time the trace starts: the ingress's first span, else the time the engine took the request.
    let origin: Double
    /// Engine-clock time the engine took the request (attempt offsets are relative to it).
    let engineStart: Double
    let requestBody: String?
    let requestBodyTruncated: Bool
    /// The model the client asked for, when a budget moved the request to a cheaper one.
    var downgradedFrom: String?
    /// Span ids come from a generator seeded once per trace (from `SpanIDSource`): no lock per span.
    private var ids: SeededGenerator
    /// Spans other than the root and the attempts, in the order they were added.
    private var spans: [TraceSpan] = []
    /// One per `AttemptRecord` of the request, in order.
    private var attempts: [AttemptDetail] = []
    /// The request came through an ingress, which finishes and records the trace (see `GatewayEngine.file`).
    let fromIngress: Bool

    /// Starts the trace of `request`, taken by the engine at `start`. Gives the request a trace context when it
    /// has none, so the upstream calls join the recorded trace, and moves the ingress's steps into spans.
    init(request: inout GatewayRequest, start: Double, config: TracingConfig) {
        ids = SeededGenerator(seed: SpanIDSource.seed())
        let context = request.trace ?? TraceContext.new(using: &ids)
        request.trace = context
        traceID = context.traceID
        parentSpanID = context.parentSpanID
        traceState = context.traceState
        engineStart = start
        let ingress = request.ingress
        fromIngress = ingress != nil
        // The engine's work no longer needs the ingress's measurements (nor a copy of the body).
        request.ingress = nil
        origin = min(ingress?.start ?? start, start)
        var root: UInt64 = 0
        while root == 0 { root = ids.next() }
        rootSpanID = SpanIDSource.hex(root)
        requestBody = config.captureBodies ? ingress?.requestBody : nil
        requestBodyTruncated = config.captureBodies && (ingress?.bodyTruncated ?? false)
        for step in ingress?.steps ?? [] {
            var span = step
            span.spanID = nextSpanID()
            span.parentSpanID = rootSpanID
            span.start -= origin
            spans.append(span)
        }
    }

    /// A new span id (16 hex digits, never all zero).
    mutating func nextSpanID() -> String {
        var id: UInt64 = 0
        while id == 0 { id = ids.next() }
        return SpanIDSource.hex(id)
    }

    /// Adds a child of the root that ran from `start` to `end` (engine-clock times).
    mutating func add(
        _ name: TraceSpan.Name, start: Double, end: Double, status: TraceSpan.Status = .ok, message: String? = nil,
        attributes: [TraceAttribute] = [], candidates: [RouteCandidateTrace]? = nil, spanID: String? = nil
    ) {
        spans.append(TraceSpan(
            spanID: spanID ?? nextSpanID(), parentSpanID: rootSpanID, name: name, start: start - origin,
            duration: max(0, end - start), status: status, message: message, attributes: attributes,
            candidates: candidates))
    }

    /// Notes the details of the attempt just appended to the request's attempt records.
    mutating func attempted(spanID: String, deployment: DeploymentSpec, timeToHead: Double?) {
        attempts.append(AttemptDetail(spanID: spanID, provider: deployment.provider,
                                      upstreamModel: deployment.upstreamModel, timeToHead: timeToHead))
    }

    /// The finished trace: the root span over everything, the ingress steps, the engine's spans and one span per
    /// attempt (built now, when every attempt's decision is known), in start order, every text redacted.
    func build(record: RequestRecord, attempts records: [AttemptRecord], end: Double) -> RequestTrace {
        var all: [TraceSpan] = []
        all.reserveCapacity(spans.count + records.count + 2)
        // The root goes first; its end is only known once the other spans are in.
        all.append(TraceSpan(spanID: rootSpanID, parentSpanID: parentSpanID, name: .request, start: 0, duration: 0))
        all.append(contentsOf: spans)
        for (k, a) in records.enumerated() {
            all.append(attemptSpan(a, detail: k < attempts.count ? attempts[k] : nil))
        }
        // Start order, stable (spans that start together keep the order they ran in). Insertion: the spans are
        // nearly in order already, only the attempts come after the routes and waits that followed them.
        var rootEnd = end - origin
        for k in 1..<all.count {
            rootEnd = max(rootEnd, all[k].end)
            var j = k
            while j > 1, all[j - 1].start > all[j].start {
                all.swapAt(j - 1, j)
                j -= 1
            }
        }
        all[0].duration = rootEnd
        all[0].status = record.status >= 400 ? .error : .ok
        all[0].message = record.errorMessage
        all[0].attributes = rootAttributes(record)
        for k in all.indices { Self.redact(&all[k]) }
        // The record is redacted where it is made (`RequestRecord.redacted`), before anything keeps it.
        return RequestTrace(
            record: record, traceID: traceID, parentSpanID: parentSpanID, spans: all, requestBody: requestBody,
            responseBody: nil, bodyTruncated: requestBodyTruncated, traceState: traceState)
    }

    private func rootAttributes(_ record: RequestRecord) -> [TraceAttribute] {
        var attributes: [TraceAttribute] = []
        attributes.reserveCapacity(14)
        attributes.append(TraceAttribute("model", record.model))
        attributes.append(TraceAttribute("http.status", int: record.status))
        if let served = record.servedBy { attributes.append(TraceAttribute("deployment", served)) }
        if let downgradedFrom { attributes.append(TraceAttribute("downgraded_from", downgradedFrom)) }
        if let key = record.key { attributes.append(TraceAttribute("key", key)) }
        if let team = record.team { attributes.append(TraceAttribute("team", team)) }
        attributes.append(TraceAttribute("stream", record.stream ? "true" : "false"))
        attributes.append(TraceAttribute("attempts", int: record.attempts.count))
        if let ttft = record.timeToFirstToken { attributes.append(TraceAttribute("ttft", seconds: ttft)) }
        attributes.append(TraceAttribute("tokens.input", int: record.inputTokens))
        attributes.append(TraceAttribute("tokens.output", int: record.outputTokens))
        attributes.append(TraceAttribute("cost", number: record.cost))
        if record.fellBack { attributes.append(TraceAttribute("fell_back", "true")) }
        return attributes
    }

    private func attemptSpan(_ a: AttemptRecord, detail: AttemptDetail?) -> TraceSpan {
        var attributes: [TraceAttribute] = []
        attributes.reserveCapacity(16)
        attributes.append(TraceAttribute("attempt", int: a.index))
        attributes.append(TraceAttribute("deployment", a.deployment))
        if let detail {
            attributes.append(TraceAttribute("provider", detail.provider))
            attributes.append(TraceAttribute("model", detail.upstreamModel))
        }
        let failed = a.errorClass != nil
        if let status = a.status { attributes.append(TraceAttribute("http.status", int: status)) }
        if let errorClass = a.errorClass { attributes.append(TraceAttribute("error.class", errorClass.rawValue)) }
        if let retryAfter = a.retryAfter { attributes.append(TraceAttribute("retry_after", seconds: retryAfter)) }
        if let head = detail?.timeToHead { attributes.append(TraceAttribute("time_to_head", seconds: head)) }
        if let ttft = a.timeToFirstToken { attributes.append(TraceAttribute("ttft", seconds: ttft)) }
        if !failed || a.inputTokens + a.outputTokens > 0 {
            attributes.append(TraceAttribute("tokens.input", int: a.inputTokens))
            attributes.append(TraceAttribute("tokens.output", int: a.outputTokens))
            attributes.append(TraceAttribute("cost", number: a.cost))
        }
        attributes.append(TraceAttribute("decision", a.decision.rawValue))
        if failed {
            attributes.append(TraceAttribute("reason", a.status.map(String.init) ?? a.errorClass?.rawValue ?? "failed"))
        }
        let note = a.message == "ok" || a.message == "streaming" ? nil : a.message
        return TraceSpan(
            spanID: detail?.spanID ?? "", parentSpanID: rootSpanID, name: .attempt,
            start: engineStart + a.startOffset - origin, duration: max(0, a.latency),
            status: failed ? .error : .ok, message: note, attributes: attributes)
    }

    /// Redacts the span's message and attribute values in place.
    private static func redact(_ span: inout TraceSpan) {
        if let message = span.message { span.message = TraceRedactor.redact(message) }
        for k in span.attributes.indices {
            span.attributes[k].value = TraceRedactor.redact(span.attributes[k].value)
        }
    }
}

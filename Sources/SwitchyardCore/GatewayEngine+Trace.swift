/// Tracing glue: the clock the ingress times its spans on, traces of requests refused before routing, and the
/// texts the admission and route spans carry.
extension GatewayEngine {
    /// The engine's clock now (epoch seconds): the ingress times its trace spans on it so they line up with the
    /// engine's.
    public func now() -> Double { clock.now() }

    /// The recorder when it records anything; nil otherwise, so an untraced engine builds no trace at all.
    var activeTracer: TraceRecorder? {
        guard let tracer, tracer.config.enabled else { return nil }
        return tracer
    }

    /// Starts the trace of `request` taken at `start`, or nil when nothing is traced (see `TraceBuilder.init`).
    func beginTrace(_ request: inout GatewayRequest, start: Double) -> TraceBuilder? {
        guard let tracer = activeTracer else { return nil }
        return TraceBuilder(request: &request, start: start, config: tracer.config)
    }

    /// A request the ingress refused before the engine saw it (a body that could not be read or parsed): counted
    /// in `/metrics` by its status, but kept out of the dashboard's request figures and recent requests, which a
    /// client sending junk would otherwise flood. Returns its summary, for an access log, and its trace with the
    /// ingress's spans, filed as `file` says (nil when nothing is traced).
    public func refusedAtIngress(_ request: GatewayRequest, error: GatewayError)
        -> (record: RequestRecord, trace: RequestTrace?) {
        let start = clock.now()
        let group = index.groupByName[request.model]
        state.withLock { $0.metrics.recordRefusal(group: group, status: error.status) }
        var request = request
        let trace = beginTrace(&request, start: start)
        let record = requestRecord(request, start: start, end: start, attempts: [], served: nil, error: error)
            .redacted()
        return (record, trace.flatMap { file($0, record: record, attempts: [], end: start) })
    }

    /// Builds and files a finished trace: a request that came through an ingress (it carried `ingress` timing)
    /// gets it back, and the ingress records it once its response write is added — so a trace is finished once,
    /// never amended; any other caller's (the demo's traffic) is recorded here.
    func file(_ builder: TraceBuilder, record: RequestRecord, attempts: [AttemptRecord], end: Double) -> RequestTrace? {
        let trace = builder.build(record: record, attempts: attempts, end: end)
        if builder.fromIngress { return trace }
        tracer?.record(trace)
        return nil
    }

    /// Picks a deployment of group `g` as `EngineState.pick` does and adds the decision's `route` span: the
    /// candidates are read under the same lock as the pick, so the span shows what it saw. A group left with
    /// nothing after its own attempts gets no span; one where nothing could be picked at all gets an error span
    /// that explains the fallback past it.
    func pickTraced(
        group g: Int, excluding tried: [Int], request: GatewayRequest, strategy: any RoutingStrategy, now: Double,
        note: String?, trace: inout TraceBuilder?
    ) -> Int? {
        let (choice, candidates) = state.withLock { s in
            let choice = s.pick(group: g, excluding: tried, request: request, strategy: strategy, now: now)
            return (choice, s.routeCandidates(group: g, tried: tried, picked: choice, strategy: strategy,
                                              request: request, now: now))
        }
        guard choice != nil || tried.isEmpty else { return nil }
        var attributes = [TraceAttribute("group", index.group(g).name),
                          TraceAttribute("strategy", strategy.kind.rawValue)]
        if let choice { attributes.append(TraceAttribute("deployment", index.deployment(choice).id)) }
        trace?.add(.route, start: now, end: clock.now(), status: choice == nil ? .error : .ok,
                   message: choice == nil ? "no deployment available" : note, attributes: attributes,
                   candidates: candidates)
        return choice
    }

    /// Status, message and details of an `admission` span for `verdict`.
    /// The `route.task` span's attributes: the task, how it was decided, the group and the map entry that chose it,
    /// every feature found and every rule that matched.
    static func taskSpan(_ route: TaskRoute) -> [TraceAttribute] {
        var attributes = [
            TraceAttribute("task", route.decision.task.rawValue), TraceAttribute("task.source", route.decision.source.rawValue),
            TraceAttribute("task.reason", route.decision.reason), TraceAttribute("model.requested", route.model),
            TraceAttribute("model.group", route.group), TraceAttribute("model.group.via", route.via),
        ]
        for (i, feature) in route.decision.features.enumerated() {
            attributes.append(TraceAttribute("task.feature.\(i)", feature))
        }
        for (i, rule) in route.decision.matchedRules.enumerated() {
            attributes.append(TraceAttribute("task.rule.\(i)", rule))
        }
        return attributes
    }

    static func admissionSpan(_ verdict: Admission, estimate: Double) -> (TraceSpan.Status, String?, [TraceAttribute]) {
        var attributes: [TraceAttribute] = []
        func limits(_ status: RateLimitStatus?) {
            if let remaining = status?.remainingRequests {
                attributes.append(TraceAttribute("ratelimit.remaining_requests", int: remaining))
            }
            if let remaining = status?.remainingTokens {
                attributes.append(TraceAttribute("ratelimit.remaining_tokens", int: remaining))
            }
        }
        switch verdict {
        case .admitted(let ticket):
            attributes.append(TraceAttribute("outcome", "admitted"))
            attributes.append(TraceAttribute("reserved", number: ticket.reserved))
            attributes.append(TraceAttribute("reserved_tokens", int: ticket.reservedTokens))
            limits(ticket.rateLimit)
            guard let clamp = ticket.clamp else { return (.ok, nil, attributes) }
            attributes.append(TraceAttribute("max_tokens_clamped", int: clamp.maxOutputTokens))
            attributes.append(TraceAttribute("budget", clamp.budget))
            let note = "max_tokens lowered from \(clamp.requested) to \(clamp.maxOutputTokens)"
                + " to fit budget \(clamp.budget)"
            return (.ok, note, attributes)
        case .downgraded(let ticket, let reason):
            attributes.append(TraceAttribute("outcome", "downgraded"))
            attributes.append(TraceAttribute("downgraded_to", ticket.model))
            attributes.append(TraceAttribute("budget", reason))
            attributes.append(TraceAttribute("reserved", number: ticket.reserved))
            attributes.append(TraceAttribute("reserved_tokens", int: ticket.reservedTokens))
            limits(ticket.rateLimit)
            return (.ok, "downgraded to \(ticket.model) because budget \(reason) is exhausted", attributes)
        case .rejected(let error):
            attributes.append(TraceAttribute("outcome", "rejected"))
            attributes.append(TraceAttribute("http.status", int: error.status))
            if let code = error.code { attributes.append(TraceAttribute("code", code)) }
            attributes.append(TraceAttribute("estimate", number: estimate))
            limits(error.rateLimit)
            return (.error, error.message, attributes)
        }
    }

    /// Why routing is on group `g` now: a fallback from the previous attempt's deployment or group, a first group
    /// with nothing available, or a budget's downgrade; nil for the plain first pick.
    func routeNote(
        group g: Int, first: Int, previous: (deployment: Int, group: Int, failure: UpstreamFailure)?,
        downgradedFrom: String?
    ) -> String? {
        if let previous {
            let from = previous.group == g
                ? index.deployment(previous.deployment).id : index.group(previous.group).name
            return "fallback from \(from): \(previous.failure.shortReason)"
        }
        if g != first { return "fallback from \(index.group(first).name): unavailable" }
        if let downgradedFrom { return "downgraded from \(downgradedFrom)" }
        return nil
    }
}

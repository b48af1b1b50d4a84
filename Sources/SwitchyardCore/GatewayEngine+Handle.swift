/// Which failure classes a request ran into, to choose the status given to the client.
struct FailureTally {
    var rateLimited = 0
    var timeouts = 0
    var other = 0
    /// Of `other`: connections refused or dropped before any answer.
    var connects = 0

    mutating func add(_ f: UpstreamFailure) {
        switch f.errorClass {
        case .rateLimited: rateLimited += 1
        case .timeout: timeouts += 1
        case .connect:
            other += 1
            connects += 1
        default: other += 1
        }
    }

    var isEmpty: Bool { rateLimited + timeouts + other == 0 }
}

/// Short cause used in fallback events: "503", "429", "timeout", "connect".
func shortReason(_ f: UpstreamFailure) -> String {
    if let status = f.status { return String(status) }
    return f.errorClass.rawValue
}

extension GatewayEngine {
    /// Runs an admitted request: routing, retries, deployment moves, fallback groups, accounting. Non-stream
    /// answers are settled (admission and ledger) before it returns; streams are settled by `settle`.
    func route(_ admitted: AdmittedRequest) async -> GatewayResponse {
        let request = admitted.request
        let start = admitted.start
        let group = admitted.routed
        var trace = admitted.trace
        state.withLock { $0.beginRequest() }

        let chain = index.chains[group]
        var attempts: [AttemptRecord] = []
        attempts.reserveCapacity(4)
        var tally = FailureTally()
        var previous: (deployment: Int, group: Int, failure: UpstreamFailure)?
        var served: (deployment: Int, success: UpstreamSuccess, cost: Double)?
        var clientError: GatewayError?

        chainLoop: for g in chain {
            var tried: [Int] = []
            while attempts.count < config.maxAttempts {
                let strategy = strategies[g]
                let pickTime = clock.now()
                let picked: Int?
                if trace == nil {
                    picked = state.withLock {
                        $0.pick(group: g, excluding: tried, request: request, strategy: strategy, now: pickTime)
                    }
                } else {
                    let note = routeNote(group: g, first: group, previous: previous,
                                         downgradedFrom: admitted.downgradedFrom)
                    picked = pickTraced(group: g, excluding: tried, request: request, strategy: strategy,
                                        now: pickTime, note: note, trace: &trace)
                }
                guard let d = picked else { break }
                tried.append(d)
                let spec = index.deployment(d)
                var retries = 0
                sameDeployment: while true {
                    announceMove(to: d, group: g, first: group, metricsGroup: admitted.group, previous: previous,
                                 attempts: &attempts, request: request, now: clock.now())
                    let t0 = clock.now()
                    let spanID = trace?.nextSpanID()
                    let result = await transport.send(UpstreamCall(request: request, deployment: spec,
                                                                   attempt: attempts.count + 1, spanID: spanID))
                    let t1 = clock.now()
                    switch result {
                    case .success(let s) where s.isStreaming:
                        // The first event is in: the upstream answered, so no more fallback. The whole stream is
                        // the deployment's verdict; tokens, cost and latency are counted when it ends (`settle`).
                        attempts.append(AttemptRecord(
                            index: attempts.count + 1, deployment: spec.id, model: spec.model,
                            startOffset: t0 - start, latency: t1 - t0, timeToFirstToken: s.timeToFirstToken ?? (t1 - t0),
                            status: 200, errorClass: nil, retryAfter: nil, message: "streaming", decision: .answered,
                            backoff: 0, inputTokens: s.inputTokens, outputTokens: 0, cost: 0))
                        if let spanID { trace?.attempted(spanID: spanID, deployment: spec, timeToHead: s.timeToHead) }
                        let settlement = StreamSettlement(
                            request: request, start: start, group: admitted.group, deployment: d, attemptStart: t0,
                            attempts: attempts, ticket: admitted.ticket, trace: trace)
                        var response = GatewayResponse(requestID: request.id, result: .success(s), servedBy: spec,
                                                       attempts: attempts, cost: 0, settlement: settlement)
                        response.rateLimit = admitted.ticket?.rateLimit
                        response.downgradedFrom = admitted.downgradedFrom
                        return response
                    case .success(let s):
                        let cost = spec.price.cost(inputTokens: s.inputTokens, outputTokens: s.outputTokens)
                        _ = state.withLock {
                            $0.recordAttempt(d, outcome: .success(s), latency: t1 - t0, cost: cost, now: t1,
                                             requestID: request.id)
                        }
                        attempts.append(AttemptRecord(
                            index: attempts.count + 1, deployment: spec.id, model: spec.model,
                            startOffset: t0 - start, latency: t1 - t0, timeToFirstToken: s.timeToFirstToken,
                            status: 200, errorClass: nil, retryAfter: nil, message: "ok", decision: .answered,
                            backoff: 0, inputTokens: s.inputTokens, outputTokens: s.outputTokens, cost: cost))
                        if let spanID { trace?.attempted(spanID: spanID, deployment: spec, timeToHead: s.timeToHead) }
                        served = (d, s, cost)
                        break chainLoop
                    case .failure where Task.isCancelled:
                        // The client went away: not the upstream's fault, and nobody is waiting for a retry.
                        state.withLock { $0.cancelAttempt(d) }
                        clientError = GatewayError(kind: .cancelled, status: 499, message: "client closed the request")
                        if let spanID {
                            // No attempt record (the deployment is not judged), but the trace shows the call.
                            trace?.add(.attempt, start: t0, end: t1, status: .error, message: "client closed the request",
                                       attributes: cancelledAttemptAttributes(spec, attempt: attempts.count + 1),
                                       spanID: spanID)
                        }
                        break chainLoop
                    case .failure(let f):
                        let followUp = state.withLock {
                            $0.recordAttempt(d, outcome: .failure(f), latency: t1 - t0, cost: 0, now: t1,
                                             requestID: request.id)
                        }
                        attempts.append(AttemptRecord(
                            index: attempts.count + 1, deployment: spec.id, model: spec.model,
                            startOffset: t0 - start, latency: t1 - t0, timeToFirstToken: nil, status: f.status,
                            errorClass: f.errorClass, retryAfter: f.retryAfter, message: f.message,
                            decision: .gaveUp, backoff: 0, inputTokens: 0, outputTokens: 0, cost: 0))
                        if let spanID { trace?.attempted(spanID: spanID, deployment: spec, timeToHead: nil) }
                        guard f.isRetryable else {
                            // The upstream rejected the request itself: another deployment would too.
                            clientError = GatewayError(kind: .invalidRequest, status: f.status ?? 400, message: f.message)
                            break chainLoop
                        }
                        tally.add(f)
                        previous = (d, g, f)
                        guard attempts.count < config.maxAttempts else { break chainLoop }
                        let wait429 = f.errorClass == .rateLimited ? (f.retryAfter ?? config.defaultCooldown) : 0
                        guard retries < config.maxRetriesPerDeployment, followUp.admits,
                              wait429 <= config.backoffCap
                        else { break sameDeployment }
                        retries += 1
                        let backoff = max(wait429, state.withLock { $0.backoff(retry: retries) })
                        attempts[attempts.count - 1].backoff = backoff
                        let waitStart = trace == nil ? 0 : clock.now()
                        do {
                            try await clock.sleep(seconds: backoff)
                        } catch {
                            // Only cancellation interrupts the wait: the client went away, as in the case above.
                            clientError = GatewayError(kind: .cancelled, status: 499, message: "client closed the request")
                            trace?.add(.backoff, start: waitStart, end: clock.now(), status: .error,
                                       message: "client closed the request",
                                       attributes: backoffAttributes(spec, failure: f, planned: backoff))
                            break chainLoop
                        }
                        let resumed = clock.now()
                        trace?.add(.backoff, start: waitStart, end: resumed, message: "retry after \(shortReason(f))",
                                   attributes: backoffAttributes(spec, failure: f, planned: backoff))
                        guard state.withLock({ $0.readmit(d, now: resumed) }) else { break sameDeployment }
                    }
                }
            }
        }

        let error: GatewayError? = served == nil
            ? (clientError ?? exhaustedError(chain: chain, tally: tally, model: index.group(group).name,
                                              attempts: attempts))
            : nil
        let answer = served.map { (spec: index.deployment($0.deployment), success: $0.success, cost: $0.cost) }
        let response = finish(request, start: start, group: admitted.group, attempts: attempts, served: answer,
                              error: error, started: true, trace: trace)
        let charge = answer.map { a in
            SettledCharge(cost: a.cost, inputTokens: a.success.inputTokens, outputTokens: a.success.outputTokens,
                          costKnown: a.spec.price.isKnown)
        } ?? .none
        return await conclude(response, admitted, charge: charge, deployment: answer?.spec.id)
    }

    /// Details of the span of an attempt the client's departure cut short.
    private func cancelledAttemptAttributes(_ spec: DeploymentSpec, attempt: Int) -> [TraceAttribute] {
        [TraceAttribute("attempt", int: attempt), TraceAttribute("deployment", spec.id),
         TraceAttribute("provider", spec.provider), TraceAttribute("model", spec.upstreamModel),
         TraceAttribute("decision", AttemptRecord.Decision.gaveUp.rawValue), TraceAttribute("reason", "cancelled")]
    }

    /// Details of a `backoff` span: the deployment waited for, why, and the wait planned.
    private func backoffAttributes(_ spec: DeploymentSpec, failure: UpstreamFailure, planned: Double) -> [TraceAttribute] {
        [TraceAttribute("deployment", spec.id), TraceAttribute("reason", shortReason(failure)),
         TraceAttribute("planned", seconds: planned)]
    }

    /// Sets the previous attempt's decision now that the next target is known, and records a fallback
    /// event when traffic moves to another deployment or group.
    /// `first` is the group routing started on (the requested one or its downgrade); `metricsGroup` the one
    /// the client asked for, which the fallback counters are kept under.
    private func announceMove(
        to d: Int, group g: Int, first: Int, metricsGroup requested: Int,
        previous: (deployment: Int, group: Int, failure: UpstreamFailure)?,
        attempts: inout [AttemptRecord], request: GatewayRequest, now: Double
    ) {
        guard let last = attempts.indices.last else {
            if g != first {
                // Nothing in the first group could be tried at all.
                state.withLock {
                    $0.emit(.fallback, now: now, model: request.model, from: index.group(first).name,
                            to: index.group(g).name, reason: "unavailable", requestID: request.id)
                    $0.metrics.recordFallback(group: requested, scope: .model)
                }
            }
            return
        }
        guard let previous else { return }
        let reason = shortReason(previous.failure)
        if previous.deployment == d {
            attempts[last].decision = .retrySame
        } else if previous.group == g {
            attempts[last].decision = .nextDeployment
            state.withLock {
                $0.emit(.fallback, now: now, model: request.model, from: index.deployment(previous.deployment).id,
                        to: index.deployment(d).id, reason: reason, requestID: request.id)
                $0.metrics.recordFallback(group: requested, scope: .deployment)
            }
        } else {
            attempts[last].decision = .fallbackGroup
            state.withLock {
                $0.emit(.fallback, now: now, model: request.model, from: index.group(previous.group).name,
                        to: index.group(g).name, reason: reason, requestID: request.id)
                $0.metrics.recordFallback(group: requested, scope: .model)
            }
        }
    }

    /// The client's error once nothing is left to try; the message names every attempt and how it ended.
    private func exhaustedError(
        chain: [Int], tally: FailureTally, model: String, attempts: [AttemptRecord]
    ) -> GatewayError {
        let now = clock.now()
        let tried = attempts.isEmpty ? "" : "; attempts: " + attempts.map { a in
            "\(a.deployment) \(a.status.map(String.init) ?? a.errorClass?.rawValue ?? "failed")"
        }.joined(separator: ", ")
        if tally.isEmpty {
            if let wait = state.withLock({ $0.coolingRetryAfter(chain: chain, now: now, requireAllCooling: true) }) {
                return GatewayError(kind: .rateLimited, status: 429,
                                    message: "every deployment of '\(model)' is rate limited",
                                    retryAfter: wait)
            }
            return GatewayError(kind: .unavailable, status: 503,
                                message: "no deployment of '\(model)' is available")
        }
        if tally.rateLimited > 0, tally.timeouts == 0, tally.other == 0 {
            let wait = state.withLock { $0.coolingRetryAfter(chain: chain, now: now, requireAllCooling: false) }
            return GatewayError(kind: .rateLimited, status: 429,
                                message: "upstreams of '\(model)' are rate limited\(tried)", retryAfter: wait)
        }
        if tally.timeouts > 0, tally.other == 0, tally.rateLimited == 0 {
            return GatewayError(kind: .upstreamTimeout, status: 504,
                                message: "upstreams of '\(model)' timed out\(tried)")
        }
        if tally.other == tally.connects, tally.rateLimited == 0, tally.timeouts == 0 {
            // Nothing answered at all: the providers are down, not misbehaving.
            return GatewayError(kind: .unavailable, status: 503,
                                message: "every upstream of '\(model)' is unreachable\(tried)")
        }
        return GatewayError(kind: .upstreamError, status: 502,
                            message: "upstreams of '\(model)' failed\(tried)")
    }

    /// Records the request (and its trace, when there is one) and builds the response.
    func finish(
        _ request: GatewayRequest, start: Double, group: Int?, attempts: [AttemptRecord],
        served: (spec: DeploymentSpec, success: UpstreamSuccess, cost: Double)?, error: GatewayError?, started: Bool,
        trace: TraceBuilder? = nil
    ) -> GatewayResponse {
        let end = clock.now()
        let record = requestRecord(request, start: start, end: end, attempts: attempts, served: served, error: error)
        state.withLock {
            $0.finishRequest(record, group: group, error: error.map(ErrorClass.of), now: end, started: started)
        }
        if let trace { tracer?.record(trace.build(record: record, attempts: attempts, end: end)) }
        let result: Result<UpstreamSuccess, GatewayError>
        if let served {
            result = .success(served.success)
        } else {
            result = .failure(error ?? GatewayError(kind: .unavailable, status: 503, message: "no response"))
        }
        return GatewayResponse(requestID: request.id, result: result, servedBy: served?.spec, attempts: attempts,
                               cost: served?.cost ?? 0)
    }

    /// The summary of a finished request, as the requests pane and its trace show it.
    func requestRecord(
        _ request: GatewayRequest, start: Double, end: Double, attempts: [AttemptRecord],
        served: (spec: DeploymentSpec, success: UpstreamSuccess, cost: Double)?, error: GatewayError?
    ) -> RequestRecord {
        var fellBack = attempts.contains { $0.decision == .nextDeployment || $0.decision == .fallbackGroup }
        if let served, served.spec.model != request.model { fellBack = true }
        let status = served != nil ? 200 : (error?.status ?? 500)
        let ttft = served?.success.timeToFirstToken.map { t in
            (attempts.last?.startOffset ?? 0) + t
        }
        return RequestRecord(
            id: request.id, time: start, model: request.model, servedBy: served?.spec.id, key: request.key,
            team: request.team, status: status, latency: end - start, timeToFirstToken: ttft,
            inputTokens: served?.success.inputTokens ?? 0, outputTokens: served?.success.outputTokens ?? 0,
            cost: served?.cost ?? 0, stream: request.stream, fellBack: fellBack, errorMessage: error?.message,
            attempts: attempts)
    }
}

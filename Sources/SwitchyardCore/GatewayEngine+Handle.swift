import SwitchyardWire

extension GatewayEngine {
    /// Runs an admitted request: routing, then attempts as `retryPolicy` directs them (same deployment, another
    /// one, the next fallback group), then accounting. Non-stream answers are settled (admission and ledger)
    /// before it returns; a stream's accounting waits for its lease to be finished (`StreamLease.finish`).
    func route(_ admitted: AdmittedRequest) async -> GatewayResponse {
        state.withLock { $0.beginRequest() }
        var run = RouteRun(trace: admitted.trace)
        var chain = index.chains[admitted.routed]
        if let streaming = await attempt(chain: chain, admitted, &run) { return streaming }
        // A task model's answer that fails its checks is charged, then the stronger group is asked instead.
        var escalated: (from: String, charge: SettledCharge)?
        if let escalation = admitted.request.task?.escalation, let target = index.groupByName[escalation.to],
           let first = await escalateIfNeeded(escalation, admitted, &run) {
            escalated = first
            chain = index.chains[target]
            if let streaming = await attempt(chain: chain, admitted, &run) { return streaming }
        }

        let error: GatewayError? = run.served == nil
            ? (run.clientError ?? exhaustedError(chain: chain, tally: run.tally, model: index.group(chain[0]).name,
                                                  attempts: run.attempts))
            : nil
        // The record and the client's cost header count every answer billed; the ledger row here is the last one's.
        let answer = run.served.map {
            (spec: index.deployment($0.deployment), success: $0.success, cost: $0.cost + (escalated?.charge.cost ?? 0))
        }
        var response = finish(admitted.request, start: admitted.start, group: admitted.group, attempts: run.attempts,
                              served: answer, error: error, started: true, trace: run.trace,
                              escalatedFrom: escalated?.from)
        response.escalatedFrom = escalated?.from
        let charge = run.served.map(charge(of:)) ?? .none
        return await conclude(response, admitted, charge: charge, deployment: answer?.spec.id,
                              alsoCharged: escalated?.charge)
    }

    /// What an answer is billed: its tokens at its deployment's price.
    private func charge(of served: (deployment: Int, success: UpstreamSuccess, cost: Double)) -> SettledCharge {
        SettledCharge(cost: served.cost, inputTokens: served.success.inputTokens,
                      outputTokens: served.success.outputTokens, costKnown: index.deployment(served.deployment).price.isKnown)
    }

    /// Tries `chain`'s groups in order until an answer, a stop, or no attempts left; returns the response of a
    /// stream that started (it leaves now), nil otherwise (`run` has the outcome).
    private func attempt(chain: [Int], _ admitted: AdmittedRequest, _ run: inout RouteRun) async -> GatewayResponse? {
        for g in chain {
            var tried: [Int] = []
            while run.attempts.count < retryPolicy.maxAttempts {
                guard let d = pick(group: g, excluding: tried, admitted, &run) else { break }
                tried.append(d)
                switch await call(d, group: g, admitted, &run) {
                case .streaming(let response): return response
                case .finished: return nil
                case .moveOn: continue
                }
            }
        }
        return nil
    }

    /// When the served answer fails one of `escalation`'s checks: its attempt is marked escalated, its cost goes to
    /// the ledger in a row of its own (the provider bills it), and the answer is dropped so the target group is
    /// asked. Returns the group escalated from and the charge; nil when the answer stands.
    private func escalateIfNeeded(
        _ escalation: EscalationSpec, _ admitted: AdmittedRequest, _ run: inout RouteRun
    ) async -> (from: String, charge: SettledCharge)? {
        guard let served = run.served, case .complete(let reply)? = served.success.body,
              let payload = admitted.request.payload,
              let failed = AnswerCheck.problem(reply, for: payload, checks: escalation.on),
              run.attempts.count < retryPolicy.maxAttempts
        else { return nil }
        let spec = index.deployment(served.deployment)
        let now = clock.now()
        if let last = run.attempts.indices.last {
            run.attempts[last].decision = .escalated
            run.attempts[last].message = "\(failed.problem.rawValue): \(failed.detail)"
        }
        run.trace?.add(.task, start: now, end: now, status: .error,
                       message: "escalated to \(escalation.to): \(failed.detail)",
                       attributes: [TraceAttribute("escalation.from", spec.model), TraceAttribute("escalation.to", escalation.to),
                                    TraceAttribute("escalation.reason", failed.problem.rawValue)])
        state.withLock {
            $0.emit(.fallback, now: now, model: admitted.request.model, from: spec.id, to: escalation.to,
                    reason: "escalated: \(failed.problem.rawValue)", requestID: admitted.request.id)
        }
        let charge = charge(of: served)
        await appendToLedger(admitted.request, start: admitted.start, ticket: admitted.ticket, deployment: spec.id,
                             charge: charge, status: 200)
        run.served = nil
        return (spec.model, charge)
    }

    /// How one deployment's turn ended.
    private enum Turn {
        /// A stream started: the response goes to the client now and is settled when the stream ends.
        case streaming(GatewayResponse)
        /// Served, rejected, cancelled or out of attempts: nothing more is tried.
        case finished
        /// The policy moved on: another deployment, or the next group when none is left.
        case moveOn
    }

    /// The deployment to try next in group `g`, traced with its candidates when the request is.
    private func pick(group g: Int, excluding tried: [Int], _ admitted: AdmittedRequest, _ run: inout RouteRun) -> Int? {
        let strategy = strategies[g]
        let now = clock.now()
        guard run.trace != nil else {
            return state.withLock { $0.pick(group: g, excluding: tried, request: admitted.request, strategy: strategy, now: now) }
        }
        let note = routeNote(group: g, first: admitted.routed, previous: run.previous,
                             downgradedFrom: admitted.downgradedFrom)
        return pickTraced(group: g, excluding: tried, request: admitted.request, strategy: strategy, now: now,
                          note: note, trace: &run.trace)
    }

    /// Calls deployment `d` until it answers or the policy moves on: the first attempt, then any retries the
    /// policy asks for, each after its backoff.
    private func call(_ d: Int, group g: Int, _ admitted: AdmittedRequest, _ run: inout RouteRun) async -> Turn {
        let request = admitted.request
        let spec = index.deployment(d)
        var retries = 0
        while true {
            announceMove(to: d, group: g, first: admitted.routed, metricsGroup: admitted.group, previous: run.previous,
                         attempts: &run.attempts, request: request, now: clock.now())
            let t0 = clock.now()
            let spanID = run.trace?.nextSpanID()
            let result = await transport.send(UpstreamCall(request: request, deployment: spec,
                                                           attempt: run.attempts.count + 1, spanID: spanID))
            let t1 = clock.now()
            let failure: UpstreamFailure
            switch result {
            case .success(let s) where s.isStreaming:
                return .streaming(streamStarted(s, deployment: d, attemptStart: t0, answered: t1, spanID: spanID,
                                                admitted, &run))
            case .success(let s):
                served(s, deployment: d, attemptStart: t0, answered: t1, spanID: spanID, request: request,
                       start: admitted.start, &run)
                return .finished
            case .failure(let f):
                failure = f
            }

            let clientGone = Task.isCancelled
            var admits = false
            if clientGone {
                // Not the upstream's fault: the deployment is not judged (no attempt record), but the trace
                // shows the call.
                state.withLock { $0.cancelAttempt(d) }
                if let spanID {
                    run.trace?.add(.attempt, start: t0, end: t1, status: .error, message: "client closed the request",
                                   attributes: cancelledAttemptAttributes(spec, attempt: run.attempts.count + 1),
                                   spanID: spanID)
                }
            } else {
                admits = failed(failure, deployment: d, group: g, attemptStart: t0, failedAt: t1, spanID: spanID,
                                request: request, start: admitted.start, &run)
            }

            let standing = RetryPolicy.Standing(attempts: run.attempts.count, retries: retries,
                                                deploymentAdmits: admits, clientGone: clientGone)
            switch retryPolicy.next(after: failure, standing) {
            case .stop(.clientGone):
                run.clientError = Self.clientGone
                return .finished
            case .stop(.rejected):
                run.clientError = GatewayError(kind: .invalidRequest, status: failure.status ?? 400, message: failure.message)
                return .finished
            case .stop(.attemptsExhausted):
                return .finished
            case .nextDeployment:
                return .moveOn
            case .retrySame(let retry, let minimumWait):
                retries = retry
                let backoff = retryPolicy.backoff(retry: retry, minimumWait: minimumWait,
                                                  jitter: state.withLock { $0.nextJitter() })
                run.attempts[run.attempts.count - 1].backoff = backoff
                let waitStart = run.trace == nil ? 0 : clock.now()
                do {
                    try await clock.sleep(seconds: backoff)
                } catch {
                    // Only cancellation interrupts the wait: the client went away.
                    run.clientError = Self.clientGone
                    run.trace?.add(.backoff, start: waitStart, end: clock.now(), status: .error,
                                   message: "client closed the request",
                                   attributes: backoffAttributes(spec, failure: failure, planned: backoff))
                    return .finished
                }
                let resumed = clock.now()
                run.trace?.add(.backoff, start: waitStart, end: resumed, message: "retry after \(failure.shortReason)",
                               attributes: backoffAttributes(spec, failure: failure, planned: backoff))
                guard state.withLock({ $0.readmit(d, now: resumed) }) else { return .moveOn }
            }
        }
    }

    /// The 499 of a request whose client went away.
    private static let clientGone = GatewayError(kind: .cancelled, status: 499, message: "client closed the request")

    /// The first event of a stream is in: the upstream answered, so no more fallback. The whole stream is the
    /// deployment's verdict; tokens, cost and latency are counted when its lease is finished.
    private func streamStarted(
        _ s: UpstreamSuccess, deployment d: Int, attemptStart t0: Double, answered t1: Double, spanID: String?,
        _ admitted: AdmittedRequest, _ run: inout RouteRun
    ) -> GatewayResponse {
        let spec = index.deployment(d)
        run.attempts.append(AttemptRecord(
            index: run.attempts.count + 1, deployment: spec.id, model: spec.model,
            startOffset: t0 - admitted.start, latency: t1 - t0, timeToFirstToken: s.timeToFirstToken ?? (t1 - t0),
            status: 200, errorClass: nil, retryAfter: nil, message: "streaming", decision: .answered,
            backoff: 0, inputTokens: s.inputTokens, outputTokens: 0, cost: 0))
        if let spanID { run.trace?.attempted(spanID: spanID, deployment: spec, timeToHead: s.timeToHead) }
        let lease = StreamLease(
            engine: self, request: admitted.request, start: admitted.start, group: admitted.group, deployment: d,
            attemptStart: t0, attempts: run.attempts, ticket: admitted.ticket, trace: run.trace)
        var response = GatewayResponse(requestID: admitted.request.id, result: .success(s), servedBy: spec,
                                       attempts: run.attempts, cost: 0, lease: lease)
        admitted.annotate(&response)
        return response
    }

    /// Records a whole answer from deployment `d`: its cost, health and attempt.
    private func served(
        _ s: UpstreamSuccess, deployment d: Int, attemptStart t0: Double, answered t1: Double, spanID: String?,
        request: GatewayRequest, start: Double, _ run: inout RouteRun
    ) {
        let spec = index.deployment(d)
        let cost = spec.price.cost(inputTokens: s.inputTokens, outputTokens: s.outputTokens)
        _ = state.withLock {
            $0.recordAttempt(d, outcome: .success(s), latency: t1 - t0, cost: cost, now: t1, requestID: request.id)
        }
        run.attempts.append(AttemptRecord(
            index: run.attempts.count + 1, deployment: spec.id, model: spec.model,
            startOffset: t0 - start, latency: t1 - t0, timeToFirstToken: s.timeToFirstToken,
            status: 200, errorClass: nil, retryAfter: nil, message: "ok", decision: .answered,
            backoff: 0, inputTokens: s.inputTokens, outputTokens: s.outputTokens, cost: cost))
        if let spanID { run.trace?.attempted(spanID: spanID, deployment: spec, timeToHead: s.timeToHead) }
        run.served = (d, s, cost)
    }

    /// Records a failed attempt against deployment `d` (health, attempt record, trace) and, when the failure is
    /// the upstream's, remembers it for the client's error and the next move. Returns whether `d` may still be
    /// called (its breaker).
    private func failed(
        _ f: UpstreamFailure, deployment d: Int, group g: Int, attemptStart t0: Double, failedAt t1: Double,
        spanID: String?, request: GatewayRequest, start: Double, _ run: inout RouteRun
    ) -> Bool {
        let spec = index.deployment(d)
        let followUp = state.withLock {
            $0.recordAttempt(d, outcome: .failure(f), latency: t1 - t0, cost: 0, now: t1, requestID: request.id)
        }
        run.attempts.append(AttemptRecord(
            index: run.attempts.count + 1, deployment: spec.id, model: spec.model,
            startOffset: t0 - start, latency: t1 - t0, timeToFirstToken: nil, status: f.status,
            errorClass: f.errorClass, retryAfter: f.retryAfter, message: f.message,
            decision: .gaveUp, backoff: 0, inputTokens: 0, outputTokens: 0, cost: 0))
        if let spanID { run.trace?.attempted(spanID: spanID, deployment: spec, timeToHead: nil) }
        if f.isRetryable {
            run.tally.add(f)
            run.previous = (d, g, f)
        }
        return followUp.admits
    }

    /// Details of the span of an attempt the client's departure cut short.
    private func cancelledAttemptAttributes(_ spec: DeploymentSpec, attempt: Int) -> [TraceAttribute] {
        [TraceAttribute("attempt", int: attempt), TraceAttribute("deployment", spec.id),
         TraceAttribute("provider", spec.provider), TraceAttribute("model", spec.upstreamModel),
         TraceAttribute("decision", AttemptRecord.Decision.gaveUp.rawValue), TraceAttribute("reason", "cancelled")]
    }

    /// Details of a `backoff` span: the deployment waited for, why, and the wait planned.
    private func backoffAttributes(_ spec: DeploymentSpec, failure: UpstreamFailure, planned: Double) -> [TraceAttribute] {
        [TraceAttribute("deployment", spec.id), TraceAttribute("reason", failure.shortReason),
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
        let reason = previous.failure.shortReason
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
            let reasons = state.withLock { $0.unavailableReasons(chain: chain, now: now) }
            let why = reasons.isEmpty ? "" : ": " + reasons.prefix(8).joined(separator: ", ")
            return GatewayError(kind: .unavailable, status: 503, message: "no deployment of '\(model)' is available\(why)")
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
        if tally.credentials > 0, tally.other == tally.credentials, tally.rateLimited == 0, tally.timeouts == 0 {
            // The gateway's own keys are wrong: the client's key and request are fine, so this is no 401 of
            // theirs, and the upstream's message (which may quote part of the key) stays in the trace.
            return GatewayError(kind: .upstreamError, status: 502,
                                message: "every upstream of '\(model)' rejected the gateway's credentials\(tried)")
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
        trace: TraceBuilder? = nil, escalatedFrom: String? = nil
    ) -> GatewayResponse {
        let end = clock.now()
        let record = requestRecord(request, start: start, end: end, attempts: attempts, served: served, error: error,
                                   escalatedFrom: escalatedFrom).redacted()
        let servedGroup = served.flatMap { index.groupByName[$0.spec.model] }
        state.withLock {
            $0.finishRequest(record, group: group, servedGroup: servedGroup, error: error.map(ErrorClass.of), now: end,
                             started: started)
        }
        let filed = trace.flatMap { file($0, record: record, attempts: attempts, end: end) }
        let result: Result<UpstreamSuccess, GatewayError>
        if let served {
            result = .success(served.success)
        } else {
            result = .failure(error ?? GatewayError(kind: .unavailable, status: 503, message: "no response"))
        }
        var response = GatewayResponse(requestID: request.id, result: result, servedBy: served?.spec,
                                       attempts: attempts, cost: served?.cost ?? 0)
        response.trace = filed
        response.record = record
        return response
    }

    /// The summary of a finished request, as the requests pane and its trace show it: the one builder for JSON
    /// answers, refusals and streams (a stream that broke after its first byte has both an answer and an error).
    func requestRecord(
        _ request: GatewayRequest, start: Double, end: Double, attempts: [AttemptRecord],
        served: (spec: DeploymentSpec, success: UpstreamSuccess, cost: Double)?, error: GatewayError?,
        escalatedFrom: String? = nil, streamed: Bool? = nil
    ) -> RequestRecord {
        var fellBack = attempts.contains { $0.decision == .nextDeployment || $0.decision == .fallbackGroup }
        if let served, served.spec.model != request.model { fellBack = true }
        let status = error?.status ?? (served != nil ? 200 : 500)
        let ttft = served?.success.timeToFirstToken.map { t in
            (attempts.last?.startOffset ?? 0) + t
        }
        return RequestRecord(
            id: request.id, time: start, model: request.model, servedBy: served?.spec.id, key: request.key,
            team: request.team, status: status, latency: end - start, timeToFirstToken: ttft,
            inputTokens: served?.success.inputTokens ?? 0, outputTokens: served?.success.outputTokens ?? 0,
            cost: served?.cost ?? 0, stream: streamed ?? request.stream, fellBack: fellBack,
            errorMessage: error?.message, attempts: attempts,
            routedTask: request.task.map {
                RoutedTask(model: $0.model, task: $0.decision.task.rawValue, escalatedFrom: escalatedFrom)
            })
    }
}

/// What the engine needs to finish accounting for a request whose answer is still streaming.
public struct StreamSettlement: Sendable {
    let request: GatewayRequest
    let start: Double
    let group: Int
    let deployment: Int
    let attemptStart: Double
    let attempts: [AttemptRecord]
    /// The admission reservation to settle once the stream ends.
    let ticket: AdmissionTicket?
    /// The request's trace, finished when the stream ends; nil when nothing is traced.
    let trace: TraceBuilder?

    /// The W3C trace id the request belongs to, for logs.
    public var traceID: String? { request.trace?.traceID }
}

/// How a streamed request ended, as `GatewayEngine.settle` records it.
public struct SettledStream: Sendable {
    /// The request's summary, as the requests pane shows it.
    public let record: RequestRecord
    /// The finished trace, handed back for the ingress to add its response write to and record (see
    /// `GatewayEngine.file`); nil when the engine recorded it, or nothing is traced.
    public let trace: RequestTrace?
}

extension GatewayEngine {
    /// Finishes a streamed request once its stream ended: `failure` is nil for a clean end, else why it broke
    /// (after the first byte a broken stream cannot fall back; it is recorded as the deployment's failure).
    /// `clientGone` says the client hung up: no fault of the deployment's. Tokens are what the upstream
    /// reported or what was counted; the tokens produced are billed either way, so admission control is charged
    /// them (once) and the ledger row, appended before this returns, carries them.
    @discardableResult
    public func settle(
        _ settlement: StreamSettlement, inputTokens: Int, outputTokens: Int, failure: UpstreamFailure? = nil,
        clientGone: Bool = false
    ) async -> SettledStream {
        let gone = clientGone || Task.isCancelled
        let failure = gone ? (failure ?? UpstreamFailure(errorClass: .other, message: "client closed the stream")) : failure
        let now = clock.now()
        let d = settlement.deployment
        let spec = index.deployment(d)
        let cost = spec.price.cost(inputTokens: inputTokens, outputTokens: outputTokens)
        let latency = now - settlement.attemptStart
        var attempts = settlement.attempts
        let ttft = attempts.last?.timeToFirstToken
        let success = UpstreamSuccess(inputTokens: inputTokens, outputTokens: outputTokens, timeToFirstToken: ttft)
        state.withLock { s in
            if let failure, !gone {
                _ = s.recordAttempt(d, outcome: .failure(failure), latency: latency, cost: 0, now: now,
                                    requestID: settlement.request.id)
                // A broken stream still bills what it produced (the request record carries the cost).
                s.metrics.recordUsage(d, inputTokens: inputTokens, outputTokens: outputTokens, cost: cost)
            } else if failure != nil {
                s.cancelAttempt(d)
                s.metrics.recordUsage(d, inputTokens: inputTokens, outputTokens: outputTokens, cost: cost)
            } else {
                _ = s.recordAttempt(d, outcome: .success(success), latency: latency, cost: cost, now: now,
                                    requestID: settlement.request.id)
            }
        }
        if let last = attempts.indices.last {
            attempts[last].latency = latency
            attempts[last].inputTokens = inputTokens
            attempts[last].outputTokens = outputTokens
            attempts[last].cost = cost
            if let failure {
                attempts[last].errorClass = failure.errorClass
                attempts[last].message = failure.message
                attempts[last].decision = .gaveUp
            } else {
                attempts[last].message = "ok"
            }
        }
        let request = settlement.request
        var fellBack = attempts.contains { $0.decision == .nextDeployment || $0.decision == .fallbackGroup }
        if spec.model != request.model { fellBack = true }
        let error: GatewayError? = failure.map { f in
            gone
                ? GatewayError(kind: .cancelled, status: 499, message: "client closed the stream")
                : GatewayError(kind: .upstreamError, status: 502, message: "stream broke: \(f.message)")
        }
        let record = RequestRecord(
            id: request.id, time: settlement.start, model: request.model, servedBy: spec.id, key: request.key,
            team: request.team, status: error?.status ?? 200, latency: now - settlement.start,
            timeToFirstToken: ttft.map { (attempts.last?.startOffset ?? 0) + $0 }, inputTokens: inputTokens,
            outputTokens: outputTokens, cost: cost, stream: true, fellBack: fellBack, errorMessage: error?.message,
            attempts: attempts).redacted()
        state.withLock {
            $0.finishRequest(record, group: settlement.group, servedGroup: index.groupOf[settlement.deployment],
                             error: error.map(ErrorClass.of), now: now, started: true)
        }
        // The attempt span runs to the stream's end: `attempts` carries the settled latency and tokens.
        let filed = settlement.trace.flatMap { file($0, record: record, attempts: attempts, end: now) }
        // The provider bills a broken or abandoned stream for what it produced, so the budget is charged the same
        // as the request record and the ledger row.
        let charge = SettledCharge(cost: cost, inputTokens: inputTokens, outputTokens: outputTokens,
                                   costKnown: spec.price.isKnown)
        await settleAdmission(request: request, start: settlement.start, ticket: settlement.ticket, charge: charge,
                              deployment: spec.id, status: record.status)
        return SettledStream(record: record, trace: filed)
    }
}

import Synchronization

/// A streamed answer's hold on its request: the engine hands it out with the first content, and whoever writes the
/// stream finishes it exactly once when the stream ends — the request's accounting (metrics, breaker, admission,
/// ledger row, trace) happens then. A second `finish` does nothing and returns nil.
public final class StreamLease: Sendable {
    private let engine: GatewayEngine
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
    private let finished = Atomic(false)

    init(
        engine: GatewayEngine, request: GatewayRequest, start: Double, group: Int, deployment: Int,
        attemptStart: Double, attempts: [AttemptRecord], ticket: AdmissionTicket?, trace: TraceBuilder?
    ) {
        self.engine = engine
        self.request = request
        self.start = start
        self.group = group
        self.deployment = deployment
        self.attemptStart = attemptStart
        self.attempts = attempts
        self.ticket = ticket
        self.trace = trace
    }

    /// The W3C trace id the request belongs to, for logs.
    public var traceID: String? { request.trace?.traceID }

    /// Finishes the request once its stream ended: `failure` is nil for a clean end, else why it broke (after the
    /// first byte a broken stream cannot fall back; it is recorded as the deployment's failure). `clientGone` says
    /// the client hung up: no fault of the deployment's. Tokens are what the upstream reported or what was
    /// counted; the tokens produced are billed either way, so admission control is charged them (once) and the
    /// ledger row, appended before this returns, carries them. Nil when the lease was already finished.
    @discardableResult
    public func finish(
        inputTokens: Int, outputTokens: Int, failure: UpstreamFailure? = nil, clientGone: Bool = false
    ) async -> SettledStream? {
        guard finished.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return nil }
        return await engine.settle(self, inputTokens: inputTokens, outputTokens: outputTokens, failure: failure,
                                   clientGone: clientGone)
    }
}

extension GatewayEngine {
    /// Accounts for a streamed request whose stream ended (see `StreamLease.finish`, its only caller).
    fileprivate func settle(
        _ lease: StreamLease, inputTokens: Int, outputTokens: Int, failure: UpstreamFailure?, clientGone: Bool
    ) async -> SettledStream {
        let gone = clientGone || Task.isCancelled
        let failure = gone ? (failure ?? UpstreamFailure(errorClass: .other, message: "client closed the stream")) : failure
        let now = clock.now()
        let d = lease.deployment
        let spec = index.deployment(d)
        let cost = spec.price.cost(inputTokens: inputTokens, outputTokens: outputTokens)
        let latency = now - lease.attemptStart
        var attempts = lease.attempts
        let ttft = attempts.last?.timeToFirstToken
        let success = UpstreamSuccess(inputTokens: inputTokens, outputTokens: outputTokens, timeToFirstToken: ttft)
        state.withLock { s in
            if let failure, !gone {
                _ = s.recordAttempt(d, outcome: .failure(failure), latency: latency, cost: 0, now: now,
                                    requestID: lease.request.id)
                // A broken stream still bills what it produced (the request record carries the cost).
                s.metrics.recordUsage(d, inputTokens: inputTokens, outputTokens: outputTokens, cost: cost)
            } else if failure != nil {
                s.cancelAttempt(d)
                s.metrics.recordUsage(d, inputTokens: inputTokens, outputTokens: outputTokens, cost: cost)
            } else {
                _ = s.recordAttempt(d, outcome: .success(success), latency: latency, cost: cost, now: now,
                                    requestID: lease.request.id)
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
        let request = lease.request
        let error: GatewayError? = failure.map { f in
            gone
                ? GatewayError(kind: .cancelled, status: 499, message: "client closed the stream")
                : GatewayError(kind: .upstreamError, status: 502, message: "stream broke: \(f.message)")
        }
        let record = requestRecord(request, start: lease.start, end: now, attempts: attempts,
                                   served: (spec, success, cost), error: error, streamed: true).redacted()
        state.withLock {
            $0.finishRequest(record, group: lease.group, servedGroup: index.groupOf[lease.deployment],
                             error: error.map(ErrorClass.of), now: now, started: true)
        }
        // The attempt span runs to the stream's end: `attempts` carries the settled latency and tokens.
        let filed = lease.trace.flatMap { file($0, record: record, attempts: attempts, end: now) }
        // The provider bills a broken or abandoned stream for what it produced, so the budget is charged the same
        // as the request record and the ledger row.
        let charge = SettledCharge(cost: cost, inputTokens: inputTokens, outputTokens: outputTokens,
                                   costKnown: spec.price.isKnown)
        await settleAdmission(request: request, start: lease.start, ticket: lease.ticket, charge: charge,
                              deployment: spec.id, status: record.status)
        return SettledStream(record: record, trace: filed)
    }
}

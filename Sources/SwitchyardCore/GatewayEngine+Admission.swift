extension GatewayEngine {
    /// Serves one request: admission (permissions, rate limits, budgets), then routing, retries, deployment
    /// moves and fallback groups, then settlement with admission control and the ledger.
    public func handle(_ request: GatewayRequest) async -> GatewayResponse {
        let start = clock.now()
        var request = request
        var trace = beginTrace(&request, start: start)
        // A task-routed model (`auto`) is placed on its task's group first: that group is admitted and routed.
        routeByTask(&request)
        if let route = request.task { trace?.add(.task, start: start, end: clock.now(), attributes: Self.taskSpan(route)) }
        // A stream held back for its check: the upstream is asked for the whole answer, which the ingress writes
        // as the stream the client asked for once it stands (or the stronger group's, escalated).
        if request.stream, request.task?.escalation?.streams == .buffer {
            request.payload = request.payload?.unstreamed
        }
        // An escalating model's answers are checked (and replayed) as chat, so every deployment translates.
        if request.task?.escalation != nil { request.nativeResponses = nil }
        var response = await admitAndRoute(request, start: start, trace: trace)
        response.task = request.task
        return response
    }

    private func admitAndRoute(_ request: GatewayRequest, start: Double, trace: TraceBuilder?) async -> GatewayResponse {
        var request = request
        var trace = trace
        guard let group = index.groupByName[request.model] else {
            let error = GatewayError.unknownModel(request.model, available: catalog.models.map(\.name))
            return finish(request, start: start, group: nil, attempts: [], served: nil, error: error, started: false,
                          trace: trace)
        }
        guard let admission else {
            return await route(AdmittedRequest(
                request: request, start: start, group: group, routed: group, ticket: nil, downgradedFrom: nil,
                trace: trace))
        }
        var estimate = index.estimatedCost(group: group, request: request)
        // An escalating task model may be charged for two answers: the reservation covers both.
        if let target = request.task?.escalation.flatMap({ index.groupByName[$0.to] }) {
            estimate = estimate + index.estimatedCost(group: target, request: request)
        }
        let verdict = admission.admit(request, cost: estimate, now: start)
        if trace != nil {
            let (status, message, attributes) = Self.admissionSpan(verdict, estimate: estimate.worstCase)
            trace?.add(.admission, start: start, end: clock.now(), status: status, message: message,
                       attributes: attributes)
        }
        switch verdict {
        case .admitted(let ticket):
            if let clamp = ticket.clamp {
                // The upstream gets the ceiling the reservation was sized for, so the charge stays within it.
                request.maxOutputTokens = clamp.maxOutputTokens
                request.payload = request.payload?.cappingOutputTokens(at: clamp.maxOutputTokens)
                request.nativeResponses = request.nativeResponses?.cappingOutputTokens(at: clamp.maxOutputTokens)
            }
            return await route(AdmittedRequest(
                request: request, start: start, group: group, routed: group, ticket: ticket, downgradedFrom: nil,
                trace: trace))
        case .downgraded(let ticket, let reason):
            guard let target = index.groupByName[ticket.model] else {
                // Admission control named a group this catalog lacks: refuse as the exhausted budget would have.
                admission.settle(ticket, charge: .none, now: clock.now())
                let error = GatewayError(
                    kind: .budgetExceeded, status: 429,
                    message: "budget \(reason) is exhausted and its downgrade model '\(ticket.model)' is not served",
                    code: "budget_exceeded", rateLimit: ticket.rateLimit)
                return await refuse(request, start: start, group: group, error: error, ticket: ticket, trace: trace)
            }
            guard target != group else {
                return await route(AdmittedRequest(
                    request: request, start: start, group: group, routed: group, ticket: ticket, downgradedFrom: nil,
                    trace: trace))
            }
            state.withLock {
                $0.emit(.fallback, now: start, model: request.model, from: request.model, to: ticket.model,
                        reason: "budget \(reason)", requestID: request.id)
            }
            trace?.downgradedFrom = request.model
            return await route(AdmittedRequest(
                request: request, start: start, group: group, routed: target, ticket: ticket,
                downgradedFrom: request.model, trace: trace))
        case .rejected(let error):
            return await refuse(request, start: start, group: group, error: error, ticket: nil, trace: trace)
        }
    }

    /// Records a request refused before the engine saw it (a 401 at the ingress): it shows in the recent
    /// requests with its status and counts in the metrics, but it has no ledger row. Its trace holds the
    /// ingress's spans (`request.ingress`) and is filed as `file` says; the response carries it and the record.
    @discardableResult
    public func recordRejected(_ request: GatewayRequest, error: GatewayError) -> GatewayResponse {
        let start = clock.now()
        var request = request
        let trace = beginTrace(&request, start: start)
        return finish(request, start: start, group: index.groupByName[request.model], attempts: [], served: nil,
                      error: error, started: false, trace: trace)
    }

    /// Finishes a request admission control refused: no routing, nothing settled (it holds no reservation),
    /// one ledger row with the status and no cost.
    private func refuse(
        _ request: GatewayRequest, start: Double, group: Int, error: GatewayError, ticket: AdmissionTicket?,
        trace: TraceBuilder?
    ) async -> GatewayResponse {
        var response = finish(request, start: start, group: group, attempts: [], served: nil, error: error,
                              started: false, trace: trace)
        response.rateLimit = error.rateLimit ?? ticket?.rateLimit
        await appendToLedger(request, start: start, ticket: ticket, deployment: nil, charge: .none, status: error.status)
        return response
    }

    /// Settles a finished non-stream request: releases its reservation with what the answering attempt cost
    /// (exactly once), records it in the ledger, and tags the response with the admission's outcome.
    /// `alsoCharged` is what an earlier, escalated answer cost: its ledger row is written already, and the
    /// reservation settles once for both.
    func conclude(
        _ response: GatewayResponse, _ admitted: AdmittedRequest, charge: SettledCharge, deployment: String?,
        alsoCharged: SettledCharge? = nil
    ) async -> GatewayResponse {
        var response = response
        admitted.annotate(&response)
        await settleAdmission(
            request: admitted.request, start: admitted.start, ticket: admitted.ticket, charge: charge,
            deployment: deployment, status: response.status, alsoCharged: alsoCharged)
        return response
    }

    /// Charges the ticket (when there is one) and appends the request's ledger row.
    func settleAdmission(
        request: GatewayRequest, start: Double, ticket: AdmissionTicket?, charge: SettledCharge, deployment: String?,
        status: Int, alsoCharged: SettledCharge? = nil
    ) async {
        if let ticket, let admission {
            admission.settle(ticket, charge: alsoCharged.map { charge + $0 } ?? charge, now: clock.now())
        }
        await appendToLedger(request, start: start, ticket: ticket, deployment: deployment, charge: charge, status: status)
    }

    /// Appends one ledger row of `request`: charged to the ticket's key and team when admission issued one, under
    /// the model group the request names. A failure is counted, never thrown: the client's answer matters more than
    /// the row.
    func appendToLedger(
        _ request: GatewayRequest, start: Double, ticket: AdmissionTicket?, deployment: String?, charge: SettledCharge,
        status: Int
    ) async {
        guard let ledger else { return }
        let entry = LedgerEntry(
            time: start, requestID: request.id, key: ticket?.key ?? request.key, team: ticket?.team ?? request.team,
            model: request.model, deployment: deployment, inputTokens: charge.inputTokens,
            outputTokens: charge.outputTokens, cost: charge.cost, costKnown: charge.costKnown, status: status)
        // No task of its own: sinks finish an append even when the caller's task is cancelled (see `LedgerSink`).
        let written: Bool
        do {
            try await ledger.append(entry)
            written = true
        } catch {
            written = false
        }
        if !written { state.withLock { $0.metrics.recordLedgerError() } }
    }
}

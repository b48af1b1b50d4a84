import SwitchyardCore

extension GovernorState {
    /// Permission, then rate limits (key, then team), then every budget in the chain; see `Governor.admit`.
    mutating func admit(_ request: GatewayRequest, cost: CostEstimate, now: Double) -> Admission {
        let keyRecord = request.key.flatMap { keys[$0] }
        let team = request.team ?? keyRecord?.team
        let teamSpec = team.flatMap { teams[$0] }

        if let refusal = ModelPermission.refusal(model: request.task?.model ?? request.model, key: keyRecord, team: teamSpec) {
            return .rejected(refusal)
        }

        var tokens = admissionTokens(request)
        // In a fleet each replica enforces its share of a limit; on one process the share is the whole.
        let keyLimits = rateShare.of(keyRecord?.limits ?? RateLimits())
        let teamLimits = rateShare.of(teamSpec?.limits ?? RateLimits())
        if let keyRecord, keyLimits.isSet,
           let refusal = keyRates[keyRecord.name, default: RateWindow()].refusal(
               limits: keyLimits, tokens: tokens, level: "key \(keyRecord.name)", now: now) {
            return .rejected(refusal)
        }
        if let teamSpec, teamLimits.isSet,
           let refusal = teamRates[teamSpec.name, default: RateWindow()].refusal(
               limits: teamLimits, tokens: tokens, level: "team \(teamSpec.name)", now: now) {
            return .rejected(refusal)
        }

        var model = request.model
        var reason: String?
        var reserve = cost.worstCase
        var charged = matchingBudgets(key: request.key, team: team, model: model)
        for i in charged { budgets[i].roll(now: now, zone: zone) }
        // A budget the request's own worst case does not fit in blocks it as an exhausted one does, unless every
        // such budget clamps: then the completion ceiling comes down to what the tightest of them can pay for.
        var exhausted = charged.filter { !budgets[$0].fits(reserve) }
        // A lease too small for this request asks the next grant for at least its worst case, and soon.
        for i in exhausted where budgets[i].leaseShort(reserve) {
            budgets[i].shortfall = max(budgets[i].shortfall, reserve)
            leaseWanted = true
        }
        var clamp: TokenClamp?
        if let clamped = clamping(cost, short: exhausted) {
            clamp = clamped.clamp
            reserve = clamped.cost.worstCase
            var lowered = request
            lowered.maxOutputTokens = clamped.clamp.maxOutputTokens
            tokens = min(tokens, admissionTokens(lowered))
            exhausted = []
        }
        if !exhausted.isEmpty {
            switch downgrade(request, team: team, keyRecord: keyRecord, teamSpec: teamSpec, exhausted: exhausted,
                             worstCase: reserve, now: now) {
            case .failure(let refusal):
                return .rejected(refusal)
            case .success(let move):
                model = move.model
                reason = move.reason
                charged = move.budgets
            }
        }

        // Admitted: hold the estimate on every budget in the chain and count the request and its tokens.
        for i in charged { budgets[i].reserved += reserve }
        var status: RateLimitStatus?
        if let keyRecord, keyLimits.isSet {
            keyRates[keyRecord.name, default: RateWindow()].record(tokens: tokens, now: now)
            status = keyRates[keyRecord.name]?.status(limits: keyLimits, now: now)
        }
        if let teamSpec, teamLimits.isSet {
            teamRates[teamSpec.name, default: RateWindow()].record(tokens: tokens, now: now)
            let teamStatus = teamRates[teamSpec.name]?.status(limits: teamLimits, now: now)
            status = status.map { $0.tightest(with: teamStatus) } ?? teamStatus
        }

        let id = nextTicket
        nextTicket &+= 1
        inflight[id] = InFlight(
            admittedAt: now, budgets: charged.map { budgets[$0].id }, reserved: reserve, tokens: tokens,
            key: request.key, team: team, model: model)
        let ticket = AdmissionTicket(
            id: id, reserved: reserve, reservedTokens: tokens, model: model, key: request.key, team: team,
            rateLimit: status, clamp: clamp)
        if let reason { return .downgraded(ticket, reason: reason) }
        return .admitted(ticket)
    }

    /// The lowered completion ceiling that fits every budget in `short` (the others fit the full one already), when
    /// all of them clamp and still have money; nil when any refuses, or when not one completion token fits.
    private func clamping(_ cost: CostEstimate, short: [Int]) -> (cost: CostEstimate, clamp: TokenClamp)? {
        guard !short.isEmpty,
              short.allSatisfy({ budgets[$0].spec.policy == .clamp && !budgets[$0].isExhausted }),
              let tightest = short.min(by: { budgets[$0].left < budgets[$1].left }),
              var tokens = cost.affordableOutputTokens(within: budgets[tightest].left)
        else { return nil }
        // Rounding in `left` can leave the last token a hair over; one fewer always fits then.
        let fitsAll = { (n: Int) in short.allSatisfy { self.budgets[$0].fits(cost.capped(at: n).worstCase) } }
        if !fitsAll(tokens) { tokens -= 1 }
        guard tokens >= 1, fitsAll(tokens) else { return nil }
        let clamp = TokenClamp(
            maxOutputTokens: tokens, requested: cost.outputTokens, budget: AdmissionText.budget(budgets[tightest].spec))
        return (cost.capped(at: tokens), clamp)
    }

    private struct Downgrade {
        var model: String
        var reason: String
        var budgets: [Int]
    }

    /// The cheaper model to run on when every exhausted budget names the same `downgradeTo`, that model is allowed
    /// and its own budgets have room; otherwise the 429 of the budget that blocks.
    private mutating func downgrade(
        _ request: GatewayRequest, team: String?, keyRecord: VirtualKeyRecord?, teamSpec: TeamSpec?,
        exhausted: [Int], worstCase: Double, now: Double
    ) -> Result<Downgrade, GatewayError> {
        // The refusal names a budget that refuses outright before one that would have clamped.
        let hard = exhausted.first { budgets[$0].spec.downgradeTo == nil && budgets[$0].spec.policy == .refuse }
            ?? exhausted.first { budgets[$0].spec.downgradeTo == nil }
        if let hard {
            return .failure(budgets[hard].refusal(now: now, zone: zone, worstCase: worstCase))
        }
        let first = budgets[exhausted[0]]
        guard let target = first.spec.downgradeTo, target != request.model else {
            return .failure(first.refusal(now: now, zone: zone, worstCase: worstCase))
        }
        if let other = exhausted.first(where: { budgets[$0].spec.downgradeTo != target }) {
            return .failure(budgets[other].refusal(now: now, zone: zone, worstCase: worstCase))
        }
        if let forbidden = ModelPermission.refusal(model: target, key: keyRecord, team: teamSpec) {
            var refusal = first.refusal(now: now, zone: zone, worstCase: worstCase)
            refusal.message += "; its downgrade to '\(target)' is not possible: \(forbidden.message)"
            return .failure(refusal)
        }
        let chain = matchingBudgets(key: request.key, team: team, model: target)
        for i in chain { budgets[i].roll(now: now, zone: zone) }
        // Budgets that send requests to `target` are the ones being honoured by the move: they don't block it.
        if let blocking = chain.first(where: { budgets[$0].isExhausted && budgets[$0].spec.downgradeTo != target }) {
            var refusal = first.refusal(now: now, zone: zone, worstCase: worstCase)
            refusal.message += "; its downgrade to '\(target)' is blocked too: \(AdmissionText.budget(budgets[blocking].spec)) is exhausted"
            if budgets[blocking].periodEnd == nil { refusal.retryAfter = nil }
            return .failure(refusal)
        }
        let standing = first.isExhausted
            ? "exhausted (spent \(AdmissionText.dollars(first.spent)))"
            : "cannot cover this request (\(AdmissionText.dollars(first.left)) left)"
        let reason = "\(AdmissionText.budget(first.spec)) \(standing): moved from '\(request.model)' to '\(target)'"
        return .success(Downgrade(model: target, reason: reason, budgets: chain))
    }
}

extension RateLimits {
    /// Whether either limit is set (only then are the level's requests counted).
    var isSet: Bool { rpm != nil || tpm != nil }
}

/// Everything mutable in the engine, kept behind one mutex. Methods never suspend.
struct EngineState {
    /// The newest routing table's index; requests routed on an older one use slots this one still has.
    var index: CatalogIndex
    let config: EngineConfig
    var deployments: [DeploymentRuntime]
    /// Request-level metrics per requested model group.
    var modelMetrics: [RollingWindow]
    var modelInputTokens: [Int]
    var modelOutputTokens: [Int]
    var modelCost: [Double]
    /// Request-level metrics across the gateway.
    var global: RollingWindow
    /// Attempt-level metrics across the gateway (error classes).
    var attempts: RollingWindow
    var fallbacks = CountWindow(seconds: 120)
    var baseOverrides: OverrideState
    var overrides: OverrideState
    var undoStack: [UndoEntry] = []
    var rng: SeededGenerator
    var events: BoundedRing<GatewayEvent>
    var requests: BoundedRing<RequestRecord>
    var audit: BoundedRing<AuditRecord>
    var eventSequence = 0
    var auditSequence = 0
    var spendTotals = SpendTotals()
    var totalRequests = 0
    var totalCost = 0.0
    var inFlight = 0
    /// Cumulative counters for `/metrics`.
    var metrics: MetricsCounters
    var lastEjectionCheck = -Double.infinity
    /// Each deployment's baseline figures for latency outlier detection, as of one second.
    var latencyBaselines = LatencyBaselines()
    /// Reused candidate buffer so picking does not allocate.
    var scratch: [RoutingCandidate] = []
    /// Task-routed requests by model and task, and the deployments each task model can route to.
    var taskTallies: [TaskTallyKey: TaskRoutingTally] = [:]
    var taskModelDeployments: [String: [Int]]
    /// The newest table's strategies, by group slot (snapshots compute traffic shares with them).
    var strategies: [any RoutingStrategy]

    init(routing: RoutingTable, seed: UInt64, config: EngineConfig) {
        let index = routing.index
        self.index = index
        self.config = config
        let window = max(300, config.windowSeconds)
        deployments = index.catalog.deployments.map { _ in DeploymentRuntime(config: config) }
        modelMetrics = index.catalog.models.map { _ in RollingWindow(seconds: window) }
        modelInputTokens = Array(repeating: 0, count: index.catalog.models.count)
        modelOutputTokens = Array(repeating: 0, count: index.catalog.models.count)
        modelCost = Array(repeating: 0, count: index.catalog.models.count)
        global = RollingWindow(seconds: window)
        attempts = RollingWindow(seconds: window)
        baseOverrides = OverrideState(catalog: index.catalog)
        overrides = baseOverrides
        rng = SeededGenerator(seed: seed)
        events = BoundedRing(capacity: config.eventCapacity)
        requests = BoundedRing(capacity: config.requestCapacity)
        audit = BoundedRing(capacity: config.auditCapacity)
        metrics = MetricsCounters(deployments: index.catalog.deployments.count, models: index.catalog.models.count)
        scratch.reserveCapacity(index.catalog.deployments.count)
        taskModelDeployments = routing.taskModelDeployments
        strategies = routing.strategies
    }

    /// The task-routed traffic, a row per (model, task) seen, in the order of the built-in tasks.
    func taskRoutingRows(now: Double) -> [TaskRoutingRow] {
        let order = Dictionary(TaskName.builtIn.enumerated().map { ($1.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        return taskTallies.map { key, t in
            TaskRoutingRow(
                model: key.model, task: key.task, requests: t.requests,
                perMinute: Int(t.recent.sum(lastSeconds: 60, now: now)), group: t.group, deployment: t.deployment,
                cost: t.cost, escalations: t.escalations, mostExpensiveCost: t.mostExpensiveCost)
        }.sorted { a, b in
            (a.model, order[a.task] ?? order.count, a.task) < (b.model, order[b.task] ?? order.count, b.task)
        }
    }

    // MARK: events

    mutating func emit(
        _ kind: GatewayEvent.Kind, now: Double, model: String?, from: String?, to: String?, reason: String,
        requestID: String? = nil
    ) {
        eventSequence += 1
        events.append(GatewayEvent(
            sequence: eventSequence, time: now, kind: kind, model: model, from: from, to: to, reason: reason,
            requestID: requestID))
        if kind == .fallback { fallbacks.add(1, at: now) }
    }

    private mutating func emitBreaker(_ t: BreakerTransition, deployment d: Int, now: Double) {
        let spec = index.deployment(d)
        switch t {
        case .none: break
        case .opened(let reason):
            deployments[d].breakerReason = reason
            emit(.breakerOpened, now: now, model: spec.model, from: spec.id, to: nil, reason: reason)
        case .halfOpened:
            emit(.breakerHalfOpen, now: now, model: spec.model, from: spec.id, to: nil, reason: "probe")
        case .closed:
            emit(.breakerClosed, now: now, model: spec.model, from: spec.id, to: nil, reason: "probe succeeded")
        }
    }

    // MARK: availability

    /// Applies time-driven transitions: open → half-open, ejection and cooldown expiry.
    mutating func refresh(_ d: Int, now: Double) {
        let t = deployments[d].breaker.refresh(now: now)
        if t != .none { emitBreaker(t, deployment: d, now: now) }
        if case .ejected(let until) = deployments[d].latency, until <= now {
            // Back in rotation, watched until its latency shows it fast again (see `LatencyOutlier`).
            deployments[d].latency = .probation(since: now)
        }
        if let until = deployments[d].coolingUntil, until <= now { deployments[d].coolingUntil = nil }
    }

    func isEnabled(_ d: Int) -> Bool {
        !overrides.deploymentDisabled[d] && !overrides.providerDisabled[index.providerOf[d]]
    }

    /// May take traffic at all: enabled, weight > 0, breaker admits, not cooling.
    func isAvailable(_ d: Int, now: Double) -> Bool {
        isEnabled(d) && overrides.weight[d] > 0 && deployments[d].breaker.admits && !deployments[d].isCooling(now: now)
    }

    /// Available and neither draining nor ejected: a deployment that should get traffic.
    func isServing(_ d: Int, now: Double) -> Bool {
        isAvailable(d, now: now) && !overrides.draining[d] && !deployments[d].isEjected(now: now)
    }

    private func candidate(_ d: Int) -> RoutingCandidate {
        let rt = deployments[d]
        let saturated = config.maxInFlightPerDeployment.map { rt.inFlight >= $0 } ?? false
        return RoutingCandidate(
            index: d, weight: overrides.weight[d], priority: index.priorities[d], price: index.prices[d],
            latencyEWMA: rt.ewma, inFlight: rt.inFlight, saturated: saturated)
    }

    /// How group `g` stands for choosing among a task's groups (`TaskGroupChoice`): serving deployments, the
    /// cheapest one's price for `request`, the fastest one's latency average.
    func standing(group g: Int, request: GatewayRequest, now: Double) -> TaskGroupStanding {
        var standing = TaskGroupStanding(serving: false)
        for d in index.groupDeployments[g] where isServing(d, now: now) {
            standing.serving = true
            let price = index.prices[d]
            if price.isKnown {
                let cost = price.cost(inputTokens: request.inputTokens, outputTokens: request.maxOutputTokens)
                standing.cost = min(standing.cost ?? cost, cost)
            }
            if let ewma = deployments[d].ewma { standing.latency = min(standing.latency ?? ewma, ewma) }
        }
        return standing
    }

    /// Fills `scratch` with the group's candidates: serving ones, or, when none, available draining/ejected
    /// ones as a last resort.
    mutating func fillCandidates(group g: Int, excluding tried: [Int], now: Double) {
        scratch.removeAll(keepingCapacity: true)
        let deps = index.groupDeployments[g]
        for d in deps where !tried.contains(d) && isServing(d, now: now) { scratch.append(candidate(d)) }
        if scratch.isEmpty {
            for d in deps where !tried.contains(d) && isAvailable(d, now: now) { scratch.append(candidate(d)) }
        }
    }

    /// Picks a deployment of group `g` not yet tried and marks an attempt in flight on it.
    mutating func pick(group g: Int, excluding tried: [Int], request: GatewayRequest,
                       strategy: any RoutingStrategy, now: Double) -> Int? {
        for d in index.groupDeployments[g] { refresh(d, now: now) }
        fillCandidates(group: g, excluding: tried, now: now)
        guard !scratch.isEmpty, let p = strategy.pick(from: scratch, for: request, using: &rng) else { return nil }
        let d = scratch[p].index
        admit(d, now: now)
        return d
    }

    /// Re-admits `d` for a retry after backoff, unless it became unavailable meanwhile (disabled, opened).
    mutating func readmit(_ d: Int, now: Double) -> Bool {
        refresh(d, now: now)
        guard isAvailable(d, now: now) else { return false }
        admit(d, now: now)
        return true
    }

    /// Marks an attempt in flight on `d` (half-open: it is the probe).
    mutating func admit(_ d: Int, now: Double) {
        deployments[d].breaker.admit()
        deployments[d].inFlight += 1
        deployments[d].attemptStarts.begin(at: now)
    }

    /// A draw in [0, 1) for the jitter of a backoff, from the engine's seeded generator.
    mutating func nextJitter() -> Double {
        rng.nextUnit()
    }

    // MARK: recording

    /// An attempt abandoned because the client left: frees its slot without judging the deployment.
    mutating func cancelAttempt(_ d: Int) {
        deployments[d].inFlight -= 1
        deployments[d].attemptStarts.end()
        deployments[d].breaker.abandon()
        metrics.recordAttempt(d, outcome: .cancelled, latency: nil)
    }

    /// Records a finished attempt: metrics, latency average, breaker, cooldown, ejection.
    mutating func recordAttempt(_ d: Int, outcome: AttemptOutcome, latency: Double, cost: Double,
                                now: Double, requestID: String) -> AttemptFollowUp {
        deployments[d].inFlight -= 1
        deployments[d].attemptStarts.end()
        let spec = index.deployment(d)
        switch outcome {
        case .success(let s):
            deployments[d].metrics.record(
                at: now, latency: latency, ttft: s.timeToFirstToken, error: nil,
                inputTokens: s.inputTokens, outputTokens: s.outputTokens, cost: cost)
            attempts.record(at: now, latency: latency, ttft: nil, error: nil)
            metrics.recordAttempt(d, outcome: .ok, latency: latency)
            metrics.recordUsage(d, inputTokens: s.inputTokens, outputTokens: s.outputTokens, cost: cost)
            let a = config.ewmaAlpha
            deployments[d].ewma = deployments[d].ewma.map { a * latency + (1 - a) * $0 } ?? latency
            deployments[d].burst.record(at: now, failed: false)
            let t = deployments[d].breaker.record(healthFailure: false, now: now)
            if t != .none { emitBreaker(t, deployment: d, now: now) }
            evaluateEjectionsIfDue(now: now)
        case .failure(let f):
            deployments[d].metrics.record(at: now, latency: nil, ttft: nil, error: f.errorClass)
            attempts.record(at: now, latency: nil, ttft: nil, error: f.errorClass)
            metrics.recordAttempt(d, outcome: AttemptOutcomeClass(f.errorClass), latency: nil)
            var t = deployments[d].breaker.record(healthFailure: f.isRetryable, now: now)
            if f.errorClass == .credential, t == .none {
                t = deployments[d].breaker.trip(now: now, reason: "credential rejected (\(f.status.map(String.init) ?? "auth"))")
            }
            if f.errorClass != .rateLimited, f.isRetryable {
                deployments[d].burst.record(at: now, failed: true)
                if t == .none, deployments[d].breaker.state == .closed,
                   let (attempts, failures) = deployments[d].burst.outage(now: now, config: config.breaker) {
                    let window = InputBounds.formatNumber(config.breaker.outageWindow)
                    t = deployments[d].breaker.trip(now: now, reason: "outage: \(failures) of \(attempts) attempts failed in \(window)s")
                }
            }
            if t != .none { emitBreaker(t, deployment: d, now: now) }
            evaluateEjectionsIfDue(now: now)
            if f.errorClass == .rateLimited {
                let wait = f.retryAfter ?? config.defaultCooldown
                let until = now + wait
                if !deployments[d].isCooling(now: now) {
                    let label = f.retryAfter.map { "429 retry-after \(InputBounds.formatNumber($0))s" } ?? "429"
                    emit(.cooldown, now: now, model: spec.model, from: spec.id, to: nil, reason: label,
                         requestID: requestID)
                }
                deployments[d].coolingUntil = max(deployments[d].coolingUntil ?? 0, until)
            }
        }
        return AttemptFollowUp(admits: deployments[d].breaker.state != .open)
    }

    /// Evaluates latency outliers when `config.ejection.evaluationInterval` has passed since the last time.
    mutating func evaluateEjectionsIfDue(now: Double) {
        guard config.ejection.enabled, now - lastEjectionCheck >= config.ejection.evaluationInterval else { return }
        evaluateEjections(now: now)
    }

    /// Moves each deployment of a group with peers through `LatencyOutlier`: its recent p95 against the median of
    /// its peers' p95 over the baseline window and against its own usual p95.
    mutating func evaluateEjections(now: Double) {
        lastEjectionCheck = now
        let cfg = config.ejection
        refreshLatencyBaselines(now: now)
        for deps in index.groupDeployments where deps.count >= 2 {
            for d in deps {
                var peers: [Double] = []
                for p in deps where p != d { if let b = latencyBaselines.p95[p] { peers.append(b) } }
                peers.sort()
                let median: Double? = peers.isEmpty ? nil
                    : peers.count % 2 == 1 ? peers[peers.count / 2] : (peers[peers.count / 2 - 1] + peers[peers.count / 2]) / 2
                let usual = deployments[d].latency == .normal ? latencyBaselines.usual[d] : deployments[d].usualLatency
                let baseline = LatencyOutlier.Baseline(peers: median, usual: usual)
                let m = deployments[d].metrics
                // On probation only what it served since it came back counts: the slow samples that ejected it are
                // not news.
                var limit = max(cfg.recentWindow, cfg.recentWindowMax)
                if case .probation(let since) = deployments[d].latency {
                    limit = max(1, min(limit, Int((now - since).rounded(.up))))
                }
                var window = min(max(1, cfg.recentWindow), limit)
                while window < limit, m.latencySamples(lastSeconds: window, now: now) < cfg.minSamples { window += 1 }
                let slow = baseline.slowAbove(config: cfg)
                let reading = LatencyOutlier.Reading(
                    recentP95: m.quantiles([0.95], lastSeconds: window, now: now)[0],
                    recentSamples: m.latencySamples(lastSeconds: window, now: now),
                    slowSamples: slow.map { m.latencySamples(above: $0, lastSeconds: window, now: now) } ?? 0,
                    slowInFlight: slow.map {
                        deployments[d].attemptStarts.running(longerThan: $0, notLongerThan: $0 + Double(window), now: now)
                    } ?? 0,
                    baseline: baseline)
                let before = deployments[d].latency
                let mayEject = deps.contains { $0 != d && isServing($0, now: now) }
                let after = before.next(reading, now: now, config: cfg, mayEject: mayEject)
                guard after != before else { continue }
                deployments[d].latency = after
                if before == .normal { deployments[d].usualLatency = usual }
                let spec = index.deployment(d)
                switch after {
                case .ejected:
                    let (reference, name) = baseline.reference(config: cfg) ?? (1, "peers")
                    let ratio = ((reading.recentP95 ?? 0) / max(reference, 1e-9) * 10).rounded() / 10
                    let running = reading.slowInFlight > 0 ? ", \(reading.slowInFlight) still running" : ""
                    emit(.ejected, now: now, model: spec.model, from: spec.id, to: nil,
                         reason: "p95 \(InputBounds.formatNumber(ratio))× \(name)\(running)")
                case .normal:
                    deployments[d].usualLatency = nil
                    emit(.restored, now: now, model: spec.model, from: spec.id, to: nil, reason: "latency back to normal")
                case .probation:
                    break
                }
            }
        }
    }

    /// Recomputes each deployment's baseline figures once a second: they span tens of seconds, so a quarter
    /// second's new samples barely move them, and merging 30 one-second histograms per deployment four times a
    /// second under the engine's lock would.
    private mutating func refreshLatencyBaselines(now: Double) {
        let second = Int64(now.rounded(.down))
        guard second != latencyBaselines.second || latencyBaselines.p95.count != deployments.count else { return }
        let cfg = config.ejection
        // The usual p95 leaves out the seconds a recent window may span, so a jump in progress is not its own
        // yardstick.
        let skip = max(cfg.recentWindow, cfg.recentWindowMax)
        var p95: [Double?] = [], usual: [Double?] = []
        p95.reserveCapacity(deployments.count)
        usual.reserveCapacity(deployments.count)
        for runtime in deployments {
            let m = runtime.metrics
            // Peers judged only on what they served while in rotation: an ejected peer's samples are old news.
            p95.append(m.latencySamples(lastSeconds: cfg.baselineWindow, now: now) >= cfg.minSamples
                       ? m.quantiles([0.95], lastSeconds: cfg.baselineWindow, now: now)[0] : nil)
            usual.append(m.latencySamples(lastSeconds: cfg.baselineWindow, skippingNewest: skip, now: now) >= cfg.minSamples
                         ? m.quantiles([0.95], lastSeconds: cfg.baselineWindow, skippingNewest: skip, now: now)[0] : nil)
        }
        latencyBaselines = LatencyBaselines(second: second, p95: p95, usual: usual)
    }

    mutating func beginRequest() {
        inFlight += 1
        totalRequests += 1
    }

    /// Records a finished request: request-level metrics, spend, and the recent-requests ring.
    mutating func finishRequest(
        _ record: RequestRecord, group: Int?, servedGroup: Int?, error: ErrorClass?, now: Double, started: Bool
    ) {
        if started { inFlight -= 1 }
        metrics.recordRequest(record, group: group, servedGroup: servedGroup)
        global.record(
            at: now, latency: record.latency, ttft: record.timeToFirstToken, error: error,
            inputTokens: record.inputTokens, outputTokens: record.outputTokens, cost: record.cost)
        if let g = group {
            modelMetrics[g].record(
                at: now, latency: record.latency, ttft: record.timeToFirstToken, error: error,
                inputTokens: record.inputTokens, outputTokens: record.outputTokens, cost: record.cost)
            modelInputTokens[g] += record.inputTokens
            modelOutputTokens[g] += record.outputTokens
            modelCost[g] += record.cost
        }
        if record.cost > 0 {
            totalCost += record.cost
            spendTotals.charge(record.cost, key: record.key, team: record.team, model: record.model)
        }
        if let routed = record.routedTask { recordTask(routed, record, now: now) }
        requests.append(record)
    }

    /// Adds a task-routed request to its (model, task) tally, with what its tokens would have cost on the most
    /// expensive group the model routes to.
    private mutating func recordTask(_ routed: RoutedTask, _ record: RequestRecord, now: Double) {
        let key = TaskTallyKey(model: routed.model, task: routed.task)
        var tally = taskTallies[key] ?? TaskRoutingTally()
        tally.requests += 1
        tally.recent.add(1, at: now)
        tally.group = record.model
        tally.deployment = record.servedBy
        tally.cost += record.cost
        if routed.escalatedFrom != nil { tally.escalations += 1 }
        let peak = (taskModelDeployments[routed.model] ?? [])
            .map { index.prices[$0].cost(inputTokens: record.inputTokens, outputTokens: record.outputTokens) }.max() ?? 0
        tally.mostExpensiveCost += max(peak, record.cost)
        taskTallies[key] = tally
    }

    /// Each deployment of the chain and why it could not be tried — "chat/keyed breaker open (credential rejected
    /// (401))", "chat/steady disabled" — for the 503 of a request that found nothing to try.
    func unavailableReasons(chain: [Int], now: Double) -> [String] {
        chain.flatMap { g in
            index.groupDeployments[g].map { d in
                let status = deploymentStatus(d, now: now, errorRate: 0)
                let id = index.deployment(d).id
                switch status {
                case .open: return "\(id) breaker open" + (deployments[d].breakerReason.map { " (\($0))" } ?? "")
                default: return "\(id) \(status.rawValue)"
                }
            }
        }
    }

    /// Why nothing in the chain could be tried: the smallest cooldown left when every unavailable
    /// deployment is only cooling (→ 429), else nil (→ 503).
    func coolingRetryAfter(chain: [Int], now: Double, requireAllCooling: Bool) -> Double? {
        var smallest: Double?
        for g in chain {
            for d in index.groupDeployments[g] {
                let rt = deployments[d]
                if rt.isCooling(now: now), let until = rt.coolingUntil {
                    smallest = min(smallest ?? .infinity, until - now)
                } else if requireAllCooling, isEnabled(d), overrides.weight[d] > 0 {
                    // Operator-disabled deployments are not coming back by waiting; anything else is.
                    return nil
                }
            }
        }
        return smallest
    }
}

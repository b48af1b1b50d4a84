/// Cumulative counters behind `/metrics`, kept in flat arrays sized once from the catalog so recording an
/// event is O(1) and does not allocate; only the per-key and per-team totals grow, once for each key or team
/// seen. Lives in `EngineState`, so it is only touched under the engine's lock.
struct MetricsCounters {
    /// Status-code slots per model row: index = code for 100…599, slot 0 for anything else.
    static let codeSlots = 600

    private(set) var deploymentCount: Int
    /// Model rows before the unknown-model row.
    private(set) var modelCount: Int
    /// `deployment × AttemptOutcomeClass.count`.
    private(set) var attemptOutcomes: [UInt64]
    /// Latency of successful attempts per deployment.
    private(set) var attemptLatency: HistogramTable
    private(set) var inputTokens: [UInt64]
    private(set) var outputTokens: [UInt64]
    private(set) var spend: [Double]
    /// `(model + 1) × codeSlots`; the extra last row counts requests for unknown model names.
    private(set) var requestCodes: [UInt64]
    /// Request latency and time to first token per requested model (plus the unknown-model row).
    private(set) var requestLatency: HistogramTable
    private(set) var timeToFirstToken: HistogramTable
    /// Seconds per output token after the first, per requested model (streams that produced two or more).
    private(set) var timePerOutputToken: HistogramTable
    /// `(model + 1) × model`: requests per requested model (row) by the model group that answered (column).
    private(set) var served: [UInt64]
    /// Requests and dollars per virtual key (with the team it had), and per team.
    private(set) var byKey: [KeyTeam: PrincipalTotals] = [:]
    private(set) var byTeam: [String: PrincipalTotals] = [:]
    /// `model × FallbackScope` moves.
    private(set) var fallbacks: [UInt64]
    /// Ledger appends that failed (the request was still answered).
    private(set) var ledgerErrors: UInt64 = 0

    init(deployments: Int, models: Int) {
        deploymentCount = deployments
        modelCount = models
        attemptOutcomes = Array(repeating: 0, count: deployments * AttemptOutcomeClass.count)
        attemptLatency = HistogramTable(rows: deployments)
        inputTokens = Array(repeating: 0, count: deployments)
        outputTokens = Array(repeating: 0, count: deployments)
        spend = Array(repeating: 0, count: deployments)
        requestCodes = Array(repeating: 0, count: (models + 1) * Self.codeSlots)
        requestLatency = HistogramTable(rows: models + 1)
        timeToFirstToken = HistogramTable(rows: models + 1)
        timePerOutputToken = HistogramTable(rows: models + 1, buckets: .perToken)
        served = Array(repeating: 0, count: (models + 1) * models)
        fallbacks = Array(repeating: 0, count: models * FallbackScope.allCases.count)
    }

    /// Room for slots a reload appended: rows for new deployments and models, every count kept where it was
    /// (the unknown-model row stays last).
    mutating func grow(deployments: Int, models: Int) {
        let newDeployments = max(0, deployments - deploymentCount)
        let newModels = max(0, models - modelCount)
        if newDeployments > 0 {
            attemptOutcomes.append(contentsOf: repeatElement(0, count: newDeployments * AttemptOutcomeClass.count))
            attemptLatency = attemptLatency.inserting(rows: newDeployments, at: deploymentCount)
            inputTokens.append(contentsOf: repeatElement(0, count: newDeployments))
            outputTokens.append(contentsOf: repeatElement(0, count: newDeployments))
            spend.append(contentsOf: repeatElement(0, count: newDeployments))
            deploymentCount += newDeployments
        }
        guard newModels > 0 else { return }
        requestCodes.insert(contentsOf: repeatElement(0, count: newModels * Self.codeSlots), at: modelCount * Self.codeSlots)
        requestLatency = requestLatency.inserting(rows: newModels, at: modelCount)
        timeToFirstToken = timeToFirstToken.inserting(rows: newModels, at: modelCount)
        timePerOutputToken = timePerOutputToken.inserting(rows: newModels, at: modelCount)
        let models = modelCount + newModels
        var widened = [UInt64](repeating: 0, count: (models + 1) * models)
        for row in 0...modelCount {
            // The unknown-model row moves to the new last row.
            let target = row == modelCount ? models : row
            for column in 0..<modelCount { widened[target * models + column] = served[row * modelCount + column] }
        }
        served = widened
        fallbacks.append(contentsOf: repeatElement(0, count: newModels * FallbackScope.allCases.count))
        modelCount = models
    }

    /// Counts a finished attempt on deployment `d`; `latency` is observed for successes only.
    mutating func recordAttempt(_ d: Int, outcome: AttemptOutcomeClass, latency: Double?) {
        attemptOutcomes[d * AttemptOutcomeClass.count + outcome.ordinal] &+= 1
        if outcome == .ok, let latency { attemptLatency.observe(row: d, seconds: latency) }
    }

    /// Counts tokens and dollars billed on deployment `d`.
    mutating func recordUsage(_ d: Int, inputTokens input: Int, outputTokens output: Int, cost: Double) {
        inputTokens[d] &+= UInt64(max(0, input))
        outputTokens[d] &+= UInt64(max(0, output))
        if cost.isFinite { spend[d] += cost }
    }

    /// Counts a finished request for model group `group` (nil: an unknown model name), answered by model group
    /// `servedGroup` (nil: nobody answered).
    mutating func recordRequest(_ record: RequestRecord, group: Int?, servedGroup: Int?) {
        let row = group ?? modelCount
        countStatus(row: row, record.status)
        requestLatency.observe(row: row, seconds: record.latency)
        if let ttft = record.timeToFirstToken {
            timeToFirstToken.observe(row: row, seconds: ttft)
            if record.stream, record.outputTokens > 1 {
                timePerOutputToken.observe(row: row, seconds: (record.latency - ttft) / Double(record.outputTokens - 1))
            }
        }
        if let servedGroup { served[row * modelCount + servedGroup] &+= 1 }
        let cost = record.cost.isFinite ? max(0, record.cost) : 0
        if let key = record.key { byKey[KeyTeam(key: key, team: record.team), default: PrincipalTotals()].add(cost) }
        if let team = record.team { byTeam[team, default: PrincipalTotals()].add(cost) }
    }

    /// Counts a request refused before the engine took it (a body that could not be read): its status only.
    mutating func recordRefusal(group: Int?, status: Int) {
        countStatus(row: group ?? modelCount, status)
    }

    private mutating func countStatus(row: Int, _ status: Int) {
        let slot = (100...599).contains(status) ? status : 0
        requestCodes[row * Self.codeSlots + slot] &+= 1
    }

    /// Counts a move of a request for model group `group` to another deployment or group.
    mutating func recordFallback(group: Int, scope: FallbackScope) {
        fallbacks[group * FallbackScope.allCases.count + scope.ordinal] &+= 1
    }

    /// Counts a ledger append that failed.
    mutating func recordLedgerError() { ledgerErrors &+= 1 }

    func attempts(_ d: Int, _ outcome: AttemptOutcomeClass) -> UInt64 {
        attemptOutcomes[d * AttemptOutcomeClass.count + outcome.ordinal]
    }

    func fallbacks(_ group: Int, _ scope: FallbackScope) -> UInt64 {
        fallbacks[group * FallbackScope.allCases.count + scope.ordinal]
    }

    /// Requests of requested-model row `row` answered by each model group, by group index.
    func servedCounts(row: Int) -> [UInt64] {
        Array(served[(row * modelCount)..<((row + 1) * modelCount)])
    }

    /// Non-zero status counts of a model row, by ascending code.
    func statusCounts(row: Int) -> [StatusCount] {
        var out: [StatusCount] = []
        let base = row * Self.codeSlots
        for slot in 0..<Self.codeSlots where requestCodes[base + slot] > 0 {
            out.append(StatusCount(code: slot, count: requestCodes[base + slot]))
        }
        return out
    }
}

/// A virtual key with the team it had when its requests were counted.
struct KeyTeam: Hashable {
    var key: String
    var team: String?
}

/// Requests and dollars of one key or team.
public struct PrincipalTotals: Sendable, Hashable {
    public var requests: UInt64 = 0
    public var spendUSD: Double = 0

    mutating func add(_ cost: Double) {
        requests &+= 1
        spendUSD += cost
    }
}

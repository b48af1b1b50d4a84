/// Running spend in dollars, globally and per key, team and requested model.
public struct SpendTotals: Sendable, Hashable {
    /// Dollars across all requests.
    public var global: Double = 0
    /// Dollars per virtual key name.
    public var byKey: [String: Double] = [:]
    /// Dollars per team.
    public var byTeam: [String: Double] = [:]
    /// Dollars per requested model.
    public var byModel: [String: Double] = [:]

    /// Empty totals.
    public init() {}
}

/// One budget's spend in its current period and its recent burn.
struct BudgetTracker {
    let spec: BudgetSpec
    var spent = 0.0
    var periodEnd: Double?
    var burn: CountWindow

    static let burnWindow = 300

    init(spec: BudgetSpec, now: Double) {
        self.spec = spec
        periodEnd = spec.period.periodEnd(containing: now)
        burn = CountWindow(seconds: Self.burnWindow)
    }

    func matches(key: String?, team: String?, model: String) -> Bool {
        switch spec.scope {
        case .global: true
        case .key(let k): key == k
        case .team(let t): team == t
        case .model(let m): model == m
        }
    }

    /// Starts a new period when `now` has passed the end of the current one.
    mutating func roll(now: Double) {
        if let end = periodEnd, now >= end {
            spent = 0
            periodEnd = spec.period.periodEnd(containing: now)
        }
    }
}

/// Accounting of what answered requests cost, and budget snapshots. Enforcement lives elsewhere.
struct SpendLedger {
    private(set) var totals = SpendTotals()
    private var budgets: [BudgetTracker]
    /// When accounting began: burn rates divide by the time observed, not a full window, right after start.
    private let startedAt: Double

    init(budgets: [BudgetSpec], now: Double) {
        self.budgets = budgets.map { BudgetTracker(spec: $0, now: now) }
        startedAt = now
    }

    mutating func charge(_ cost: Double, key: String?, team: String?, model: String, now: Double) {
        guard cost > 0 else { return }
        totals.global += cost
        if let key { totals.byKey[key, default: 0] += cost }
        if let team { totals.byTeam[team, default: 0] += cost }
        totals.byModel[model, default: 0] += cost
        for i in budgets.indices where budgets[i].matches(key: key, team: team, model: model) {
            budgets[i].roll(now: now)
            budgets[i].spent += cost
            budgets[i].burn.add(cost, at: now)
        }
    }

    func snapshots(now: Double) -> [BudgetSnapshot] {
        budgets.map { tracker in
            var t = tracker
            t.roll(now: now)
            let observed = min(Double(BudgetTracker.burnWindow), max(1, now - startedAt))
            let burnPerHour = t.burn.sum(lastSeconds: BudgetTracker.burnWindow, now: now) / observed * 3600
            var toExhaustion: Double?
            if burnPerHour > 0, t.spent < t.spec.limit {
                toExhaustion = (t.spec.limit - t.spent) / (burnPerHour / 3600)
            }
            return BudgetSnapshot(
                scope: t.spec.scope, period: t.spec.period, limit: t.spec.limit, spent: t.spent,
                resetsAt: t.periodEnd, burnPerHour: burnPerHour, secondsToExhaustion: toExhaustion)
        }
    }
}

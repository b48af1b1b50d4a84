import Foundation
import SwitchyardCore

/// Everything the governor knows, behind its mutex: keys, teams, budgets, rate windows, reservations, spend.
struct GovernorState: Sendable {
    let policy: GovernancePolicy
    let zone: TimeZone
    /// Whether a request produces no completion (embeddings): its missing `max_tokens` counts as 0, not the default.
    let completionless: @Sendable (GatewayRequest) -> Bool

    var teams: [String: TeamSpec] = [:]
    var keys: [String: VirtualKeyRecord] = [:]
    var keyByHash: [String: String] = [:]
    /// Budgets in the order they were set; `budgetIndex` finds a scope's budgets without scanning them all.
    var budgets: [BudgetAccount] = []
    var budgetIndex: [BudgetScope: [Int]] = [:]

    var keyRates: [String: RateWindow] = [:]
    var teamRates: [String: RateWindow] = [:]
    var inflight: [UInt64: InFlight] = [:]
    var nextTicket: UInt64 = 1

    /// Whether budgets are enforced fleet-wide through leases: a new budget then has no headroom until granted.
    var leasing = false
    /// Whether a request found a lease too small since the last grant.
    var leaseWanted = false
    /// This replica's part of every RPM/TPM limit.
    var rateShare = RateShare.whole

    var gateway = SpendWindows()
    /// Settled requests without a known price, per minute over 24 hours.
    var unpriced = SlidingSum(width: 60, slots: 1440)
    var keySpend: [String: SpenderStats] = [:]
    var teamSpend: [String: SpenderStats] = [:]
    /// Start of observation: rates right after start divide by the time observed, not a full window.
    var observedSince: Double

    init(policy: GovernancePolicy, now: Double, completionless: @escaping @Sendable (GatewayRequest) -> Bool) {
        self.policy = policy
        zone = BudgetPeriod.resolveTimeZone(policy.timeZone)
        self.completionless = completionless
        observedSince = now
    }

    mutating func reindexBudgets() {
        budgetIndex = [:]
        for (i, account) in budgets.enumerated() {
            budgetIndex[account.spec.scope, default: []].append(i)
        }
    }

    func budgetPosition(_ id: BudgetID) -> Int? {
        budgetIndex[id.scope]?.first { budgets[$0].spec.period == id.period }
    }

    /// Indices of every budget a request with this key, team and model falls under: key, team, model, then global.
    func matchingBudgets(key: String?, team: String?, model: String) -> [Int] {
        var result: [Int] = []
        if let key { result += budgetIndex[.key(key)] ?? [] }
        if let team { result += budgetIndex[.team(team)] ?? [] }
        result += budgetIndex[.model(model)] ?? []
        result += budgetIndex[.global] ?? []
        return result
    }

    /// Tokens a request counts against TPM at admission: prompt plus its completion ceiling.
    func admissionTokens(_ request: GatewayRequest) -> Int {
        let completion: Int
        if request.maxOutputTokens > 0 {
            completion = request.maxOutputTokens
        } else {
            completion = completionless(request) ? 0 : max(0, policy.defaultMaxTokens)
        }
        // The ingress bounds both counts; saturating keeps a caller that did not from trapping here.
        let (sum, overflow) = max(0, request.inputTokens).addingReportingOverflow(max(0, completion))
        return overflow ? .max : sum
    }
}

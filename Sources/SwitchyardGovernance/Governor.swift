import Foundation
import Synchronization
import SwitchyardCore

/// Admission control over virtual keys, teams, rate limits and budgets; safe to call from any thread.
///
/// TPM counts `inputTokens + maxOutputTokens` at admission. A request with `maxOutputTokens == 0` counts
/// `policy.defaultMaxTokens` (a chat request without `max_tokens` may use that much) unless `completionless`
/// says it produces no completion (embeddings), in which case it counts its input only. Settling replaces the
/// estimate with the actual tokens.
public final class Governor: AdmissionControl, Sendable {
    let state: Mutex<GovernorState>

    /// A governor over `teams`, `keys` and `budgets`; throws a `GovernanceError` on an invalid name or limit.
    /// References to keys and teams that don't exist (yet) are accepted here, unlike in the management calls. `completionless` tells requests without a completion (embeddings) apart; by default none is.
    public init(
        policy: GovernancePolicy, teams: [TeamSpec] = [], keys: [VirtualKeyRecord] = [], budgets: [BudgetSpec] = [],
        now: Double, completionless: @escaping @Sendable (GatewayRequest) -> Bool = { _ in false }
    ) throws(GovernanceError) {
        var initial = GovernorState(policy: policy, now: now, completionless: completionless)
        for team in teams { try initial.upsertTeam(team) }
        for key in keys { try initial.addKey(key, checkReferences: false) }
        for budget in budgets {
            if initial.budgetPosition(BudgetID(scope: budget.scope, period: budget.period)) != nil {
                throw GovernanceError(.duplicate, "two \(budget.period.rawValue) budgets for \(budget.scope.label)")
            }
            try initial.setBudget(budget, now: now, checkReferences: false)
        }
        state = Mutex(initial)
        self.policy = policy
        timeZone = initial.zone
    }

    /// The policy in force (auth mode, reset time zone, default completion ceiling); fixed for the governor's
    /// life, so reading it takes no lock (the ingress reads it on every request).
    public let policy: GovernancePolicy

    /// The time zone budgets reset in (UTC when the policy names an unknown zone).
    public let timeZone: TimeZone

    // MARK: requests

    /// Who sent a request, from its `Authorization` or `x-api-key` header. Keys mode: a missing, malformed,
    /// unknown, revoked or expired key is a 401. Open mode: no, malformed or unknown credential is anonymous (local
    /// tools send placeholders); a known key is attributed, and a revoked or expired one is still a 401.
    /// No message contains the secret.
    public func authenticate(authorization: String?, apiKey: String?, now: Double) -> Result<Principal, GatewayError> {
        // Parsing and hashing stay outside the lock: every request pays for them, and they need no shared state.
        let credential = Credential.secret(authorization: authorization, apiKey: apiKey)
        let hash = (try? credential.get())?.map(KeyMint.hash)
        return state.withLock { $0.authenticate(credential: credential, hash: hash, now: now) }
    }

    /// Model permission (403), then key and team RPM/TPM (429), then every budget in the chain (key, team, model,
    /// global: 429, a downgrade, or a lowered completion ceiling); when admitted, reserves the worst case on each
    /// and counts the request.
    public func admit(_ request: GatewayRequest, cost: CostEstimate, now: Double) -> Admission {
        state.withLock { $0.admit(request, cost: cost, now: now) }
    }

    /// `admit(_:cost:now:)` for an estimate known only as a total, which no budget can clamp.
    public func admit(_ request: GatewayRequest, estimatedCost: Double, now: Double) -> Admission {
        admit(request, cost: .flat(estimatedCost), now: now)
    }

    /// Releases the ticket's reservations, charges `charge.cost` and corrects TPM to the actual tokens; a ticket
    /// settled twice is charged once.
    public func settle(_ ticket: AdmissionTicket, charge: SettledCharge, now: Double) {
        state.withLock { $0.settle(ticket, charge: charge, now: now) }
    }

    /// Every budget's spend, reservations, reset time and burn, in the order budgets were set.
    public func budgetSnapshots(now: Double) -> [BudgetSnapshot] {
        state.withLock { $0.budgetSnapshots(now: now) }
    }

    /// Gateway spend rate, unpriced requests and every key and team with 24-hour spend or a budget.
    public func spendSnapshot(now: Double) -> SpendSnapshot {
        state.withLock { $0.spendSnapshot(now: now) }
    }

    /// Releases the reservations of tickets admitted before `cutoff` and never settled (a caller that lost them);
    /// they are not charged, and settling one later does nothing. Returns how many were released.
    @discardableResult
    public func releaseAbandoned(admittedBefore cutoff: Double) -> Int {
        state.withLock { $0.releaseAbandoned(admittedBefore: cutoff) }
    }

    /// Requests admitted and not yet settled.
    public var inFlightCount: Int { state.withLock { $0.inflight.count } }

    // MARK: management (the caller persists what changed)

    /// Adds a key; refuses a bad or duplicate name, a reused secret, an unknown team or negative limits.
    public func addKey(_ record: VirtualKeyRecord) throws(GovernanceError) {
        try state.withLock { (s: inout GovernorState) throws(GovernanceError) in try s.addKey(record) }
    }

    /// Revokes the key named `name` as of `time` and returns its updated record (revoking twice keeps the first time).
    @discardableResult
    public func revokeKey(name: String, at time: Double) throws(GovernanceError) -> VirtualKeyRecord {
        try state.withLock { (s: inout GovernorState) throws(GovernanceError) in try s.revokeKey(name: name, at: time) }
    }

    /// Replaces every key with `records` (the shared store's set, as a replica resyncs): added, changed, revoked
    /// and deleted keys take effect for the next request. Returns whether anything changed and the records
    /// skipped as invalid, each with its reason.
    public func replaceKeys(with records: [VirtualKeyRecord]) -> (changed: Bool, skipped: [String]) {
        state.withLock { $0.replaceKeys(with: records) }
    }

    /// Every key (revoked and expired ones too), by name.
    public func keys() -> [VirtualKeyRecord] {
        state.withLock { $0.keys.values.sorted { $0.name < $1.name } }
    }

    /// Adds a team or replaces the one with the same name.
    public func upsertTeam(_ team: TeamSpec) throws(GovernanceError) {
        try state.withLock { (s: inout GovernorState) throws(GovernanceError) in try s.upsertTeam(team) }
    }

    /// Removes a team; refused while any key or budget names it.
    @discardableResult
    public func removeTeam(name: String) throws(GovernanceError) -> TeamSpec {
        try state.withLock { (s: inout GovernorState) throws(GovernanceError) in try s.removeTeam(name: name) }
    }

    /// Every team, by name.
    public func teams() -> [TeamSpec] {
        state.withLock { $0.teams.values.sorted { $0.name < $1.name } }
    }

    /// Sets a budget, replacing the one with the same scope and period (its spend so far is kept). A new budget
    /// starts from `ledgerSpent`: what the ledger already holds for its scope since its current period began
    /// (`periodStart(of:now:)`), so a budget made mid-period binds at once instead of starting from $0.
    public func setBudget(
        _ spec: BudgetSpec, now: Double = Date().timeIntervalSince1970, ledgerSpent: Double = 0
    ) throws(GovernanceError) {
        try state.withLock { (s: inout GovernorState) throws(GovernanceError) in
            try s.setBudget(spec, now: now, ledgerSpent: ledgerSpent)
        }
    }

    /// When the current period of a budget like `spec` began at `now`, in the budgets' time zone: the ledger
    /// question for `setBudget`'s `ledgerSpent` is the scope's spend since then.
    public func periodStart(of spec: BudgetSpec, now: Double) -> Double {
        spec.period.periodStart(containing: now, timeZone: timeZone)
    }

    /// Removes the budget for `scope` and `period`.
    @discardableResult
    public func removeBudget(scope: BudgetScope, period: BudgetPeriod) throws(GovernanceError) -> BudgetSpec {
        try state.withLock { (s: inout GovernorState) throws(GovernanceError) in
            try s.removeBudget(scope: scope, period: period)
        }
    }

    /// Every budget, in the order set.
    public func budgets() -> [BudgetSpec] {
        state.withLock { $0.budgets.map(\.spec) }
    }

    // MARK: restart

    /// What to ask the ledger at start: one query per budget (its scope, since its current period began).
    public func seedQueries(now: Double) -> [SpendQuery] {
        state.withLock { $0.seedQueries(now: now) }
    }

    /// Restores budgets' spend from the ledger's answers to `seedQueries`, and burn rates and spenders from
    /// recent buckets (the last 24 hours).
    public func seed(spent: [SpendQuery: Double], recent: [SpendBucket], now: Double) {
        state.withLock { $0.seed(spent: spent, recent: recent, now: now) }
    }
}

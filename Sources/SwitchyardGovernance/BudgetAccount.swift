import Foundation
import SwitchyardCore

/// A budget's identity: one per scope and period (setting the same pair again replaces the limit).
struct BudgetID: Sendable, Hashable {
    var scope: BudgetScope
    var period: BudgetPeriod
}

/// One budget's spend in its current period, dollars held by requests in flight, and its burn.
struct BudgetAccount: Sendable {
    var spec: BudgetSpec
    var spent = 0.0
    var reserved = 0.0
    var periodStart: Double
    var periodEnd: Double?
    var burn = SpendWindows()
    /// In a fleet, the most this replica may bring `spent + reserved` to: the fleet's spend as last learned plus
    /// this replica's lease; `-infinity` while it holds no lease. Infinite on one process, where the limit alone
    /// binds.
    var ceiling = Double.infinity
    /// In a fleet, other replicas' spend this period as last learned (part of `spent`); 0 on one process.
    var othersSpent = 0.0
    /// In a fleet, the largest worst case the lease could not cover since the last grant: the next asks for it.
    var shortfall = 0.0
    /// In a fleet, whether the budget store could not be reached at the last try: a request the lease cannot
    /// cover is then refused with a 503, not a 429.
    var storeUnreachable = false

    var id: BudgetID { BudgetID(scope: spec.scope, period: spec.period) }

    init(spec: BudgetSpec, now: Double, zone: TimeZone) {
        self.spec = spec
        periodStart = spec.period.periodStart(containing: now, timeZone: zone)
        periodEnd = spec.period.periodEnd(containing: now, timeZone: zone)
    }

    /// Whether a request with this key, team and model falls under the budget.
    func matches(key: String?, team: String?, model: String) -> Bool {
        switch spec.scope {
        case .global: true
        case .key(let k): key == k
        case .team(let t): team == t
        case .model(let m): model == m
        }
    }

    /// `>=`: at exactly the limit the budget is spent; what is in flight counts as spent.
    var isExhausted: Bool { spent + reserved >= spec.limit }

    /// Whether a request that may cost up to `worstCase` fits in what is left, what is in flight counting as
    /// spent. Admitting only what fits bounds a budget's overshoot by the estimation error of the requests in
    /// flight, instead of by whatever one request asks for.
    func fits(_ worstCase: Double) -> Bool {
        !isExhausted && spent + reserved + worstCase <= min(spec.limit, ceiling)
    }

    /// Dollars not yet spent or held by requests in flight (in a fleet, within this replica's lease).
    var left: Double { min(spec.limit, ceiling) - spent - reserved }

    /// Whether the budget has room for `worstCase` and only this replica's lease lacks it.
    func leaseShort(_ worstCase: Double) -> Bool {
        !isExhausted && spent + reserved + worstCase <= spec.limit && spent + reserved + worstCase > ceiling
    }

    /// Starts a new period when `now` has passed the end of the current one. Reservations carry over: the
    /// requests holding them are still running and settle into the new period.
    mutating func roll(now: Double, zone: TimeZone) {
        guard let end = periodEnd, now >= end else { return }
        spent = 0
        othersSpent = 0
        // A lease belongs to its period: the new one has none until the next grant.
        if ceiling < .infinity { ceiling = -.infinity }
        periodStart = spec.period.periodStart(containing: now, timeZone: zone)
        periodEnd = spec.period.periodEnd(containing: now, timeZone: zone)
    }

    /// The 429 for a request this budget refuses; `worstCase` is what the request may cost, for a budget that is
    /// not spent yet but cannot cover it.
    func refusal(now: Double, zone: TimeZone, worstCase: Double = 0) -> GatewayError {
        if leaseShort(worstCase) { return leaseRefusal(worstCase: worstCase) }
        var message: String
        if isExhausted {
            message = "budget exhausted: \(AdmissionText.budget(spec)) (spent \(AdmissionText.dollars(spent))"
        } else {
            message = "budget cannot cover this request: it may cost up to \(AdmissionText.dollars(worstCase)), and "
                + "\(AdmissionText.budget(spec)) has \(AdmissionText.dollars(left)) left "
                + "(spent \(AdmissionText.dollars(spent))"
        }
        if reserved > 0 { message += ", \(AdmissionText.dollars(reserved)) held by requests in flight" }
        message += ")"
        if !isExhausted { message += "; lower max_tokens or the prompt" }
        if let end = periodEnd {
            message += "; resets \(AdmissionText.time(end, in: zone))"
        } else {
            message += "; a total budget does not reset: raise its limit to continue"
        }
        return GatewayError(kind: .budgetExceeded, status: 429, message: message,
                            retryAfter: periodEnd.map { max(0, $0 - now) }, code: "budget_exceeded")
    }
}

extension BudgetAccount {
    /// The refusal of a request the budget has room for but this replica's lease cannot cover: a 503 while the
    /// budget store is unreachable (the fleet's spend cannot be checked), else a 429 to retry once the lease is
    /// topped up.
    func leaseRefusal(worstCase: Double) -> GatewayError {
        let budget = AdmissionText.budget(spec)
        let standing = "this request may cost up to \(AdmissionText.dollars(worstCase)) and this replica's lease of "
            + "\(budget) has \(AdmissionText.dollars(max(0, left))) left"
        if storeUnreachable {
            return GatewayError(
                kind: .unavailable, status: 503,
                message: "budget store unreachable: \(standing), and the fleet's spend cannot be checked until the shared database is back; retry later",
                retryAfter: 5, code: "budget_store_unavailable")
        }
        return GatewayError(
            kind: .budgetExceeded, status: 429,
            message: "budget lease used up: \(standing); the fleet still has money and a larger lease is on its way: retry in 1 s",
            retryAfter: 1, code: "budget_exceeded")
    }
}

/// Dollars over the last five minutes (one-second slots) and the last 24 hours (one-minute slots).
struct SpendWindows: Sendable {
    var recent = SlidingSum(width: 1, slots: 300)
    var day = SlidingSum(width: 60, slots: 1440)

    mutating func add(_ cost: Double, requests: Int, at time: Double) {
        recent.add(cost, count: requests, at: time)
        day.add(cost, count: requests, at: time)
    }

    /// Dollars per hour over the recent window and over 24 hours, dividing by the time observed when shorter.
    mutating func perHour(now: Double, observedSince: Double) -> (recent: Double, day: Double) {
        let observed = max(1, now - observedSince)
        let recentDollars = recent.totals(now: now).value
        let dayDollars = day.totals(now: now).value
        return (recentDollars / min(recent.span, observed) * 3600, dayDollars / min(day.span, observed) * 3600)
    }
}

/// Rate-limit standing of the key (or team) that is closest to its limit, for `x-ratelimit-*` headers.
public struct RateLimitStatus: Sendable, Codable, Hashable {
    public var limitRequests: Int?
    public var remainingRequests: Int?
    /// Seconds until the request window frees a slot.
    public var resetRequests: Double?
    public var limitTokens: Int?
    public var remainingTokens: Int?
    /// Seconds until the token window frees capacity.
    public var resetTokens: Double?

    public init(
        limitRequests: Int? = nil, remainingRequests: Int? = nil, resetRequests: Double? = nil,
        limitTokens: Int? = nil, remainingTokens: Int? = nil, resetTokens: Double? = nil
    ) {
        self.limitRequests = limitRequests
        self.remainingRequests = remainingRequests
        self.resetRequests = resetRequests
        self.limitTokens = limitTokens
        self.remainingTokens = remainingTokens
        self.resetTokens = resetTokens
    }
}

/// What an admitted request holds until it is settled: its reservation against every budget in its chain.
public struct AdmissionTicket: Sendable, Hashable {
    /// Unique per admission; settling the same ticket twice charges once.
    public var id: UInt64
    /// Dollars reserved (the estimate) against each matching budget.
    public var reserved: Double
    /// Tokens counted against TPM at admission (prompt estimate + completion ceiling).
    public var reservedTokens: Int
    /// The model group the request will run on (the requested one, or a downgrade).
    public var model: String
    public var key: String?
    public var team: String?
    public var rateLimit: RateLimitStatus?
    /// Set when a budget with the `clamp` policy lowered the request's completion ceiling to fit.
    public var clamp: TokenClamp?

    public init(
        id: UInt64, reserved: Double, reservedTokens: Int, model: String, key: String?, team: String?,
        rateLimit: RateLimitStatus? = nil, clamp: TokenClamp? = nil
    ) {
        self.clamp = clamp
        self.id = id
        self.reserved = reserved
        self.reservedTokens = reservedTokens
        self.model = model
        self.key = key
        self.team = team
        self.rateLimit = rateLimit
    }
}

/// The verdict of admission control on one request.
public enum Admission: Sendable, Hashable {
    /// Run it on the requested model.
    case admitted(AdmissionTicket)
    /// A budget with a downgrade is exhausted: run it on `ticket.model` instead; `reason` names the budget.
    case downgraded(AdmissionTicket, reason: String)
    /// Refuse it with this error (403 model not allowed, 429 rate limit or budget).
    case rejected(GatewayError)
}

/// What a settled request actually cost.
public struct SettledCharge: Sendable, Hashable {
    public var cost: Double
    public var inputTokens: Int
    public var outputTokens: Int
    /// False when the deployment has no known price: the cost is unknown, not zero.
    public var costKnown: Bool

    /// Two charges as one (an escalated answer and the one that replaced it).
    public static func + (a: SettledCharge, b: SettledCharge) -> SettledCharge {
        SettledCharge(cost: a.cost + b.cost, inputTokens: a.inputTokens &+ b.inputTokens,
                      outputTokens: a.outputTokens &+ b.outputTokens, costKnown: a.costKnown && b.costKnown)
    }

    public init(cost: Double, inputTokens: Int, outputTokens: Int, costKnown: Bool = true) {
        self.cost = cost
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.costKnown = costKnown
    }

    /// Nothing charged (the request failed or was cancelled).
    public static let none = SettledCharge(cost: 0, inputTokens: 0, outputTokens: 0)
}

/// Permissions, rate limits and budgets, checked before routing and settled after the answer.
/// The engine calls it; the governance module implements it.
public protocol AdmissionControl: Sendable {
    /// Decides whether `request` may run now and, when it may, reserves `cost.worstCase` dollars (or less, with
    /// the ticket's `clamp`) and its tokens.
    func admit(_ request: GatewayRequest, cost: CostEstimate, now: Double) -> Admission
    /// Releases the ticket's reservation and charges what the request actually cost (once per ticket).
    func settle(_ ticket: AdmissionTicket, charge: SettledCharge, now: Double)
    /// Spend against every budget, for snapshots.
    func budgetSnapshots(now: Double) -> [BudgetSnapshot]
    /// Spend rate and spenders, for snapshots.
    func spendSnapshot(now: Double) -> SpendSnapshot
}

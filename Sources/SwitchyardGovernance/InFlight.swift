/// What the governor remembers about an admitted request until it settles.
struct InFlight: Sendable {
    var admittedAt: Double
    /// Budgets the estimate was reserved on (released at settle even if the budget's limit changed meanwhile).
    var budgets: [BudgetID]
    var reserved: Double
    /// Tokens counted against TPM at admission, replaced by the actual count at settle.
    var tokens: Int
    var key: String?
    var team: String?
    var model: String
}

/// One key's or team's spend over five minutes and 24 hours.
struct SpenderStats: Sendable {
    var team: String?
    var windows = SpendWindows()
}

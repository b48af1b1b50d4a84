/// Running spend in dollars, globally and per key, team and requested model.
/// Budgets and their enforcement live in admission control; these totals are only what answered requests cost.
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

    /// Adds what one request cost.
    mutating func charge(_ cost: Double, key: String?, team: String?, model: String) {
        guard cost > 0 else { return }
        global += cost
        if let key { byKey[key, default: 0] += cost }
        if let team { byTeam[team, default: 0] += cost }
        byModel[model, default: 0] += cost
    }
}

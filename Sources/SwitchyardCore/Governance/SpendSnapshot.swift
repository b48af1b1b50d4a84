/// One key's or team's recent spend, for the budget pane's top spenders and team drill-down.
public struct SpenderSnapshot: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable { case key, team }
    public var kind: Kind
    public var name: String
    /// The key's team (nil for teams and team-less keys).
    public var team: String?
    /// Dollars over the last 24 hours.
    public var spent24h: Double
    /// Requests over the last 24 hours.
    public var requests24h: Int
    /// Dollars per hour at the recent rate (last 5 minutes).
    public var burnPerHour: Double

    public init(kind: Kind, name: String, team: String?, spent24h: Double, requests24h: Int, burnPerHour: Double) {
        self.kind = kind
        self.name = name
        self.team = team
        self.spent24h = spent24h
        self.requests24h = requests24h
        self.burnPerHour = burnPerHour
    }
}

/// Gateway-wide spend rate and every spender with recent spend or a budget.
public struct SpendSnapshot: Sendable, Codable, Hashable {
    /// Dollars per hour at the recent rate (last 5 minutes).
    public var perHour: Double
    /// Dollars per hour averaged over the last 24 hours (or the time observed, when shorter).
    public var perHour24h: Double
    /// Requests settled without a known price in the last 24 hours (their cost is unknown, not zero).
    public var unpricedRequests24h: Int
    /// Keys and teams, highest 24-hour spend first.
    public var spenders: [SpenderSnapshot]

    public init(perHour: Double = 0, perHour24h: Double = 0, unpricedRequests24h: Int = 0, spenders: [SpenderSnapshot] = []) {
        self.perHour = perHour
        self.perHour24h = perHour24h
        self.unpricedRequests24h = unpricedRequests24h
        self.spenders = spenders
    }
}

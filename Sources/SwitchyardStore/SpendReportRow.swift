/// What a spend report groups by (`switchyard ctl spend --by …`).
public enum SpendGrouping: String, Sendable, Codable, CaseIterable, Hashable {
    /// `replica` only groups a fleet's shared ledger: one gateway's own ledger has a single writer.
    case key, team, model, deployment, replica

    /// The ledger column holding the group's name.
    public var column: String { rawValue }

    /// Whether one gateway's own ledger can be grouped this way.
    public var isLocal: Bool { self != .replica }
}

/// One group's spend over a report's window; `name` is nil for requests without one (no key, no team, or no
/// deployment answered).
public struct SpendReportRow: Sendable, Codable, Hashable {
    public var name: String?
    public var requests: Int
    /// Requests the client got a status >= 400 for.
    public var errors: Int
    public var inputTokens: Int
    public var outputTokens: Int
    /// Dollars; excludes the unpriced requests, whose cost is unknown.
    public var cost: Double
    /// Requests answered by a deployment with no known price.
    public var unpriced: Int
    /// Epoch seconds of the group's first and last request in the window.
    public var firstTime: Double
    public var lastTime: Double

    public init(
        name: String?, requests: Int, errors: Int, inputTokens: Int, outputTokens: Int, cost: Double, unpriced: Int,
        firstTime: Double, lastTime: Double
    ) {
        self.name = name
        self.requests = requests
        self.errors = errors
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cost = cost
        self.unpriced = unpriced
        self.firstTime = firstTime
        self.lastTime = lastTime
    }
}

/// A whole spend report as the control API sends it: the rows, highest cost first, and their total.
public struct SpendReport: Sendable, Codable, Hashable {
    public var grouping: SpendGrouping
    /// Epoch seconds; rows at or after it count.
    public var since: Double
    /// Epoch seconds; rows before it count (nil: up to now).
    public var until: Double?
    public var rows: [SpendReportRow]
    /// Every request in the window, `name` nil; nil when the window holds none.
    public var total: SpendReportRow?
    /// Set when the report sums a fleet's shared ledger: who answered and what it has not shipped yet.
    public var shared: SharedLedgerStatus?

    public init(
        grouping: SpendGrouping, since: Double, until: Double?, rows: [SpendReportRow], total: SpendReportRow?,
        shared: SharedLedgerStatus? = nil
    ) {
        self.grouping = grouping
        self.since = since
        self.until = until
        self.rows = rows
        self.total = total
        self.shared = shared
    }
}

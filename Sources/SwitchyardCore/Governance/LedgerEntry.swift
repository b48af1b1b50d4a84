/// One settled request as the durable ledger records it.
public struct LedgerEntry: Sendable, Codable, Hashable {
    /// Epoch seconds when the request started.
    public var time: Double
    public var requestID: String
    public var key: String?
    public var team: String?
    /// The model group the client asked for.
    public var model: String
    /// The deployment that answered, if any.
    public var deployment: String?
    public var inputTokens: Int
    public var outputTokens: Int
    public var cost: Double
    /// False when the answering deployment has no known price.
    public var costKnown: Bool
    /// HTTP status the client got (499 when it went away).
    public var status: Int

    public init(
        time: Double, requestID: String, key: String?, team: String?, model: String, deployment: String?,
        inputTokens: Int, outputTokens: Int, cost: Double, costKnown: Bool, status: Int
    ) {
        self.time = time
        self.requestID = requestID
        self.key = key
        self.team = team
        self.model = model
        self.deployment = deployment
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cost = cost
        self.costKnown = costKnown
        self.status = status
    }
}

/// Where settled requests go; `append` returns once the entry is durable, so a response the client received
/// is never missing from the ledger. An append must complete even when the calling task is cancelled (a client
/// that hung up still gets its row).
public protocol LedgerSink: Sendable {
    func append(_ entry: LedgerEntry) async throws
}

/// Spend since a point in time within one budget scope: what the governor asks the ledger at start.
public struct SpendQuery: Sendable, Hashable {
    public var scope: BudgetScope
    /// Epoch seconds; rows at or after it count.
    public var since: Double

    public init(scope: BudgetScope, since: Double) {
        self.scope = scope
        self.since = since
    }
}

/// Spend of one key/team/model in one time bucket, for rebuilding burn rates and top spenders at start.
public struct SpendBucket: Sendable, Hashable, Codable {
    /// Epoch seconds of the bucket's start.
    public var start: Double
    public var key: String?
    public var team: String?
    public var model: String
    public var cost: Double
    public var requests: Int

    public init(start: Double, key: String?, team: String?, model: String, cost: Double, requests: Int) {
        self.start = start
        self.key = key
        self.team = team
        self.model = model
        self.cost = cost
        self.requests = requests
    }
}

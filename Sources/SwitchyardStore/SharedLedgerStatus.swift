/// How a report read from a fleet's shared ledger relates to the replica that answered it: rows this replica has
/// journaled but not yet shipped are not in the report's figures.
public struct SharedLedgerStatus: Sendable, Codable, Hashable {
    /// The replica that answered.
    public var replica: String
    /// Replicas with rows in the report's window.
    public var replicas: Int
    /// Rows this replica has committed locally that the shared ledger does not hold yet.
    public var pendingRows: Int
    /// Epoch seconds of the oldest of them; nil when none wait.
    public var oldestPending: Double?
    /// Why shipping is stalled (the database unreachable, …); nil while it flows.
    public var shippingError: String?

    public init(replica: String, replicas: Int, pendingRows: Int, oldestPending: Double?, shippingError: String?) {
        self.replica = replica
        self.replicas = replicas
        self.pendingRows = pendingRows
        self.oldestPending = oldestPending
        self.shippingError = shippingError
    }
}

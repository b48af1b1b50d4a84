import Dispatch
import SwitchyardStore

/// Spend reports over the fleet's shared ledger, saying how much of this replica's own ledger has not reached it.
public struct FleetSpendSource: SpendSource {
    private let ledger: FleetLedger
    private let shipper: LedgerShipper
    private static let queue = BlockingQueue(label: "switchyard.fleet.spend")

    /// Reads through `connection`; `shipper` tells what this replica still holds back.
    public init(connection: FleetConnection, shipper: LedgerShipper) {
        ledger = FleetLedger(connection: connection)
        self.shipper = shipper
    }

    public func spendReport(by grouping: SpendGrouping, since: Double, until: Double?) async throws -> SpendReport {
        let (ledger, shipper) = (self.ledger, self.shipper)
        return try await Self.queue.run {
            let (pending, failure) = try shipper.backlog()
            let report: (rows: [SpendReportRow], total: SpendReportRow?, replicas: Int)
            do {
                report = try ledger.report(by: grouping, since: since, until: until)
            } catch {
                throw FleetError("the fleet's shared ledger cannot be read (\(FleetError.reason(error))); \(pending.rows) rows of replica \(shipper.replica) wait locally to be shipped")
            }
            let (rows, total, replicas) = report
            return SpendReport(
                grouping: grouping, since: since, until: until, rows: rows, total: total,
                shared: SharedLedgerStatus(replica: shipper.replica, replicas: replicas, pendingRows: pending.rows,
                                           oldestPending: pending.oldestTime, shippingError: failure))
        }
    }
}

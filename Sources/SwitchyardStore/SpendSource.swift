/// Where spend reports are read from: this gateway's own ledger, or a fleet's shared one.
public protocol SpendSource: Sendable {
    /// Rows and total of a report over [since, until), highest cost first.
    func spendReport(by grouping: SpendGrouping, since: Double, until: Double?) async throws -> SpendReport
}

extension StoreDatabase: SpendSource {}

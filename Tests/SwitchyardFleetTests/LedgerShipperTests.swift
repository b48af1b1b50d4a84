import Foundation
import Logging
import SwitchyardCore
import SwitchyardStore
import SwitchyardTestSupport
import Testing
@testable import SwitchyardFleet

/// Shipping a replica's local ledger into the shared one, against a real PostgreSQL.
@Suite struct LedgerShipperTests {
    private let logger = Logger(label: "test")

    /// A fresh database with the schema, and a connection to it.
    private func database(_ prefix: String) throws -> (url: FleetDatabaseURL, connection: FleetConnection, name: String) {
        let cluster = try PostgresTestCluster.shared()
        let (name, text) = try cluster.createDatabase(prefix: prefix)
        let url = try FleetDatabaseURL(parsing: text)
        let connection = FleetConnection(url: url, timeout: .seconds(10), logger: logger)
        try FleetSchema.migrate(connection)
        return (url, connection, name)
    }

    private func entries(_ count: Int, from start: Int = 0, key: String = "k", cost: Double = 0.25) -> [LedgerEntry] {
        (start..<start + count).map { i in
            LedgerEntry(time: 1_800_000_000 + Double(i), requestID: "req-\(key)-\(i)", key: key, team: i % 2 == 0 ? "t" : nil,
                        model: "chat", deployment: "chat/primary", inputTokens: 10 + i, outputTokens: 3, cost: cost,
                        costKnown: true, status: i % 5 == 4 ? 502 : 200)
        }
    }

    private func shipper(_ local: StoreDatabase, _ url: FleetDatabaseURL, replica: String, batch: Int = 10) -> LedgerShipper {
        LedgerShipper(database: local, url: url, replica: replica, batchSize: batch, logger: logger)
    }

    private func count(_ connection: FleetConnection, replica: String) throws -> Int {
        let rows = try connection.query("SELECT count(*)::bigint FROM switchyard_ledger WHERE replica = \(replica)")
        return try rows.first?.decode(Int.self) ?? -1
    }

    @Test func shipsInBoundedBatchesInOrderAndResumesFromTheSharedLedger() throws {
        let (url, connection, _) = try database("ship_batches")
        defer { connection.close() }
        let local = try StoreDatabase()
        try local.insertLedger(entries(25))
        let first = shipper(local, url, replica: "a")
        defer { first.close() }
        #expect(try [first.shipBatch(), first.shipBatch(), first.shipBatch(), first.shipBatch()] == [10, 10, 5, 0])
        #expect(try count(connection, replica: "a") == 25)
        let ids = try connection.query("SELECT local_id FROM switchyard_ledger WHERE replica = 'a' ORDER BY id")
            .map { try $0.decode(Int64.self) }
        #expect(ids == Array(1...25))
        let stored = try connection.query(
            "SELECT request_id, key, team, input_tokens, cost, status FROM switchyard_ledger WHERE local_id = 5")
        let row = try #require(stored.first).decode((String, String?, String?, Int, Double, Int32).self)
        #expect(row.0 == "req-k-4" && row.1 == "k" && row.2 == "t" && row.3 == 14 && row.4 == 0.25 && row.5 == 502)

        // A restarted replica reads its cursor from the shared ledger: nothing again, then only what is new.
        try local.insertLedger(entries(3, from: 25))
        let restarted = shipper(local, url, replica: "a")
        defer { restarted.close() }
        #expect(try restarted.shipBatch() == 3)
        #expect(try restarted.shipBatch() == 0)
        #expect(try count(connection, replica: "a") == 28)
        #expect(try restarted.backlog().backlog == LedgerBacklog(rows: 0, oldestTime: nil))
    }

    @Test func shippingTheSameRowsAgainAddsNothing() throws {
        let (url, connection, _) = try database("ship_idempotent")
        defer { connection.close() }
        let local = try StoreDatabase()
        try local.insertLedger(entries(12))
        let rows = try local.ledgerRows(after: 0, limit: 100)
        let ledger = FleetLedger(connection: connection)
        // Rows 1–8 reached the database but the replica died before it learnt so.
        #expect(try ledger.insert(Array(rows.prefix(8)), replica: "a") == 8)
        #expect(try ledger.insert(Array(rows.prefix(8)), replica: "a") == 0)
        let shipper = shipper(local, url, replica: "a", batch: 100)
        defer { shipper.close() }
        #expect(try shipper.shipBatch() == 4)
        #expect(try ledger.insert(rows, replica: "a") == 0)
        #expect(try count(connection, replica: "a") == 12)
        // The same local ids from another replica are other rows.
        #expect(try ledger.insert(rows, replica: "b") == 12)
    }

    @Test func aSharedLedgerAheadOfTheJournalStopsShipping() throws {
        let (url, connection, _) = try database("ship_foreign")
        defer { connection.close() }
        let other = try StoreDatabase()
        try other.insertLedger(entries(6))
        try FleetLedger(connection: connection).insert(try other.ledgerRows(after: 0, limit: 10), replica: "a")
        let local = try StoreDatabase()
        try local.insertLedger(entries(2, key: "mine"))
        let shipper = shipper(local, url, replica: "a")
        defer { shipper.close() }
        #expect {
            try shipper.shipBatch()
        } throws: { error in
            "\(error)".contains("another gateway ships under the name a")
        }
        #expect(try count(connection, replica: "a") == 6)
        let (backlog, failure) = try shipper.backlog()
        #expect(backlog.rows == 2)
        #expect(failure?.contains("give this one another --replica") == true)
    }

    @Test func rowsWaitLocallyWhileTheDatabaseIsAway() throws {
        let local = try StoreDatabase()
        try local.insertLedger(entries(3))
        let unreachable = try FleetDatabaseURL(parsing: "postgresql://switchyard@127.0.0.1:1/switchyard?sslmode=disable")
        let shipper = shipper(local, unreachable, replica: "a")
        defer { shipper.close() }
        #expect(throws: FleetError.self) { try shipper.shipBatch() }
        let (backlog, failure) = try shipper.backlog()
        #expect(backlog == LedgerBacklog(rows: 3, oldestTime: 1_800_000_000))
        #expect(failure?.contains("cannot connect") == true)
        #expect(shipper.shippedRows == 0)
    }

    @Test func theFleetReportSumsEveryReplicaAndNamesThisOnesBacklog() async throws {
        let (url, connection, _) = try database("ship_report")
        defer { connection.close() }
        let a = try StoreDatabase(), b = try StoreDatabase()
        try a.insertLedger(entries(10, key: "ka", cost: 0.5))
        try b.insertLedger(entries(4, key: "kb", cost: 1.5))
        let shipA = shipper(a, url, replica: "a", batch: 100), shipB = shipper(b, url, replica: "b", batch: 100)
        defer { shipA.close(); shipB.close() }
        try shipA.shipBatch()
        try shipB.shipBatch()
        try a.insertLedger(entries(2, from: 10, key: "ka", cost: 0.5))
        let source = FleetSpendSource(connection: connection, shipper: shipA)

        let byReplica = try await source.spendReport(by: .replica, since: 0, until: nil)
        #expect(byReplica.rows.map(\.name) == ["b", "a"])
        #expect(byReplica.rows.map(\.cost) == [6, 5])
        #expect(byReplica.rows.map(\.requests) == [4, 10])
        let total = try #require(byReplica.total)
        #expect(total.requests == 14 && total.cost == 11 && total.errors == 2)
        #expect(total.inputTokens == (10...19).reduce(0, +) + (10...13).reduce(0, +))
        #expect(byReplica.shared == SharedLedgerStatus(replica: "a", replicas: 2, pendingRows: 2,
                                                        oldestPending: 1_800_000_010, shippingError: nil))
        let local = try await a.spendReport(by: .key, since: 0, until: nil)
        let byKey = try await source.spendReport(by: .key, since: 0, until: 1_800_000_002)
        #expect(byKey.rows.map(\.name) == ["kb", "ka"])
        #expect(byKey.total?.requests == 4)
        #expect(local.total?.requests == 12)
        #expect(local.shared == nil)
    }
}

extension LedgerShipperTests {
    @Test func twoJournalsShippingUnderOneNameStopAtTheFirstClash() throws {
        let (url, connection, _) = try database("ship_clash")
        defer { connection.close() }
        let a = try StoreDatabase(), b = try StoreDatabase()
        let shipA = shipper(a, url, replica: "same"), shipB = shipper(b, url, replica: "same")
        defer { shipA.close(); shipB.close() }
        // Both start on an empty shared ledger, then each journals rows with the same local ids.
        #expect(try shipA.shipBatch() == 0)
        #expect(try shipB.shipBatch() == 0)
        try a.insertLedger(entries(6, key: "a"))
        try b.insertLedger(entries(3, key: "b"))
        #expect(try shipA.shipBatch() == 6)
        #expect {
            try shipB.shipBatch()
        } throws: { error in
            "\(error)".contains("3 rows of replica same with local ids 1–3 are already in the shared ledger")
        }
        // It stays stopped, its rows kept locally, and says why.
        #expect(throws: FleetError.self) { try shipB.shipBatch() }
        #expect(try shipB.backlog().failure?.contains("give each replica its own --replica") == true)
        #expect(try count(connection, replica: "same") == 6)
    }

    @Test func aBatchShippedTwiceIsNoClash() throws {
        let (url, connection, _) = try database("ship_twice")
        defer { connection.close() }
        let local = try StoreDatabase()
        try local.insertLedger(entries(4))
        let shipper = shipper(local, url, replica: "a")
        defer { shipper.close() }
        #expect(try shipper.shipBatch() == 4)
        // The same rows again, as after an answer lost with the connection: the same request ids, no clash.
        let rows = try local.ledgerRows(after: 0, limit: 10)
        #expect(try FleetLedger(connection: connection).foreignRows(rows, replica: "a") == 0)
        #expect(try FleetLedger(connection: connection).foreignRows(rows, replica: "b") == 0)
    }
}

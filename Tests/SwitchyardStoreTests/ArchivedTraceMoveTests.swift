import Foundation
import GRDB
import SwitchyardCore
import Testing
@testable import SwitchyardStore

/// Earlier versions archived traces in `switchyard.db`; opening such a file moves them to `traces.db`.
@Suite struct ArchivedTraceMoveTests {
    /// A state database as an earlier version left it: its schema, with `traces` archived in it.
    private func legacyStateDatabase(in dir: TemporaryDirectory, traces: [RequestTrace]) throws {
        let pool = try DatabasePool(path: dir.path + "/" + StoreDatabase.fileName)
        try StoreSchema.migrator.migrate(pool)
        try pool.write { db in
            for trace in traces {
                let row = try TraceRow(trace)
                try db.execute(sql: TraceRow.insertSQL, arguments: row.arguments)
                try db.execute(sql: TraceRow.insertJSONSQL, arguments: [db.lastInsertedRowID, row.json])
            }
        }
        try pool.close()
    }

    private func hasTraceTables(_ db: StoreDatabase) throws -> Bool {
        try db.writer.read { db in try db.tableExists("traces") || db.tableExists("trace_json") }
    }

    private func all(_ store: TraceStore) async throws -> [RequestTrace] {
        try await store.traces(matching: TraceQuery(filter: try RequestFilter(parsing: ""), limit: 1_000))
    }

    @Test func aNewStateDatabaseKeepsNoTraceTables() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(directory: dir.path)
        #expect(try !hasTraceTables(db))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/" + TraceDatabase.fileName))
        #expect(try !hasTraceTables(try StoreDatabase()))
    }

    @Test func archivedTracesMoveWholeToTheirOwnFile() async throws {
        let dir = try TemporaryDirectory()
        let traces = TraceStoreTests.traces
        try legacyStateDatabase(in: dir, traces: traces)

        let state = try StoreDatabase(directory: dir.path)
        #expect(try !hasTraceTables(state))
        let store = TraceStore(database: try TraceDatabase(directory: dir.path))
        let moved = try await all(store)
        #expect(moved.count == traces.count)
        #expect(Set(moved) == Set(traces))
        // Arrival order survives: the newest-first listing breaks time ties by it.
        #expect(moved.map(\.id) == traces.sorted { $0.record.time > $1.record.time }.map(\.id))
    }

    @Test func anInterruptedMoveFinishesWithoutDuplicates() async throws {
        let dir = try TemporaryDirectory()
        let traces = TraceStoreTests.traces
        try legacyStateDatabase(in: dir, traces: traces)
        // The archive file already holds part of them, as when a move stopped after its copy committed.
        do {
            let archive = try TraceDatabase(directory: dir.path)
            try await TraceStore(database: archive).store(Array(traces.prefix(5)))
            try archive.close()
        }

        _ = try StoreDatabase(directory: dir.path)
        let archive = try TraceDatabase(directory: dir.path)
        let store = TraceStore(database: archive)
        #expect(try store.count() == traces.count)
        #expect(Set(try await all(store)) == Set(traces))
        let jsonRows = try await archive.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trace_json") }
        #expect(jsonRows == traces.count)
    }
}

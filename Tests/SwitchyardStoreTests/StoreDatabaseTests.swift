import Foundation
import GRDB
import Testing
@testable import SwitchyardStore

@Suite struct StoreDatabaseTests {
    @Test func aFileDatabaseIsInWALMode() throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(directory: dir.path)
        #expect(db.path == dir.path + "/switchyard.db")
        #expect(try db.journalMode() == "wal")
        #expect(FileManager.default.fileExists(atPath: db.path))
        let sync = try db.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(sync == 1)  // NORMAL
    }

    @Test func theDirectoryIsCreatedWhenMissing() throws {
        let dir = try TemporaryDirectory()
        let nested = dir.path + "/a/b/"
        let db = try StoreDatabase(directory: nested)
        #expect(db.path == dir.path + "/a/b/switchyard.db")
        #expect(FileManager.default.fileExists(atPath: db.path))
    }

    @Test func reopeningKeepsDataAndSchema() throws {
        let dir = try TemporaryDirectory()
        do {
            let db = try StoreDatabase(directory: dir.path)
            try db.insertLedger([LedgerFixtures.entry(1), LedgerFixtures.entry(2)])
            try db.close()
        }
        let again = try StoreDatabase(directory: dir.path)
        #expect(try again.ledgerCount() == 2)
    }

    @Test func aFileThatIsNotSQLiteIsAClearErrorNamingIt() throws {
        let dir = try TemporaryDirectory()
        let file = dir.path + "/switchyard.db"
        let junk = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try junk.write(to: URL(fileURLWithPath: file))
        do {
            _ = try StoreDatabase(directory: dir.path)
            Issue.record("opening a non-database file succeeded")
        } catch let error as StoreError {
            guard case .notADatabase(let path, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == file)
            #expect(error.description.contains(file))
        }
    }

    @Test func aSchemaFromANewerVersionIsRefused() throws {
        let dir = try TemporaryDirectory()
        do {
            let db = try StoreDatabase(directory: dir.path)
            try db.writer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            }
            try db.close()
        }
        #expect(throws: StoreError.newerSchema(path: dir.path + "/switchyard.db")) {
            _ = try StoreDatabase(directory: dir.path)
        }
    }

    @Test func inMemoryStoreHasTheSameSchema() throws {
        let db = try StoreDatabase()
        try db.insertLedger([LedgerFixtures.entry(1)])
        try db.saveTeam(.init(name: "t"))
        #expect(try db.ledgerCount() == 1)
        #expect(try db.teams().map(\.name) == ["t"])
    }
}

@Suite struct WALCheckpointTests {
    /// Commits only append to the log; a connection of the store's own copies it into the file in the background,
    /// long before the writer's automatic checkpoint (thousands of pages away) would.
    @Test func theLogReachesTheFileWithoutACommitCheckpointing() async throws {
        let dir = try TemporaryDirectory()
        let db = try StoreDatabase(directory: dir.path)
        let auto = try await db.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
        #expect(auto == WALDatabase.automaticCheckpointPages)
        func fileBytes() throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: db.path)[.size] as? Int) ?? 0
        }
        let before = try fileBytes()
        for i in 0..<200 { try db.insertLedger([LedgerFixtures.entry(i)]) }
        let deadline = Date().addingTimeInterval(10)
        while try fileBytes() <= before, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try fileBytes() > before, "the database file never grew: nothing checkpointed the log")
        try db.close()
    }

    @Test func theTraceArchiveIsAWALFileOfItsOwn() throws {
        let dir = try TemporaryDirectory()
        let traces = try TraceDatabase(directory: dir.path)
        #expect(traces.path == dir.path + "/traces.db")
        #expect(try traces.journalMode() == "wal")
    }
}

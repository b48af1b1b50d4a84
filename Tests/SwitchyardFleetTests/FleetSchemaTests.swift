import Foundation
import Logging
import SwitchyardTestSupport
import Testing
@testable import SwitchyardFleet

/// Migrations against a real PostgreSQL: idempotent, safe when replicas start together, refusing a newer schema.
@Suite struct FleetSchemaTests {
    private func connect(_ url: String) throws -> FleetConnection {
        FleetConnection(url: try FleetDatabaseURL(parsing: url), timeout: .seconds(10), logger: Logger(label: "test"))
    }

    private func appliedVersions(_ connection: FleetConnection) throws -> [Int] {
        try connection.query("SELECT version::bigint FROM switchyard_schema ORDER BY version").map { try $0.decode(Int.self) }
    }

    @Test func migratingTwiceChangesNothingTheSecondTime() throws {
        let url = try PostgresTestCluster.shared().createDatabase(prefix: "schema_twice").url
        let connection = try connect(url)
        defer { connection.close() }
        #expect(try FleetSchema.currentVersion(connection) == 0)
        #expect(try FleetSchema.migrate(connection) == 0)
        #expect(try FleetSchema.migrate(connection) == FleetSchema.version)
        #expect(try FleetSchema.currentVersion(connection) == FleetSchema.version)
        #expect(try appliedVersions(connection) == Array(1...FleetSchema.version))
    }

    @Test func replicasMigratingAtOnceApplyEachStepOnce() async throws {
        let url = try PostgresTestCluster.shared().createDatabase(prefix: "schema_race").url
        let outcomes = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    do {
                        let connection = try connect(url)
                        defer { connection.close() }
                        try FleetSchema.migrate(connection)
                        return nil
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var failures: [String] = []
            for await outcome in group { if let outcome { failures.append(outcome) } }
            return failures
        }
        #expect(outcomes == [])
        let connection = try connect(url)
        defer { connection.close() }
        #expect(try appliedVersions(connection) == Array(1...FleetSchema.version))
    }

    @Test func aSchemaNewerThanThisBuildIsRefusedNamingBothVersions() throws {
        let url = try PostgresTestCluster.shared().createDatabase(prefix: "schema_newer").url
        let connection = try connect(url)
        defer { connection.close() }
        try FleetSchema.migrate(connection)
        let newer = FleetSchema.version + 1
        _ = try connection.query("INSERT INTO switchyard_schema (version) VALUES (\(newer))")
        let error = #expect(throws: FleetError.self) { try FleetSchema.migrate(connection) }
        let text = error?.description ?? ""
        #expect(text.contains("schema is version \(newer)"))
        #expect(text.contains("knows (version \(FleetSchema.version))"))
        // The refusal changed nothing.
        #expect(try appliedVersions(connection).last == newer)
    }

    @Test func anUnreachableDatabaseFailsWithinTheTimeout() throws {
        // A port nothing listens on: the shared cluster's port plus one is not taken by it.
        let cluster = try PostgresTestCluster.shared()
        let url = try FleetDatabaseURL(parsing: "postgresql://postgres@127.0.0.1:1/none")
        let started = ContinuousClock.now
        let error = #expect(throws: FleetError.self) {
            try FleetStore.open(url: url, replica: "r", timeout: .seconds(2), logger: Logger(label: "test"))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error?.description.contains("cannot connect to postgresql://postgres@127.0.0.1:1/none") == true)
        _ = cluster
    }

    @Test func anUnknownRoleIsRefusedWithTheServersReason() throws {
        let cluster = try PostgresTestCluster.shared()
        let url = try FleetDatabaseURL(parsing: "postgresql://nobody@127.0.0.1:\(cluster.port)/postgres?sslmode=disable")
        let error = #expect(throws: FleetError.self) {
            try FleetStore.open(url: url, replica: "r", timeout: .seconds(5), logger: Logger(label: "test"))
        }
        #expect(error?.description.contains("role \"nobody\" does not exist") == true)
    }
}

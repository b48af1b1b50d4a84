import Foundation
import Logging
import SwitchyardCore
import SwitchyardTestSupport
import Testing
@testable import SwitchyardFleet

/// Heartbeats in a real PostgreSQL and the fleet dashboard's feed over them: who is up, the panes summed over the
/// live replicas, one replica alone, fleet-wide commands through the shared overrides, and a database that does
/// not answer.
@Suite struct FleetFeedTests {
    static let logger = Logger(label: "test")

    static func snapshot(rps: Double, provider: String = "openai") -> GatewaySnapshot {
        let provider = ProviderSnapshot(name: provider, kind: .openai, enabled: true, status: .healthy, trafficShare: 1,
                                        requestsPerSecond: rps, errorRate: 0, openBreakers: 0, halfOpenBreakers: 0,
                                        deploymentIDs: [])
        return GatewaySnapshot(
            info: GatewayInfo(mode: "serve", address: nil, version: "0.1.0", startedAt: 1_700_000_000), time: 1_700_000_100,
            totals: TotalsSnapshot(requestsPerSecond: rps, totalRequests: Int(rps) * 10), providers: [provider],
            deployments: [], models: [], errors: [], budgets: [], events: [], requests: [], audit: [], canUndo: false)
    }

    static func open(_ url: String) throws -> FleetStore {
        try FleetStore.open(url: FleetDatabaseURL(parsing: url), replica: "test", timeout: .seconds(10), logger: logger)
    }

    /// Dates the rows of `replicas` an hour ahead, so they read as fresh however slowly the test runs.
    static func keepFresh(_ replicas: [String], database: String) throws {
        let names = replicas.map { "'\($0)'" }.joined(separator: ", ")
        try PostgresTestCluster.shared().psql(
            "UPDATE switchyard_heartbeats SET updated_at = now() + interval '1 hour' WHERE replica IN (\(names))",
            database: database)
    }

    static func beat(_ name: String, rps: Double) -> ReplicaHeartbeat {
        ReplicaHeartbeat(replica: name, version: "0.1.0", startedAt: 1_700_000_000, address: "127.0.0.1:\(8700 + Int(rps))",
                         controlSocket: "/run/\(name).sock", snapshot: snapshot(rps: rps))
    }

    @Test func replicasAreUpDownOrStoppedAndTheLiveOnesAreSummed() async throws {
        let cluster = try PostgresTestCluster.shared()
        let (name, url) = try cluster.createDatabase(prefix: "feed_heartbeats")
        let store = try Self.open(url)
        defer { store.connection.close() }
        for (replica, rps) in [("a", 10.0), ("b", 20.0), ("c", 40.0)] { try Self.beat(replica, rps: rps).write(on: store.connection) }
        try ReplicaHeartbeat.markStopped("b", on: store.connection)
        try cluster.psql("UPDATE switchyard_heartbeats SET updated_at = now() - interval '10 seconds' WHERE replica = 'c'",
                         database: name)
        try Self.keepFresh(["a"], database: name)

        let feed = FleetFeed(url: try FleetDatabaseURL(parsing: url), logger: Self.logger)
        let fleet = try await feed.snapshot()
        let replicas = try #require(fleet.fleet?.replicas)
        #expect(replicas.map(\.name) == ["a", "b", "c"])
        #expect(replicas.map(\.state) == ["up", "stopped", "down"])
        #expect(replicas[2].heartbeatAge >= 10)
        #expect(replicas[0].address == "127.0.0.1:8710")
        #expect(replicas[0].controlSocket == "/run/a.sock")
        #expect(fleet.fleet?.downCount == 2)
        // Only the live replica counts in the panes.
        #expect(fleet.totals.requestsPerSecond == 10)
        #expect(fleet.info.mode == "fleet")

        try Self.beat("c", rps: 40).write(on: store.connection)
        try Self.keepFresh(["c"], database: name)
        #expect(try await feed.snapshot().totals.requestsPerSecond == 50)

        feed.watch(replica: "c")
        let alone = try await feed.snapshot()
        #expect(alone.totals.requestsPerSecond == 40)
        #expect(alone.fleet?.watching == "c")
        #expect(alone.fleet?.replicas.count == 3)
        feed.watch(replica: nil)
        #expect(try await feed.snapshot().totals.requestsPerSecond == 50)
        await feed.shutdown()
    }

    @Test func commandsFromTheFleetViewGoToTheSharedOverridesWithAnAuditRow() async throws {
        let (name, url) = try PostgresTestCluster.shared().createDatabase(prefix: "feed_commands")
        let store = try Self.open(url)
        defer { store.connection.close() }
        try Self.beat("a", rps: 5).write(on: store.connection)
        try Self.keepFresh(["a"], database: name)
        let feed = FleetFeed(url: try FleetDatabaseURL(parsing: url), logger: Self.logger)
        _ = try await feed.snapshot()

        let refused = try await feed.send(.disableProvider("nope"), actor: "tui:alice")
        #expect(!refused.ok)
        #expect(refused.message.contains("unknown provider 'nope'"))

        let disabled = try await feed.send(.disableProvider("openai"), actor: "tui:alice")
        #expect(disabled.ok)
        #expect(try store.sharedOverrides()?.disabledProviders == ["openai"])
        let trail = try store.auditTrail(limit: 5)
        #expect(trail.last?.replica == FleetFeed.writer)
        #expect(trail.last?.record.actor == "tui:alice")
        #expect(trail.last?.record.action == "disable provider openai")
        #expect(try await feed.snapshot().canUndo)

        let again = try await feed.send(.disableProvider("openai"), actor: "tui:alice")
        #expect(again.message == "provider openai is already disabled")

        let undone = try await feed.send(.undo, actor: "tui:alice")
        #expect(undone.ok)
        #expect(undone.message.hasPrefix("undo disable provider openai"))
        #expect(try store.sharedOverrides()?.disabledProviders == [])
        let afterUndo = try await feed.snapshot()
        #expect(!afterUndo.canUndo)
        #expect(try await feed.send(.undo, actor: "tui:alice").message == "nothing to undo")
        await feed.shutdown()
    }

    @Test func aPublisherBeatsAndMarksItselfStoppedWhenItEnds() async throws {
        let url = try PostgresTestCluster.shared().createDatabase(prefix: "feed_publisher").url
        let store = try Self.open(url)
        defer { store.connection.close() }
        let publisher = HeartbeatPublisher(
            url: try FleetDatabaseURL(parsing: url), replica: "p", startedAt: 1_700_000_000,
            controlSocket: "/run/p.sock", interval: .milliseconds(100), logger: Self.logger
        ) { Self.snapshot(rps: 3) }
        publisher.listening(on: "127.0.0.1:9999")
        let running = Task { try await publisher.run() }
        var beats: [ReplicaHeartbeat] = []
        for _ in 0..<100 where beats.isEmpty {
            try await Task.sleep(for: .milliseconds(50))
            beats = try ReplicaHeartbeat.all(on: store.connection)
        }
        let beat = try #require(beats.first)
        #expect(beat.replica == "p")
        #expect(!beat.stopped)
        #expect(beat.snapshot.totals.requestsPerSecond == 3)
        #expect(beat.version == SwitchyardVersion.current)
        // The address arrives once the ingress listens; a beat or two may have gone out before.
        for _ in 0..<40 {
            if try ReplicaHeartbeat.all(on: store.connection).first?.address != nil { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try ReplicaHeartbeat.all(on: store.connection).first?.address == "127.0.0.1:9999")
        running.cancel()
        try await running.value
        let stopped = try #require(try ReplicaHeartbeat.all(on: store.connection).first)
        #expect(stopped.stopped)
        #expect(!stopped.summary.isUp)
    }

    @Test func anUnreachableDatabaseIsReportedAndTheStreamStaysOpen() async throws {
        // Nothing listens on port 1: connecting is refused at once.
        let feed = FleetFeed(url: try FleetDatabaseURL(parsing: "postgresql://nobody@127.0.0.1:1/none?sslmode=disable"),
                             logger: Self.logger)
        await #expect(throws: (any Error).self) { try await feed.snapshot() }
        let snapshots = feed.snapshots(every: .milliseconds(100))
        let reader = Task { for try await _ in snapshots {} }
        var seen: FeedConnection?
        for await state in feed.connectionStates() {
            if case .disconnected = state {
                seen = state
                break
            }
        }
        guard case .disconnected(_, let reason, _, _)? = seen else {
            Issue.record("expected a disconnected state")
            return
        }
        #expect(reason.hasPrefix(FeedConnection.databaseUnreachable))
        reader.cancel()
        await feed.shutdown()
    }
}

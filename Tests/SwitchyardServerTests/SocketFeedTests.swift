import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import Synchronization
import Testing

/// Collects what a stream delivers in the background so a test can wait for a condition on it.
final class Recorder<Element: Sendable>: Sendable {
    private final class Box: Sendable {
        let items = Mutex<[Element]>([])
    }

    private let box: Box
    private let task: Task<Void, Never>

    init(_ stream: AsyncStream<Element>) {
        let box = Box()
        self.box = box
        task = Task { for await item in stream { box.items.withLock { $0.append(item) } } }
    }

    init(_ stream: AsyncThrowingStream<Element, any Error>) {
        let box = Box()
        self.box = box
        task = Task {
            do { for try await item in stream { box.items.withLock { $0.append(item) } } } catch {}
        }
    }

    var all: [Element] { box.items.withLock { $0 } }

    /// Waits (polling, up to `seconds`) until `condition` holds for what has arrived; returns whether it did.
    func wait(seconds: Double = 10, until condition: ([Element]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if condition(all) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(all)
    }

    /// Stops consuming (which ends the underlying feed).
    func cancel() { task.cancel() }
}

/// Fast reconnects so the tests do not wait out the production backoff.
let quickBackoff = ReconnectBackoff(initial: 0.05, maximum: 0.2, jitter: 0.2)

/// Runs `body` with `count` feeds on `path`, shutting them down however it ends (an HTTP client must be).
func withFeeds(
    _ count: Int = 1, path: String, _ body: ([SocketFeed]) async throws -> Void
) async throws {
    let feeds = (0..<count).map { _ in SocketFeed(socketPath: path, backoff: quickBackoff) }
    do {
        try await body(feeds)
    } catch {
        for feed in feeds { await feed.shutdown() }
        throw error
    }
    for feed in feeds { await feed.shutdown() }
}

@Suite(.serialized) struct SocketFeedTests {
    @Test func statusSnapshotMatchesTheEngine() async throws {
        try await withStandInServer { server in
            try await withFeeds(path: server.socketPath) { feeds in
                let feed = feeds[0]
                let snapshot = try await feed.snapshot()
                #expect(snapshot.info == server.info)
                #expect(snapshot.providers.map(\.name) == server.engine.catalog.providers.map(\.name))
            }
        }
    }

    @Test func snapshotsArriveAtTheRequestedInterval() async throws {
        try await withStandInServer { server in
            try await withFeeds(path: server.socketPath) { feeds in
                let feed = feeds[0]
                let snapshots = Recorder(feed.snapshots(every: .milliseconds(120)))
                #expect(await snapshots.wait { $0.count >= 4 })
                snapshots.cancel()
                #expect(server.feedIntervals == [120])
                // The server sleeps the interval between lines, so consecutive snapshots are taken at least that far
                // apart; each line is delivered once, in order.
                let times = snapshots.all.map(\.time)
                for (a, b) in zip(times, times.dropFirst()) { #expect(b - a >= 0.1) }
            }
        }
    }

    @Test func eachCommandReachesItsRoute() async throws {
        try await withStandInServer { server in
            try await withFeeds(path: server.socketPath) { feeds in
                let feed = feeds[0]
                let deployment = try #require(server.engine.catalog.deployments.first { d in
                    server.engine.catalog.models.first { $0.name == d.model }.map { $0.deployments.count > 1 } ?? false
                })
                let provider = try #require(server.engine.catalog.providers.last).name
                let commands: [ControlCommand] = [
                    .disableProvider(provider), .enableProvider(provider),
                    .disableDeployment(deployment.id), .enableDeployment(deployment.id),
                    .setWeight(deployment: deployment.id, weight: 3.5),
                    .failover(model: deployment.model, from: deployment.id),
                    .undo, .reset,
                ]
                for command in commands {
                    let result = try await feed.send(command, actor: "tui:alice")
                    #expect(result.ok, "\(command): \(result.message)")
                    #expect(result.audit?.actor == "tui:tester", "\(command)")
                }
                #expect(server.received.map(\.command) == commands)
                #expect(server.received.allSatisfy { $0.interface == "tui" })
                let audit = server.engine.snapshot(info: server.info).audit.map(\.action)
                #expect(audit.contains("set weight of \(deployment.id) to 3.5"))
            }
        }
    }

    @Test func actorNamesTheInterface() async throws {
        try await withStandInServer { server in
            try await withFeeds(path: server.socketPath) { feeds in
                let feed = feeds[0]
                _ = try await feed.send(.undo, actor: "ctl:alice")
                _ = try await feed.send(.undo, actor: "someone")
                #expect(server.received.map(\.interface) == ["ctl", "tui"])
            }
        }
    }

    @Test func refusedCommandIsAFailedResultWithTheEngineMessage() async throws {
        try await withStandInServer { server in
            try await withFeeds(path: server.socketPath) { feeds in
                let feed = feeds[0]
                let result = try await feed.send(.disableProvider("nope"), actor: "tui:alice")
                #expect(!result.ok)
                #expect(result.message.contains("unknown provider 'nope'"))
                #expect(result.audit == nil)
            }
        }
    }

    @Test func httpErrorIsAFailedResultWithTheServerMessage() async throws {
        try await withStandInServer(refuseCommands: true) { server in
            try await withFeeds(path: server.socketPath) { feeds in
                let feed = feeds[0]
                let result = try await feed.send(.undo, actor: "tui:alice")
                #expect(!result.ok)
                #expect(result.message.contains("HTTP 403"))
                #expect(result.message.contains("peer uid 4242 is not allowed"))
            }
        }
    }

    @Test func noGatewayReportsDisconnectedAndKeepsTrying() async throws {
        let path = "/tmp/sy-absent-\(UInt32.random(in: 0...UInt32.max))/control.sock"
        try await withFeeds(path: path) { feeds in
            let feed = feeds[0]
            let states = Recorder(feed.connectionStates())
            let snapshots = Recorder(feed.snapshots(every: .milliseconds(100)))
            let retried = await states.wait { all in
                all.contains { if case .disconnected(_, _, let attempt, _) = $0 { attempt >= 3 } else { false } }
            }
            #expect(retried)
            let reason = states.all.lazy.compactMap { s -> String? in
                if case .disconnected(_, let reason, _, _) = s { reason } else { nil }
            }.first
            #expect(reason == "no gateway at \(path) (no socket file)")
            #expect(snapshots.all.isEmpty)
            await #expect(throws: SocketFeedError.self) { _ = try await feed.snapshot() }
            await #expect(throws: SocketFeedError.self) { _ = try await feed.send(.undo, actor: "tui:alice") }
            snapshots.cancel()
        }
    }

    @Test func reconnectsAfterTheServerRestarts() async throws {
        try await withStandInServer { server in
            try await withFeeds(path: server.socketPath) { feeds in
                let feed = feeds[0]
                let states = Recorder(feed.connectionStates())
                let snapshots = Recorder(feed.snapshots(every: .milliseconds(100)))
                #expect(await snapshots.wait { $0.count >= 2 })
                #expect(states.all.last == .attached(endpoint: server.socketPath))

                await server.stop()
                let lost = await states.wait { all in
                    all.contains { if case .disconnected = $0 { true } else { false } }
                }
                #expect(lost)
                let countBeforeRestart = snapshots.all.count
                // Down for a few retries: still disconnected, nothing new delivered.
                try await Task.sleep(for: .milliseconds(400))
                #expect(!(states.all.last?.isAttached ?? true))
                #expect(snapshots.all.count == countBeforeRestart)

                try await server.start()
                #expect(await snapshots.wait { $0.count >= countBeforeRestart + 2 })
                #expect(await states.wait { $0.last == .attached(endpoint: server.socketPath) })
                #expect(server.feedIntervals.count >= 2)
                snapshots.cancel()
                states.cancel()
            }
        }
    }

    @Test func everyAttachedFeedSeesAnotherFeedsCommand() async throws {
        try await withStandInServer { server in
            try await withFeeds(3, path: server.socketPath) { feeds in
                let recorders = feeds.map { Recorder($0.snapshots(every: .milliseconds(100))) }
                var started = 0
                for recorder in recorders where await recorder.wait(until: { !$0.isEmpty }) { started += 1 }
                #expect(started == feeds.count)
                let provider = try #require(server.engine.catalog.providers.first).name

                let result = try await feeds[0].send(.disableProvider(provider), actor: "tui:alice")
                let commandTime = try #require(result.audit).time
                for recorder in recorders {
                    let seen = await recorder.wait(until: { Self.shows(provider, disabled: true, in: $0) })
                    #expect(seen)
                    // Every snapshot taken after the command shows it: no feed delivers a stale one late.
                    let after = recorder.all.filter { $0.time > commandTime }
                    #expect(after.allSatisfy { Self.shows(provider, disabled: true, in: [$0]) })
                }
                for recorder in recorders { recorder.cancel() }
            }
        }
    }

    static func shows(_ provider: String, disabled: Bool, in snapshots: [GatewaySnapshot]) -> Bool {
        snapshots.contains { s in s.providers.contains { $0.name == provider && $0.enabled != disabled } }
    }
}

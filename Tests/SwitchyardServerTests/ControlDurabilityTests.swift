import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import Testing

@Suite(.serialized) struct ControlDurabilityTests {
    @Test func overridesAndAuditSurviveARestart() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }

        let first = try ControlPlane(
            engine: try makeControlEngine(), info: controlTestInfo, socketPath: scratch.socketPath,
            stateDirectory: scratch.stateDirectory)
        let running = try await RunningControl.start(first)
        #expect(try await send(running.client, "POST", "/v1/providers/groq/disable").status == 200)
        #expect(try await send(running.client, "POST", "/v1/deployments/weight",
                               body: #"{"deployment":"gpt-4o/azure","weight":0.5}"#).status == 200)
        #expect(try await send(running.client, "POST", "/v1/models/claude-sonnet/failover",
                               body: #"{"from":"anthropic"}"#).status == 200)
        await running.stop()
        #expect(permissions(scratch.stateDirectory) == 0o700)

        // A new engine, as after a restart, on the same state directory.
        let engine = try makeControlEngine()
        let second = try ControlPlane(
            engine: engine, info: controlTestInfo, socketPath: scratch.socketPath,
            stateDirectory: scratch.stateDirectory)
        #expect(second.warnings.isEmpty)
        let restarted = try await RunningControl.start(second)
        let snapshot = try await send(restarted.client, "GET", "/v1/status").decode(GatewaySnapshot.self)
        #expect(snapshot.providers.first { $0.name == "groq" }?.enabled == false)
        #expect(snapshot.deployments.first { $0.id == "gpt-4o/azure" }?.weight == 0.5)
        #expect(snapshot.deployments.first { $0.id == "claude-sonnet/anthropic" }?.draining == true)

        let audit = try await send(restarted.client, "GET", "/v1/audit").decode([AuditRecord].self)
        #expect(audit.map(\.sequence) == [1, 2, 3])
        #expect(audit.first?.action == "disable provider groq")
        // Numbering continues after the restored records.
        let enable = try await send(restarted.client, "POST", "/v1/providers/groq/enable").decode(CommandResult.self)
        #expect(enable.audit?.sequence == 4)
        await restarted.stop()
        #expect(second.store.loadAudit(limit: 100).map(\.sequence) == [1, 2, 3, 4])
        #expect(try second.store.loadOverrides()?.disabledProviders == [])
    }

    @Test func overridesNamingWhatTheConfigLacksAreSkipped() throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let store = try ControlStore(directory: scratch.stateDirectory)
        try store.saveOverrides(StoredOverrides(
            disabledProviders: ["openai", "retired"], disabledDeployments: ["gone/away"],
            drainingDeployments: ["gpt-4o/azure"], weights: ["gpt-4o/openai": 7, "old/one": 2]))
        let engine = try makeControlEngine()
        let plane = try ControlPlane(
            engine: engine, info: controlTestInfo, socketPath: scratch.socketPath, stateDirectory: scratch.stateDirectory)
        #expect(plane.warnings.count == 3)
        #expect(plane.warnings.contains { $0.contains("retired") })
        #expect(plane.warnings.contains { $0.contains("gone/away") })
        #expect(plane.warnings.contains { $0.contains("old/one") })
        let state = engine.overrideState()
        #expect(state.disabledProviders == ["openai"])
        #expect(state.drainingDeployments == ["gpt-4o/azure"])
        #expect(state.weights == ["gpt-4o/openai": 7])
        // Restored overrides are the new baseline for this run: nothing to undo, reset clears them.
        #expect(engine.apply(.undo, actor: "test").ok == false)
        #expect(engine.apply(.reset, actor: "test").ok)
        #expect(engine.overrideState().isEmpty)
        #expect(try store.loadOverrides()?.isEmpty == true)
    }

    @Test func unreadableStateIsReportedNotFatal() throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let store = try ControlStore(directory: scratch.stateDirectory)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: store.overridesPath))
        let record = AuditRecord(sequence: 7, time: 1, actor: "ctl:a", action: "undo", before: "x", after: "y")
        try store.appendAudit(record)
        // A torn last line, as after a crash mid-write.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: store.auditPath))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"sequence":8,"ti"#.utf8))
        try handle.close()

        let engine = try makeControlEngine()
        let plane = try ControlPlane(
            engine: engine, info: controlTestInfo, socketPath: scratch.socketPath, stateDirectory: scratch.stateDirectory)
        #expect(plane.warnings.count == 1)
        #expect(plane.warnings.first?.contains("overrides.json") == true)
        #expect(engine.auditRecords(limit: 10) == [record])
        #expect(engine.apply(.disableProvider("openai"), actor: "t").audit?.sequence == 8)
    }

    @Test func overridesFileIsReplacedWhole() throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let store = try ControlStore(directory: scratch.stateDirectory)
        try store.saveOverrides(StoredOverrides(disabledProviders: ["a", "b", "c"], weights: ["x/y": 2]))
        try store.saveOverrides(StoredOverrides(disabledProviders: ["a"]))
        #expect(try store.loadOverrides() == StoredOverrides(disabledProviders: ["a"]))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.stateDirectory)
        #expect(leftovers.sorted() == ["overrides.json"])
    }
}

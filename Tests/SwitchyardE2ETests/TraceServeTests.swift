import Foundation
import SwitchyardTestSupport
import Testing

extension SerialEndToEnd {
    /// `switchyard serve` with tracing on: the control socket answers the trace routes (an empty list, a clear
    /// not-found), and `traces.db` in the state directory holds the archive's table after the gateway stops.
    @Suite(.serialized) struct TraceServeTests {
        @Test func serveAnswersTraceRoutesAndCreatesTheArchive() async throws {
            let binary = try BuiltProduct.switchyard()
            let dir = try TestPaths.scratch("trace-serve")
            defer { try? FileManager.default.removeItem(at: dir) }
            let config = dir.appendingPathComponent("gateway.yaml").path
            try CtlExitCodeTests.config.write(toFile: config, atomically: true, encoding: .utf8)
            let socket = dir.appendingPathComponent("run/control.sock").path
            let state = dir.appendingPathComponent("state").path
            let gateway = try ManagedProcess(
                binary, ["serve", "--config", config, "--control-socket", socket, "--state-dir", state],
                environment: ["SWITCHYARD_TEST_KEY": "sk-test"])
            defer { gateway.stop() }
            _ = try await gateway.waitFor(#"control socket at (\S+)"#)

            let (listStatus, list) = try await ctl(binary, socket, ["traces", "--since", "15m"])
            #expect(listStatus == 0, "\(list)")
            #expect(list.contains("no traces match"), "\(list)")
            let (missingStatus, missing) = try await ctl(binary, socket, ["trace", "req-none"])
            #expect(missingStatus == 1)
            #expect(missing.contains("no trace for request 'req-none'"), "\(missing)")
            let (badStatus, bad) = try await ctl(binary, socket, ["traces", "--status", "lots"])
            #expect(badStatus == 2, "\(bad)")

            gateway.stop()
            let database = state + "/traces.db"
            #expect(FileManager.default.fileExists(atPath: database))
            if let sqlite = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
                .map({ "\($0)/sqlite3" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                let outcome = try await Spawn.run([sqlite, database, "SELECT COUNT(*) FROM traces"])
                #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
                #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
            }
        }
    }
}

import Foundation
import Testing

extension SerialEndToEnd {
    /// Two `serve` processes on one state directory would each write the ledger, the trace archive and the
    /// overrides believing theirs is the only view: the second refuses to start, naming the first; once the
    /// first is gone (even by kill -9) the directory is free again.
    @Suite(.serialized) struct StateDirectoryLockTests {
        @Test func aSecondGatewayOnTheSameStateDirectoryRefusesNamingTheFirst() async throws {
            let binary = try BuiltProduct.switchyard()
            let dir = try TestPaths.scratch("state-lock")
            defer { try? FileManager.default.removeItem(at: dir) }
            let config = dir.appendingPathComponent("gateway.yaml").path
            try CtlExitCodeTests.config.write(toFile: config, atomically: true, encoding: .utf8)
            let state = dir.appendingPathComponent("state").path
            func serve(_ socket: String) throws -> ManagedProcess {
                try ManagedProcess(
                    binary, ["serve", "--config", config, "--control-socket", dir.appendingPathComponent(socket).path,
                             "--state-dir", state],
                    environment: ["SWITCHYARD_TEST_KEY": "sk-test"])
            }
            let first = try serve("first.sock")
            defer { first.stop() }
            _ = try await first.waitFor(#"serving on (\S+)"#)

            let second = try serve("second.sock")
            defer { second.stop() }
            #expect(try await second.wait(timeout: 30) == 1, "\(second.text)")
            #expect(second.text.contains("is in use by another switchyard process (pid \(first.process.processIdentifier))"), "\(second.text)")
            #expect(second.text.contains("--state-dir"), "\(second.text)")
            #expect(!second.text.contains("serving on"), "\(second.text)")

            // kill -9 leaves no stale lock behind: the kernel dropped it with the process.
            kill(first.process.processIdentifier, SIGKILL)
            _ = try await first.wait(timeout: 30)
            let third = try serve("third.sock")
            defer { third.stop() }
            _ = try await third.waitFor(#"serving on (\S+)"#)
        }
    }
}

import Foundation
import Testing

/// `switchyard ctl` as a user runs it: the built binary against a real `switchyard serve`, checking exit
/// statuses (0 success, 1 refused or unreachable, 2 usage) and what is printed.
@Suite(.serialized) struct CtlExitCodeTests {
    static let config = """
        listen: 127.0.0.1:0
        governance: { auth: open }
        providers:
          - { name: openai, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1", api_key_env: SWITCHYARD_TEST_KEY }
          - { name: backup, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1", api_key_env: SWITCHYARD_TEST_KEY }
        models:
          - name: gpt-4o
            deployments:
              - { provider: openai, model: gpt-4o, price: { input: 2.5, output: 10 } }
              - { provider: backup, model: gpt-4o, price: { input: 2.5, output: 10 } }

        """

    private func startGateway(_ binary: String, config: String, socket: String, state: String) async throws -> ManagedProcess {
        let gateway = try ManagedProcess(
            binary, ["serve", "--config", config, "--control-socket", socket, "--state-dir", state],
            environment: ["SWITCHYARD_TEST_KEY": "sk-test"])
        _ = try await gateway.waitFor(#"control socket at (\S+)"#)
        return gateway
    }

    @Test func exitCodesAndDurabilityThroughTheBinary() async throws {
        let binary = try BuiltProduct.switchyard()
        let dir = try TestPaths.scratch("ctl")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("gateway.yaml").path
        try Self.config.write(toFile: config, atomically: true, encoding: .utf8)
        let socket = dir.appendingPathComponent("run/control.sock").path
        let state = dir.appendingPathComponent("state").path

        let gateway = try await startGateway(binary, config: config, socket: socket, state: state)
        // A second gateway asked for the same socket (with a state directory of its own) is refused, naming it
        // and the way out.
        let second = try ManagedProcess(
            binary, ["serve", "--config", config, "--control-socket", socket, "--state-dir", state + "-second"],
            environment: ["SWITCHYARD_TEST_KEY": "sk-test"])
        #expect(try await second.wait(timeout: 30) == 1)
        #expect(second.text.contains("already listening on the control socket \(socket)"), "\(second.text)")
        #expect(second.text.contains("--control-socket"))
        let status = try await ctl(binary, socket, ["status"])
        #expect(status.status == 0, "\(status.output)")
        #expect(status.output.contains("gpt-4o/openai"))
        #expect(status.output.contains("BREAKER"))

        let disable = try await ctl(binary, socket, ["disable", "openai"])
        #expect(disable.status == 0, "\(disable.output)")
        #expect(disable.output.contains("disable provider openai"))

        let unknown = try await ctl(binary, socket, ["disable", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.output.contains("unknown provider 'nope'; valid: openai, backup"))

        let usage = try await ctl(binary, socket, ["disable"])
        #expect(usage.status == 2, "\(usage.output)")
        let notANumber = try await ctl(binary, socket, ["weight", "gpt-4o/backup", "lots"])
        #expect(notANumber.status == 2, "\(notANumber.output)")

        let weight = try await ctl(binary, socket, ["weight", "gpt-4o/backup", "4"])
        #expect(weight.status == 0, "\(weight.output)")
        let undo = try await ctl(binary, socket, ["undo"])
        #expect(undo.status == 0, "\(undo.output)")
        let failover = try await ctl(binary, socket, ["failover", "gpt-4o", "--from", "nowhere"])
        #expect(failover.status == 1)
        #expect(failover.output.contains("gpt-4o/openai"))

        gateway.stop()
        #expect(!FileManager.default.fileExists(atPath: socket))
        let down = try await ctl(binary, socket, ["status"])
        #expect(down.status == 1)
        #expect(down.output.contains("no gateway is listening on \(socket)"))

        // Restarted on the same state directory: the override holds and the history is there.
        let restarted = try await startGateway(binary, config: config, socket: socket, state: state)
        defer { restarted.stop() }
        let providers = try await ctl(binary, socket, ["providers", "--json"])
        #expect(providers.status == 0, "\(providers.output)")
        let decoded = try JSONSerialization.jsonObject(with: Data(providers.output.utf8)) as? [[String: Any]]
        let openai = decoded?.first { $0["name"] as? String == "openai" }
        #expect(openai?["enabled"] as? Bool == false)
        let audit = try await ctl(binary, socket, ["audit", "--json"])
        #expect(audit.status == 0)
        let records = try JSONSerialization.jsonObject(with: Data(audit.output.utf8)) as? [[String: Any]]
        #expect(records?.compactMap { $0["action"] as? String }
            == ["disable provider openai", "set weight of gpt-4o/backup to 4", "undo set weight of gpt-4o/backup to 4"])
    }

    /// A usage error is status 2 whichever command it is (ArgumentParser's own would be 64); a refusal is 1.
    @Test func usageErrorsExitTwoEverywhere() async throws {
        let binary = try BuiltProduct.switchyard()
        for (args, expected) in [
            (["serve", "--no-such-flag"], 2), (["serve", "--config", "x.yaml", "--drain-timeout", "5x"], 2),
            (["sim", "--ttft", "soon"], 2), (["check-config"], 2), (["top", "--fps", "many"], 2),
            (["check-config", "/nonexistent/gateway.yaml"], 1),
        ] as [([String], Int32)] {
            let run = try ManagedProcess(binary, args)
            let status = try await run.wait(timeout: 30)
            #expect(status == expected, "switchyard \(args.joined(separator: " ")) → \(String(describing: status)): \(run.text)")
        }
    }
}

/// Output into a pipe whose reader has gone (`switchyard … | head`) ends the program by SIGPIPE, as it does any
/// Unix tool, never by a crash.
@Suite struct ClosedPipeOutputTests {
    @Test func aClosedStdoutEndsTheProgramBySIGPIPE() throws {
        let binary = try BuiltProduct.switchyard()
        let dir = try TestPaths.scratch("pipe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("gateway.yaml").path
        try CtlExitCodeTests.config.write(toFile: config, atomically: true, encoding: .utf8)
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let process = Process()
        // SIGPIPE ignored, as the networking libraries leave it in `ctl`: the write fails instead of signalling.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' PIPE; exec \"$0\" check-config \"$1\"", binary, config]
        process.environment = ["SWITCHYARD_TEST_KEY": "sk-test", "PATH": "/usr/bin:/bin"]
        process.standardOutput = pipe.fileHandleForWriting
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE,
                "ended with \(process.terminationReason == .exit ? "status" : "signal") \(process.terminationStatus)")
    }
}

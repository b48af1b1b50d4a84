import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import Testing

@Suite(.serialized) struct ControlSocketTests {
    @Test func socketIsPrivateAndRemovedOnShutdown() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let server = ControlServer(engine: try makeControlEngine(), socketPath: scratch.socketPath, info: { controlTestInfo })
        let running = try await RunningControl.start(server)
        #expect(permissions(scratch.socketDirectory) == 0o700)
        #expect(permissions(scratch.socketPath) == 0o600)
        let reply = try await send(running.client, "GET", "/v1/status")
        #expect(reply.status == 200)
        await running.stop()
        #expect(!FileManager.default.fileExists(atPath: scratch.socketPath))
    }

    @Test func staleSocketIsReplaced() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        try FileManager.default.createDirectory(atPath: scratch.socketDirectory, withIntermediateDirectories: true)
        try makeStaleSocket(at: scratch.socketPath)
        #expect(FileManager.default.fileExists(atPath: scratch.socketPath))
        #expect(!UnixSocket.isAccepting(path: scratch.socketPath))

        let server = ControlServer(engine: try makeControlEngine(), socketPath: scratch.socketPath, info: { controlTestInfo })
        let running = try await RunningControl.start(server)
        defer { Task { await running.stop() } }
        let reply = try await send(running.client, "GET", "/v1/status")
        #expect(reply.status == 200)
        await running.stop()
    }

    @Test func liveSocketIsRefusedNamingThePath() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let engine = try makeControlEngine()
        let first = try await RunningControl.start(
            ControlServer(engine: engine, socketPath: scratch.socketPath, info: { controlTestInfo }))
        #expect(throws: ControlSocketError.inUse(path: scratch.socketPath)) {
            try ControlServer.prepare(path: scratch.socketPath)
        }
        let second = ControlServer(engine: engine, socketPath: scratch.socketPath, info: { controlTestInfo })
        await #expect(throws: ControlSocketError.inUse(path: scratch.socketPath)) {
            try await second.run(logger: quietLogger)
        }
        let message = ControlSocketError.inUse(path: scratch.socketPath).description
        #expect(message.contains(scratch.socketPath))
        #expect(message.contains("--control-socket"))
        // The first server still answers: the refused one did not take its socket away.
        let reply = try await send(first.client, "GET", "/v1/status")
        #expect(reply.status == 200)
        await first.stop()
    }

    @Test func aFileThatIsNotASocketIsLeftAlone() throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let path = scratch.path + "/control.sock"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ControlSocketError.notASocket(path: path)) { try ControlServer.prepare(path: path) }
        #expect(FileManager.default.contents(atPath: path) == Data("keep me".utf8))
    }

    @Test func defaultSocketPath() {
        #expect(ControlSocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"], uid: 1000)
            == "/run/user/1000/switchyard/control.sock")
        #expect(ControlSocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/7/"], uid: 7)
            == "/run/user/7/switchyard/control.sock")
        #expect(ControlSocketPath.defaultPath(environment: [:], uid: 1000) == "/tmp/switchyard-1000/control.sock")
        #expect(ControlSocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": ""], uid: 5) == "/tmp/switchyard-5/control.sock")
        #expect(ControlSocketPath.resolve("/x/y.sock", environment: ["XDG_RUNTIME_DIR": "/run/user/1"]) == "/x/y.sock")
    }

    @Test func defaultStateDirectory() {
        #expect(StateDirectory.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"], demo: false) == "/s/switchyard")
        #expect(StateDirectory.defaultPath(environment: ["HOME": "/home/al"], demo: false)
            == "/home/al/.local/state/switchyard")
        #expect(StateDirectory.defaultPath(environment: ["HOME": "/home/al"], demo: true)
            == "/home/al/.local/state/switchyard/demo")
        #expect(StateDirectory.resolve("/mine", environment: ["HOME": "/h"], demo: true) == "/mine")
    }

    /// Binds a socket and closes it without unlinking: what a gateway killed with SIGKILL leaves behind.
    private func makeStaleSocket(at path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        close(fd)
        guard result == 0 else { throw ControlTestFailure(description: "bind failed: \(errno)") }
    }
}

import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import Testing

@Suite(.serialized) struct ControlPeerTests {
    @Test func sameUIDAndRootAreAllowedOthersDenied() {
        #expect(PeerAccess.allows(peerUID: 1000, serverUID: 1000))
        #expect(PeerAccess.allows(peerUID: 0, serverUID: 1000))
        #expect(PeerAccess.allows(peerUID: 0, serverUID: 0))
        #expect(!PeerAccess.allows(peerUID: 1001, serverUID: 1000))
        #expect(!PeerAccess.allows(peerUID: 65534, serverUID: 0))
        #expect(!PeerAccess.allows(peerUID: nil, serverUID: 1000))
    }

    @Test func actorIsInterfaceAndLoginName() {
        let me = UInt32(getuid())
        let login = ControlActor.loginName(uid: me)
        #expect(ControlActor.name(interfaceHeader: "ctl", peerUID: me) == "ctl:\(login)")
        #expect(ControlActor.name(interfaceHeader: "TUI", peerUID: me) == "tui:\(login)")
        #expect(ControlActor.name(interfaceHeader: nil, peerUID: me) == "api:\(login)")
        #expect(ControlActor.name(interfaceHeader: "root-shell", peerUID: me) == "api:\(login)")
        // A uid without a passwd entry is named by its number.
        #expect(ControlActor.name(interfaceHeader: "ctl", peerUID: 4_000_123) == "ctl:4000123")
    }

    @Test func peerCredentialsReachTheAuditActor() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let engine = try makeControlEngine()
        let running = try await RunningControl.start(
            ControlServer(engine: engine, socketPath: scratch.socketPath, info: { controlTestInfo }))
        let client = ControlClient(socketPath: scratch.socketPath, interface: "tui")
        let reply = try await send(client, "POST", "/v1/providers/openai/disable")
        await running.stop()
        let result = try reply.decode(CommandResult.self)
        #expect(result.audit?.actor == "tui:\(ControlActor.loginName(uid: UInt32(getuid())))")
    }

    /// Another uid, for real: needs root (to switch) plus setpriv and curl on the machine.
    static let canRunAsNobody: Bool = getuid() == 0
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")

    @Test(.enabled(if: canRunAsNobody, "needs root, /usr/bin/setpriv and /usr/bin/curl to act as another uid"))
    func anotherUIDIsRefused() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        chmod(scratch.path, 0o755)
        let running = try await RunningControl.start(
            ControlServer(engine: try makeControlEngine(), socketPath: scratch.socketPath, info: { controlTestInfo }))
        // As created: the private directory keeps the other uid from even connecting.
        let blocked = try await curlAsNobody(scratch.socketPath)
        #expect(blocked.exit != 0)
        #expect(!blocked.output.contains("200"))
        // Opened up on purpose, the connection succeeds and the peer-uid check answers 403.
        chmod(scratch.socketDirectory, 0o755)
        chmod(scratch.socketPath, 0o666)
        let denied = try await curlAsNobody(scratch.socketPath)
        await running.stop()
        #expect(denied.exit == 0)
        #expect(denied.output.hasPrefix("403"), "\(denied.output)")
        #expect(denied.output.contains("may not use this gateway's control socket"))
    }

    private func curlAsNobody(_ socket: String) async throws -> (exit: Int32, output: String) {
        try await offPool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = [
                "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/curl", "-s", "--max-time", "5", "-w", "%{http_code}", "--unix-socket", socket, "http://localhost/v1/status",
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = Pipe()
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            // Status code last: move it first for easy matching.
            let code = String(text.suffix(3))
            return (process.terminationStatus, code + " " + text.dropLast(3))
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import SwitchyardControl
import Testing

/// A control socket someone else could have placed or could swap is refused by the gateway (at start) and by
/// `ctl` and `top` (before connecting), naming the path: otherwise another user's server answers `ctl keys
/// create` and reads the secret it prints.
@Suite(.serialized) struct ControlSocketTrustTests {
    /// A uid other than ours and root's.
    static let stranger: uid_t = 65_534

    /// Makes `path` belong to someone else: chown when we are root, else pretend to be a third uid.
    static func foreign(_ path: String) -> uid_t {
        if getuid() == 0 {
            _ = chown(path, stranger, stranger)
            return getuid()
        }
        return getuid() + 1
    }

    @Test func aDirectoryAnotherUserOwnsIsRefusedByTheGatewayAndByCtl() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let directory = scratch.path + "/theirs"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let me = Self.foreign(directory)
        #expect(throws: ControlSocketTrust.Refusal.self) { try ControlSocketTrust.checkDirectory(directory, uid: me) }
        do {
            try ControlSocketTrust.checkSocket(directory + "/control.sock", uid: me)
            Issue.record("accepted a socket in a foreign directory")
        } catch {
            #expect(error.description.contains("refusing the control socket at \(directory)"), "\(error)")
            #expect(error.description.contains("belongs to uid"), "\(error)")
        }
        if me == getuid() {
            // As root, the real paths: the gateway refuses to start there, ctl refuses to connect there.
            #expect(throws: ControlSocketError.self) { try ControlServer.prepare(path: directory + "/control.sock") }
            let client = ControlClient(socketPath: directory + "/control.sock")
            do {
                _ = try await client.send(method: "GET", path: "/v1/status")
                Issue.record("ctl connected through a foreign directory")
            } catch {
                guard case .untrusted = error else { Issue.record("wrong failure: \(error)"); return }
            }
        }
    }

    @Test func aDirectoryOthersMayWriteIsRefusedUnlessSticky() throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let open = scratch.path + "/open"
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: true)
        chmod(open, 0o777)
        do {
            try ControlSocketTrust.checkDirectory(open)
            Issue.record("accepted a world-writable directory")
        } catch {
            #expect(error.reason.contains("others may write the directory (mode 777)"), "\(error)")
        }
        #expect(throws: ControlSocketError.self) { try ControlServer.prepare(path: open + "/control.sock") }
        // Sticky, like /tmp: no one may remove or rename another's file there.
        chmod(open, 0o1777)
        try ControlSocketTrust.checkDirectory(open)
        // A directory of our own, made by the gateway: 0700.
        let mine = scratch.path + "/mine"
        try ControlServer.prepare(path: mine + "/control.sock")
        let attributes = try FileManager.default.attributesOfItem(atPath: mine)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func aSocketAnotherUserOwnsIsRefused() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let engine = try makeControlEngine()
        let running = try await RunningControl.start(
            ControlServer(engine: engine, socketPath: scratch.socketPath, info: { controlTestInfo }))
        defer { Task { await running.stop() } }
        #expect(try await running.client.send(method: "GET", path: "/v1/status").status == 200)
        let me = Self.foreign(scratch.socketPath)
        do {
            try ControlSocketTrust.checkSocket(scratch.socketPath, uid: me)
            Issue.record("accepted a foreign socket")
        } catch {
            #expect(error.reason.contains("the socket belongs to uid"), "\(error)")
        }
        await running.stop()
    }
}

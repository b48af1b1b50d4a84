import AsyncHTTPClient
import Foundation
import SwitchyardTestSupport
import NIOCore
import Testing

/// The systemd unit in docs/deploy passes `systemd-analyze verify` with the built binary in its place.
@Suite struct DeployFilesTests {
    static let analyzer = "/usr/bin/systemd-analyze"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: analyzer), "systemd-analyze is not installed"))
    func theSystemdUnitVerifies() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let unit = try String(contentsOf: repository.appendingPathComponent("docs/deploy/switchyard.service"), encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/local/bin/switchyard serve"))
        let dir = try TestPaths.scratch("systemd")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("switchyard.service")
        try unit.replacingOccurrences(of: "/usr/local/bin/switchyard", with: try BuiltProduct.switchyard())
            .write(to: file, atomically: true, encoding: .utf8)
        let verified = try await Spawn.run([Self.analyzer, "verify", file.path])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stderr.isEmpty, "\(verified.stderr)")
    }

    /// State files are 0600 in a 0700 directory, whatever the umask `serve` was started with.
    @Test func stateFilesAreTheOperatorsAlone() async throws {
        let dir = try TestPaths.scratch("state-modes")
        defer { try? FileManager.default.removeItem(at: dir) }
        let gateway = try await SimulatedGateway.start(in: dir)
        var request = HTTPClientRequest(url: gateway.url + "/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status.code == 200)
        gateway.stop()
        let files = try FileManager.default.contentsOfDirectory(atPath: gateway.state)
        #expect(files.contains("switchyard.db"), "\(files)")
        let directoryMode = try FileManager.default.attributesOfItem(atPath: gateway.state)[.posixPermissions] as? Int
        #expect(directoryMode == 0o700, "state directory mode \(String(directoryMode ?? 0, radix: 8))")
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: gateway.state + "/" + file)[.posixPermissions] as? Int ?? 0o777
            #expect(mode & 0o077 == 0, "\(file) has mode \(String(mode, radix: 8))")
        }
    }
}

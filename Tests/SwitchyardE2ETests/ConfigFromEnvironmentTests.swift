import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

extension SerialEndToEnd {
    /// A config whose upstream address comes from `${SIM_URL}` and whose provider key comes from a mounted
    /// secret file (`api_key_file`): `serve` reaches the simulator with that key; `check-config` names what is
    /// missing instead.
    @Suite(.serialized) struct ConfigFromEnvironmentTests {
        static let key = "sk-from-a-secret-file-0000000000"

        @Test func baseURLFromTheEnvironmentAndKeyFromAFile() async throws {
            let dir = try TestPaths.scratch("config-env")
            defer { try? FileManager.default.removeItem(at: dir) }
            let binary = try BuiltProduct.switchyard()
            let sim = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--api-key", Self.key])
            defer { sim.stop() }
            let simURL = try await sim.waitFor(#"listening on (http://[0-9.:]+)"#)
            let secret = dir.appendingPathComponent("upstream.key")
            try (Self.key + "\n").write(to: secret, atomically: true, encoding: .utf8)
            let config = dir.appendingPathComponent("gateway.yaml")
            try """
                listen: ${LISTEN:-127.0.0.1:0}
                governance: { auth: open }
                providers:
                  - name: upstream
                    kind: openai-compatible
                    base_url: ${SIM_URL}/v1
                    api_key_file: ${KEY_FILE}
                models:
                  - { name: chat, deployments: [{ provider: upstream, model: gpt-4o }] }
                """.write(to: config, atomically: true, encoding: .utf8)

            let unset = try ManagedProcess(binary, ["check-config", config.path], environment: ["KEY_FILE": secret.path])
            #expect(try await unset.wait(timeout: 30) == 1)
            #expect(unset.text.contains("providers[0].base_url"), "\(unset.text)")
            #expect(unset.text.contains("SIM_URL is not set"), "\(unset.text)")
            let missingFile = try ManagedProcess(binary, ["check-config", config.path],
                                                 environment: ["SIM_URL": simURL, "KEY_FILE": dir.path + "/nope.key"])
            #expect(try await missingFile.wait(timeout: 30) == 0, "\(missingFile.text)")
            #expect(missingFile.text.contains("cannot read api_key_file \(dir.path)/nope.key"), "\(missingFile.text)")

            let gateway = try ManagedProcess(binary, [
                "serve", "--config", config.path, "--control-socket", dir.appendingPathComponent("ctl.sock").path,
                "--state-dir", dir.appendingPathComponent("state").path,
            ], environment: ["SIM_URL": simURL, "KEY_FILE": secret.path])
            defer { gateway.stop() }
            let url = try await gateway.waitFor(#"serving on (http://[0-9.:]+)"#)
            var request = HTTPClientRequest(url: url + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            #expect(response.status.code == 200, "\(body)")
        }
    }
}

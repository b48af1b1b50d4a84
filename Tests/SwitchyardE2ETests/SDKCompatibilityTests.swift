import Foundation
import Testing

/// The official `openai` and `anthropic` Python SDKs against a real `switchyard serve`, whose upstreams are two
/// `switchyard sim` servers on 127.0.0.1 — every hop a real HTTP connection. The scenarios live in
/// Tests/SDKTests/*.py; this test starts the processes and runs pytest.
@Suite(.serialized) struct SDKCompatibilityTests {
    static func gatewayConfig(primary: String, secondary: String) -> String {
        func group(_ name: String, _ provider: String, _ upstream: String, fallbacks: [String] = []) -> String {
            let price = provider == "primary" ? "{ input: 2.5, output: 10 }" : "{ input: 3, output: 15 }"
            let fallback = fallbacks.isEmpty ? "" : "\n    fallbacks: [\(fallbacks.joined(separator: ", "))]"
            return """
                  - name: \(name)
                    deployments: [{ provider: \(provider), model: \(upstream), price: \(price) }]\(fallback)
                """
        }
        return """
            listen: 127.0.0.1:0
            limits: { max_body_bytes: 65536 }
            providers:
              - { name: primary, kind: openai-compatible, base_url: "\(primary)/v1", api_key_env: SWITCHYARD_TEST_KEY }
              - { name: secondary, kind: anthropic, base_url: "\(secondary)", api_key_env: SWITCHYARD_TEST_KEY }
            models:
            \(group("gpt-sim", "primary", "gpt-4o"))
            \(group("claude-sim", "secondary", "claude-sonnet-4-5"))
            \(group("embed-sim", "primary", "text-embedding-3-small"))
            \(group("fallback-sim", "primary", "gpt-4o", fallbacks: ["claude-sim"]))
            \(group("limited-sim", "primary", "gpt-4o", fallbacks: ["limited-backup"]))
            \(group("limited-backup", "secondary", "claude-sonnet-4-5"))
            \(group("broken-sim", "primary", "gpt-4o", fallbacks: ["broken-backup"]))
            \(group("broken-backup", "secondary", "claude-sonnet-4-5"))
            \(group("cut-sim", "primary", "gpt-4o"))

            """
    }

    @Test func officialSDKsThroughTheGateway() throws {
        let python = TestPaths.packageRoot.appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("""
                The SDK tests need a Python venv with the official SDKs: \
                python3 -m venv .venv && .venv/bin/pip install -r Tests/SDKTests/requirements.txt (.ci/run does this)
                """)
            return
        }
        let binary = try BuiltProduct.switchyard()
        let primary = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", "primary", "--seed", "1"])
        let secondary = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", "secondary", "--seed", "2"])
        let primaryURL = try primary.waitFor(#"listening on (http://[0-9.:]+)"#)
        let secondaryURL = try secondary.waitFor(#"listening on (http://[0-9.:]+)"#)

        let dir = try TestPaths.scratch("sdk")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("gateway.yaml")
        try Self.gatewayConfig(primary: primaryURL, secondary: secondaryURL).write(to: config, atomically: true, encoding: .utf8)
        let gateway = try ManagedProcess(binary, [
            "serve", "--config", config.path, "--control-socket", dir.appendingPathComponent("ctl.sock").path,
            "--state-dir", dir.appendingPathComponent("state").path,
        ],
                                         environment: ["SWITCHYARD_TEST_KEY": "sk-test-upstream"])
        let gatewayURL = try gateway.waitFor(#"serving on (http://[0-9.:]+)"#)

        let pytest = try ManagedProcess(
            python, ["-m", "pytest", "-q", "-p", "no:cacheprovider", TestPaths.packageRoot.appendingPathComponent("Tests/SDKTests").path],
            environment: [
                "SWITCHYARD_GATEWAY": gatewayURL, "SWITCHYARD_SIM_PRIMARY": primaryURL,
                "SWITCHYARD_SIM_SECONDARY": secondaryURL,
            ])
        let status = try pytest.wait(timeout: 300)
        #expect(status == 0, "pytest failed:\n\(pytest.text)\n--- gateway output ---\n\(gateway.text)")
    }
}

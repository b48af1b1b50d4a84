import Foundation
import Testing

extension SerialEndToEnd {
    /// The official `openai`, `anthropic` and `google-genai` Python SDKs against a real `switchyard serve`, whose
    /// upstreams are `switchyard sim` servers on 127.0.0.1 (speaking OpenAI's, Anthropic's, Azure's and Google's
    /// wire formats) — every hop a real HTTP connection. The scenarios live in
    /// Tests/SDKTests/*.py; this test starts the processes and runs pytest.
    @Suite(.serialized) struct SDKCompatibilityTests {
        static func gatewayConfig(primary: String, secondary: String, keyed: String, bedrock: String) -> String {
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
                governance: { auth: keys }
                responses: { store: true, retention: 1d }
                providers:
                  - { name: primary, kind: openai-compatible, base_url: "\(primary)/v1", api_key_env: SWITCHYARD_TEST_KEY }
                  - { name: secondary, kind: anthropic, base_url: "\(secondary)", api_key_env: SWITCHYARD_TEST_KEY }
                  - { name: keyed, kind: openai-compatible, base_url: "\(keyed)/v1", api_key_env: SWITCHYARD_WRONG_KEY }
                  - { name: azure, kind: azure-openai, base_url: "\(primary)", api_key_env: SWITCHYARD_TEST_KEY }
                  - { name: google, kind: gemini, base_url: "\(primary)", api_key_env: SWITCHYARD_TEST_KEY }
                  - { name: native, kind: openai, base_url: "\(primary)/v1", api_key_env: SWITCHYARD_TEST_KEY }
                  - { name: bedrock, kind: bedrock, region: us-west-2, base_url: "\(bedrock)",
                      aws_access_key_id_env: SWITCHYARD_AWS_ID, aws_secret_access_key_env: SWITCHYARD_AWS_SECRET,
                      aws_session_token_env: SWITCHYARD_AWS_NO_TOKEN }
                  - { name: bedrock-session, kind: bedrock, region: eu-central-1, base_url: "\(bedrock)",
                      aws_access_key_id_env: SWITCHYARD_AWS_ID, aws_secret_access_key_env: SWITCHYARD_AWS_SECRET,
                      aws_session_token_env: SWITCHYARD_AWS_TOKEN }
                  - { name: bedrock-bad, kind: bedrock, region: us-west-2, base_url: "\(bedrock)",
                      aws_access_key_id_env: SWITCHYARD_AWS_ID, aws_secret_access_key_env: SWITCHYARD_AWS_WRONG_SECRET,
                      aws_session_token_env: SWITCHYARD_AWS_NO_TOKEN }
                models:
                \(group("gpt-sim", "primary", "gpt-4o"))
                \(group("claude-sim", "secondary", "claude-sonnet-4-5"))
                \(group("embed-sim", "primary", "text-embedding-3-small"))
                \(group("azure-sim", "azure", "gpt-4o-prod"))
                \(group("azure-embed", "azure", "embedding-prod"))
                \(group("gemini-sim", "google", "gemini-2.0-flash"))
                \(group("openai-sim", "native", "gpt-4o"))
                \(group("bedrock-sim", "bedrock", "'anthropic.claude-3-5-sonnet-20240620-v1:0'"))
                \(group("bedrock-arn", "bedrock", "'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0'"))
                \(group("bedrock-session", "bedrock-session", "'amazon.nova-lite-v1:0'"))
                \(group("bedrock-badsecret", "bedrock-bad", "badsecret-model"))
                \(group("bedrock-missing", "bedrock", "missing-model"))
                \(group("bedrock-interrupted", "bedrock", "interrupted-model"))
                \(group("fallback-sim", "primary", "gpt-4o", fallbacks: ["claude-sim"]))
                \(group("limited-sim", "primary", "gpt-4o", fallbacks: ["limited-backup"]))
                \(group("limited-backup", "secondary", "claude-sonnet-4-5"))
                \(group("broken-sim", "primary", "gpt-4o", fallbacks: ["broken-backup"]))
                \(group("broken-backup", "secondary", "claude-sonnet-4-5"))
                \(group("cut-sim", "primary", "gpt-4o"))
                \(group("badkey-sim", "keyed", "gpt-4o"))
                \(group("badkey-fallback", "keyed", "gpt-4o", fallbacks: ["claude-sim"]))

                """
        }

        @Test func officialSDKsThroughTheGateway() async throws {
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
            // An upstream that wants another key than the gateway has for it.
            let keyed = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", "keyed", "--seed", "3",
                                                    "--api-key", "sk-the-right-upstream-key-0000"])
            // A Bedrock stand-in that checks every signature with botocore.
            let bedrock = try ManagedProcess(
                python, [TestPaths.packageRoot.appendingPathComponent("Tests/SDKTests/bedrock_upstream.py").path],
                environment: ["BEDROCK_TEST_ACCESS_KEY_ID": "AKIDSWITCHYARDTEST", "BEDROCK_TEST_SECRET_ACCESS_KEY": "switchyard/test+secret",
                              "BEDROCK_TEST_SESSION_TOKEN": "FwoGZXIvYXdzEXAMPLETOKEN+/="])
            let primaryURL = try await primary.waitFor(#"listening on (http://[0-9.:]+)"#)
            let bedrockURL = try await bedrock.waitFor(#"listening on (http://[0-9.:]+)"#)
            let secondaryURL = try await secondary.waitFor(#"listening on (http://[0-9.:]+)"#)
            let keyedURL = try await keyed.waitFor(#"listening on (http://[0-9.:]+)"#)

            let dir = try TestPaths.scratch("sdk")
            defer { try? FileManager.default.removeItem(at: dir) }
            let config = dir.appendingPathComponent("gateway.yaml")
            try Self.gatewayConfig(primary: primaryURL, secondary: secondaryURL, keyed: keyedURL, bedrock: bedrockURL).write(to: config, atomically: true, encoding: .utf8)
            let socket = dir.appendingPathComponent("ctl.sock").path
            let gateway = try ManagedProcess(binary, [
                "serve", "--config", config.path, "--control-socket", socket,
                "--state-dir", dir.appendingPathComponent("state").path,
            ],
                                             environment: ["SWITCHYARD_TEST_KEY": "sk-test-upstream",
                                                           "SWITCHYARD_WRONG_KEY": "sk-wrong-upstream-key-0123456789",
                                                           "SWITCHYARD_AWS_ID": "AKIDSWITCHYARDTEST",
                                                           "SWITCHYARD_AWS_SECRET": "switchyard/test+secret",
                                                           "SWITCHYARD_AWS_WRONG_SECRET": "not-the-secret",
                                                           "SWITCHYARD_AWS_TOKEN": "FwoGZXIvYXdzEXAMPLETOKEN+/="])
            let gatewayURL = try await gateway.waitFor(#"serving on (http://[0-9.:]+)"#)

            // The keys the scenarios use, made the way an operator makes them.
            func createKey(_ name: String, _ flags: [String] = []) async throws -> String {
                let ctl = try ManagedProcess(binary, ["ctl", "keys", "create", "--name", name] + flags + ["--socket", socket])
                let status = try await ctl.wait(timeout: 30)
                guard status == 0 else { throw ManagedProcess.Failure(description: "ctl keys create \(name): \(ctl.text)") }
                return try await ctl.waitFor(#"(sk-sy-[A-Za-z0-9]+)"#)
            }
            let keys = [
                "SWITCHYARD_KEY": try await createKey("sdk"),
                "SWITCHYARD_KEY_LIMITED": try await createKey("limited", ["--models", "gpt-sim", "--rpm", "2"]),
                "SWITCHYARD_KEY_BROKE": try await createKey("broke", ["--budget", "0.000001", "--period", "total"]),
                "SWITCHYARD_KEY_REVOKED": try await createKey("revoked"),
                "SWITCHYARD_KEY_OTHER": try await createKey("other"),
            ]
            let revoke = try ManagedProcess(binary, ["ctl", "keys", "revoke", "revoked", "--socket", socket])
            #expect(try await revoke.wait(timeout: 30) == 0, "ctl keys revoke: \(revoke.text)")

            let pytest = try ManagedProcess(
                python, ["-m", "pytest", "-q", "-p", "no:cacheprovider", TestPaths.packageRoot.appendingPathComponent("Tests/SDKTests").path],
                environment: [
                    "SWITCHYARD_GATEWAY": gatewayURL, "SWITCHYARD_SIM_PRIMARY": primaryURL,
                    "SWITCHYARD_SIM_SECONDARY": secondaryURL, "SWITCHYARD_BEDROCK": bedrockURL,
                ].merging(keys) { a, _ in a })
            let status = try await pytest.wait(timeout: 300)
            #expect(status == 0, "pytest failed:\n\(pytest.text)\n--- gateway output ---\n\(gateway.text)")
            // The upstreams run until pytest is done.
            withExtendedLifetime((primary, secondary, keyed, bedrock)) {}
        }
    }
}

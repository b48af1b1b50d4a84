import Foundation
import SwitchyardConfig
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardJSON
import SwitchyardSim
import SwitchyardSimServer
import SwitchyardWire
import Testing

/// Provider kind `bedrock`: Converse and ConverseStream over real HTTP against a simulator that checks every
/// call's SigV4 signature (its `--api-key` is the secret access key) and answers with real event-stream framing.
@Suite struct BedrockProviderTests {
    static let model = "anthropic.claude-3-haiku-20240307-v1:0"

    static func yaml(_ base: String, token: Bool = false) -> String {
        """
        listen: 127.0.0.1:0
        providers:
          - { name: bedrock, kind: bedrock, region: us-west-2, base_url: "\(base)",
              aws_access_key_id_env: T_AWS_ID, aws_secret_access_key_env: T_AWS_SECRET,
              aws_session_token_env: \(token ? "T_AWS_TOKEN" : "T_AWS_NO_TOKEN") }
        models:
          - { name: claude, deployments: [{ provider: bedrock, model: "\(model)" }] }
        """
    }

    static let secret = "sim/secret+KEY"
    static let environment = ["T_AWS_ID": "AKIDSWITCHYARD", "T_AWS_SECRET": secret, "T_AWS_TOKEN": "token/+="]

    static func signedSim(faults: FaultProfile = .none) -> SimulatorOptions {
        var options = gatewaySimOptions(name: "bedrock", faults: faults)
        options.apiKey = secret
        return options
    }

    @Test func chatAndMessagesJSONAndStreamsAreSignedConverseCalls() async throws {
        try await withGateway(sims: [Self.signedSim()], yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "claude"))
            #expect(chat.status == 200, "\(chat.text)")
            let answer = try WireCoding.parse(Data(chat.text.utf8))
            #expect(answer["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue?.isEmpty == false)
            #expect((answer["usage"]?["completion_tokens"]?.intValue ?? 0) > 0)
            let sent = try #require(gw.sims[0].server.recentRequests.last)
            #expect(sent.path == "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse")
            #expect(sent.headers["authorization"]?.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIDSWITCHYARD/") == true)
            #expect(sent.headers["authorization"]?.contains("/us-west-2/bedrock/aws4_request, SignedHeaders=host;x-amz-date, ") == true)
            #expect(sent.headers["x-amz-security-token"] == nil)
            let body = try #require(JSONValue(parsing: sent.body))
            #expect(body["messages"]?.arrayValue?.first?["content"]?.arrayValue?.first?["text"]?.stringValue == "Say hello")
            #expect(body["model"] == nil)

            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "claude", stream: true))
            #expect(stream.events.last?.data == "[DONE]")
            let text = jsonEvents(stream).compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }.joined()
            #expect(!text.isEmpty)
            #expect(gw.sims[0].server.recentRequests.last?.path == "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream")

            let message = try await gw.post("/v1/messages", messagesBody(model: "claude"))
            #expect(message.status == 200, "\(message.text)")
            #expect(try WireCoding.parse(Data(message.text.utf8))["stop_reason"]?.stringValue == "end_turn")

            let events = try await gw.stream("/v1/messages", messagesBody(model: "claude", stream: true))
            let names = events.events.compactMap(\.event)
            #expect(names.first == "message_start")
            #expect(names.last == "message_stop")
            #expect(names.contains("content_block_delta"))
        }
    }

    @Test func toolCallsStreamAsToolCalls() async throws {
        try await withGateway(sims: [Self.signedSim()], yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            let tools = #","tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]"#
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "claude", stream: true, extra: tools))
            let chunks = jsonEvents(stream)
            let names = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first?["function"]?["name"]?.stringValue }
            #expect(names == ["weather"])
            let arguments = chunks.compactMap {
                $0["choices"]?.arrayValue?.first?["delta"]?["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue
            }.joined()
            #expect(JSONValue(parsing: arguments)?["city"]?.stringValue != nil, "\(arguments)")
            #expect(chunks.compactMap { $0["choices"]?.arrayValue?.first?["finish_reason"]?.stringValue } == ["tool_calls"])
        }
    }

    @Test func sessionTokenIsSentAndSigned() async throws {
        try await withGateway(sims: [Self.signedSim()], yaml: { Self.yaml($0[0], token: true) },
                              environment: Self.environment) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "claude"))
            #expect(chat.status == 200, "\(chat.text)")
            let sent = try #require(gw.sims[0].server.recentRequests.last)
            #expect(sent.headers["x-amz-security-token"] == "token/+=")
            #expect(sent.headers["authorization"]?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,") == true)
        }
    }

    @Test func aWrongSecretIsACredentialFailure() async throws {
        var environment = Self.environment
        environment["T_AWS_SECRET"] = "not-the-secret"
        try await withGateway(sims: [Self.signedSim()], yaml: { Self.yaml($0[0]) }, environment: environment) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "claude"))
            #expect(chat.status == 502, "\(chat.text)")
            #expect(chat.text.contains("rejected the gateway's credentials"))
            #expect(!chat.text.contains("AKIDSWITCHYARD"))
            #expect(gw.engine.breakerState(of: "claude/bedrock") == .open)
        }
    }

    @Test func throttlingIsARateLimit() async throws {
        let faults = FaultProfile(errorRates: [429: 1], retryAfterSeconds: 30)
        try await withGateway(sims: [Self.signedSim(faults: faults)], yaml: { Self.yaml($0[0]) },
                              environment: Self.environment) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "claude"),
                                         headers: [("x-request-id", "bedrock-throttled")])
            #expect(chat.status == 429, "\(chat.text)")
            let record = try #require(await gw.awaitRecord("bedrock-throttled"))
            #expect(record.attempts.first?.message.contains("429 ThrottlingException") == true,
                    "\(record.attempts.map(\.message))")
            #expect(gw.sims[0].server.recentRequests.count == 1)
        }
    }

    @Test func aServiceUnavailableIsRetried() async throws {
        try await withGateway(sims: [Self.signedSim(faults: FaultProfile(errorRates: [503: 1]))],
                              yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "claude"))
            // Retried once on the same deployment, as an upstream failure is.
            #expect(chat.status == 502, "\(chat.text)")
            #expect(chat.text.contains("claude/bedrock 503, claude/bedrock 503"), "\(chat.text)")
            #expect(gw.sims[0].server.recentRequests.count == 2)
        }
    }

    @Test func aMidStreamExceptionEndsTheStreamWithAnError() async throws {
        try await withGateway(sims: [Self.signedSim(faults: FaultProfile(streamCutProbability: 1))],
                              yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            // The simulator's cut stream ends with a modelStreamErrorException after the first content.
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "claude", stream: true),
                                             headers: [("x-request-id", "bedrock-exception")])
            #expect(stream.status == 200)
            let last = try #require(stream.events.last)
            #expect(last.data.contains("modelStreamErrorException"), "\(last.data)")
            #expect(!stream.events.contains { $0.isDone })
            let record = try #require(await gw.awaitRecord("bedrock-exception"))
            #expect(record.attempts.map(\.errorClass) == [.server], "\(record.attempts)")
            #expect(record.attempts.first?.message.contains("modelStreamErrorException") == true)
        }
    }

    @Test func aCorruptFrameFailsTheStream() async throws {
        try await withGateway(sims: [Self.signedSim(faults: FaultProfile(malformedProbability: 1))],
                              yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            // The first content frame has a byte flipped, so its checksum fails before any content: the stream is
            // retried once, then refused.
            let stream = try await gw.post("/v1/chat/completions", chatBody(model: "claude", stream: true),
                                           headers: [("x-request-id", "bedrock-corrupt")])
            #expect(stream.status == 502, "\(stream.text)")
            #expect(gw.sims[0].server.recentRequests.count == 2)
            let record = try #require(await gw.awaitRecord("bedrock-corrupt"))
            #expect(record.attempts.map(\.errorClass) == [.server, .server])
            #expect(record.attempts.allSatisfy { $0.message.contains("event-stream message checksum mismatch") },
                    "\(record.attempts.map(\.message))")
        }
    }

    @Test(arguments: [
        ("  - { name: a, kind: bedrock }", "providers[0].region", "needs its region"),
        ("  - { name: a, kind: bedrock, region: \"US East\" }", "providers[0].region", "expected an AWS region"),
        ("  - { name: a, kind: bedrock, region: us-east-1, api_key_env: K }", "providers[0].api_key_env", "signs with AWS credentials"),
        ("  - { name: a, kind: openai, region: us-east-1 }", "providers[0].region", "only a bedrock provider"),
        ("  - { name: a, kind: bedrock, region: us-east-1, aws_session_token_env: \"my token\" }",
         "providers[0].aws_session_token_env", "expected an environment variable name"),
    ])
    func configErrorsNameTheField(provider: String, path: String, message: String) {
        let yaml = "providers:\n\(provider)\nmodels:\n  - { name: m, deployments: [{ provider: a, model: x }] }\n"
        do {
            _ = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml", environment: [:])
            Issue.record("accepted: \(provider)")
        } catch let errors as ConfigErrors {
            #expect(errors.issues.contains { $0.path == path && $0.message.contains(message) }, "\(errors.issues)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func theRegionComesFromTheEnvironmentWhenTheFileNamesNone() throws {
        let yaml = "providers:\n  - { name: a, kind: bedrock }\nmodels:\n  - { name: m, deployments: [{ provider: a, model: x }] }\n"
        let fromDefault = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml", environment: ["AWS_DEFAULT_REGION": "eu-west-1"])
        #expect(fromDefault.config.providers[0].spec.aws?.region == "eu-west-1")
        #expect(fromDefault.config.providers[0].spec.effectiveBaseURL == "https://bedrock-runtime.eu-west-1.amazonaws.com")
        let both = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml",
                                          environment: ["AWS_REGION": "ap-northeast-1", "AWS_DEFAULT_REGION": "eu-west-1"])
        #expect(both.config.providers[0].spec.aws?.region == "ap-northeast-1")
        #expect(both.config.providers[0].spec.aws?.accessKeyIDEnv == "AWS_ACCESS_KEY_ID")
    }

    /// A reload reads the credentials again: a rotated secret or a new session token renews the provider's key (so
    /// its breaker, opened by the old key's refusals, is closed), the same credentials do not.
    @Test func reloadRenewsRotatedCredentials() throws {
        let config = try ConfigLoader.parse(yaml: Self.yaml("http://127.0.0.1:1", token: true), file: "gw.yaml").config
        let transport = try HTTPUpstreamTransport(config: config, environment: Self.environment)
        #expect(transport.install(try transport.prepare(config: config, environment: Self.environment)).isEmpty)
        var rotated = Self.environment
        rotated["T_AWS_SECRET"] = "rotated-secret"
        #expect(transport.install(try transport.prepare(config: config, environment: rotated)) == ["bedrock"])
        rotated["T_AWS_TOKEN"] = "next-session-token"
        #expect(transport.install(try transport.prepare(config: config, environment: rotated)) == ["bedrock"])
        let signer = transport.routes.withLock { $0.route(for: config.deployments[0]).0?.signer }
        #expect(signer?.credentials == AWSCredentials(accessKeyID: "AKIDSWITCHYARD", secretAccessKey: "rotated-secret",
                                                       sessionToken: "next-session-token"))
    }

    @Test func missingCredentialsAreAProblemNotASecret() throws {
        let config = try ConfigLoader.parse(yaml: Self.yaml("http://127.0.0.1:1"), file: "gw.yaml").config
        let none = config.awsCredentials(environment: ["T_AWS_ID": "AKID"])
        #expect(none.credentials.isEmpty)
        #expect(none.problems == ["T_AWS_SECRET is not set; provider bedrock will be called unsigned"])
        let set = config.awsCredentials(environment: Self.environment)
        #expect(set.credentials["bedrock"]?.secretAccessKey == Self.secret)
        #expect(set.credentials["bedrock"]?.sessionToken == nil)
    }
}

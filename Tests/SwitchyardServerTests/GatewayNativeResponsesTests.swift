import Foundation
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardJSON
import SwitchyardSim
import SwitchyardWire
import Testing

/// `POST /v1/responses` passed natively to OpenAI deployments, over real HTTP to the simulator's
/// `/v1/responses`: what the upstream is sent, what the client gets, what is billed, fallback to a translating
/// deployment, and stored responses continued over a native deployment.
@Suite struct GatewayNativeResponsesTests {
    static func yaml(store: Bool = false, kind: String = "openai", extra: String = "") -> @Sendable ([String]) -> String {
        { bases in
            """
            listen: 127.0.0.1:0
            governance: { auth: keys }
            responses: { store: \(store), retention: 1h }
            providers:
              - { name: oa, kind: \(kind), base_url: "\(bases[0])/v1"\(extra) }
            models:
              - name: chat
                deployments: [{ provider: oa, model: gpt-4o-mini, price: { input: 1, output: 2 } }]
            """
        }
    }

    private static func key(_ gw: GatewayHarness, _ name: String = "ada") throws -> [(String, String)] {
        let governance = try #require(gw.governance)
        return [("authorization", "Bearer \(try GatewayGovernanceTests.addKey(governance, name: name))")]
    }

    private static func sent(_ gw: GatewayHarness, sim: Int = 0) throws -> (path: String, body: JSONValue) {
        let last = try #require(gw.sims[sim].server.recentRequests.last)
        return (last.path, try WireCoding.parse(Data(last.body.utf8)))
    }

    @Test("a JSON request reaches the sim's /v1/responses with the upstream model and is billed from its usage")
    func json() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "oa")], yaml: Self.yaml(), governed: true) { gw in
            let ada = try Self.key(gw)
            let body = #"""
            {"model":"chat","input":"Weather in Paris?","metadata":{"k":"v"},"reasoning":{"effort":"low"},
             "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object",
               "properties":{"city":{"type":"string"}},"required":["city"]}}]}
            """#
            let answer = try await gw.post("/v1/responses", body, headers: ada + [("x-request-id", "native-json")])
            #expect(answer.status == 200, "\(answer.text)")
            let (path, upstream) = try Self.sent(gw)
            #expect(path == "/v1/responses")
            #expect(upstream["model"] == "gpt-4o-mini")
            #expect(upstream["store"] == .bool(false))
            #expect(upstream["reasoning"]?["effort"] == "low")
            #expect(upstream["tools"]?.arrayValue?.first?["name"] == "get_weather")
            #expect(upstream["messages"] == nil)

            let response = try WireCoding.parse(Data(answer.text.utf8))
            #expect(response["object"] == "response")
            let call = try #require(response["output"]?.arrayValue?.first)
            #expect(call["type"] == "function_call")
            #expect(call["name"] == "get_weather")
            let input = try #require(response["usage"]?["input_tokens"]?.intValue)
            let output = try #require(response["usage"]?["output_tokens"]?.intValue)
            let record = try #require(try await gw.awaitRecord("native-json"))
            #expect(record.inputTokens == input && record.outputTokens == output)
            #expect(abs(record.cost - Double(input + 2 * output) / 1_000_000) < 1e-12)
            #expect(answer.headers.first(name: "x-switchyard-cost") == "\(record.cost)")
            #expect(answer.headers.first(name: "x-switchyard-deployment") == "chat/oa")
        }
    }

    @Test("a stream arrives event by event from the sim's /v1/responses and is billed from response.completed")
    func stream() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "oa")], yaml: Self.yaml(), governed: true) { gw in
            let ada = try Self.key(gw)
            let stream = try await gw.stream(
                "/v1/responses", #"{"model":"chat","input":"Tell me a story","stream":true}"#,
                headers: ada + [("x-request-id", "native-stream")])
            #expect(stream.status == 200)
            let (path, upstream) = try Self.sent(gw)
            #expect(path == "/v1/responses")
            #expect(upstream["stream"] == .bool(true))
            let types = stream.events.compactMap(\.event)
            #expect(types.first == "response.created")
            #expect(types.last == "response.completed")
            for expected in ["response.in_progress", "response.output_item.added", "response.content_part.added",
                             "response.output_text.delta", "response.output_text.done", "response.output_item.done"] {
                #expect(types.contains(expected), "\(types)")
            }
            let completed = try WireCoding.parse(Data(try #require(stream.events.last).data.utf8))
            let usage = try #require(completed["response"]?["usage"])
            let record = try #require(try await gw.awaitRecord("native-stream"))
            #expect(record.inputTokens == usage["input_tokens"]?.intValue)
            #expect(record.outputTokens == usage["output_tokens"]?.intValue)
            #expect(record.outputTokens > 0)
            #expect(record.cost > 0)
        }
    }

    @Test("a stream the upstream breaks with response.failed ends with response.failed for the client")
    func brokenStream() async throws {
        let cut = gatewaySimOptions(name: "oa", faults: FaultProfile(streamCutProbability: 1))
        try await withGateway(sims: [cut], yaml: Self.yaml(), governed: true) { gw in
            let ada = try Self.key(gw)
            let stream = try await gw.stream(
                "/v1/responses", #"{"model":"chat","input":"Tell me a story","stream":true}"#,
                headers: ada + [("x-request-id", "native-cut")])
            #expect(stream.status == 200)
            #expect(stream.events.last?.event == "response.failed", "\(stream.events.compactMap(\.event))")
            let failed = try WireCoding.parse(Data(try #require(stream.events.last).data.utf8))
            #expect(failed["response"]?["status"] == "failed")
            #expect(!stream.events.contains { $0.event == "response.completed" })
            let record = try #require(try await gw.awaitRecord("native-cut"))
            #expect(record.status >= 500)
        }
    }

    @Test("a clamp budget lowers max_output_tokens in the request the native upstream gets")
    func clampBudget() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "oa")], yaml: Self.yaml(), governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try GatewayGovernanceTests.addKey(governance, name: "clamped")
            try governance.governor.setBudget(
                BudgetSpec(scope: .key("clamped"), limit: 0.001, period: .total, policy: .clamp))
            let answer = try await gw.post(
                "/v1/responses", #"{"model":"chat","input":"hi","max_output_tokens":100000}"#,
                headers: [("authorization", "Bearer \(secret)")])
            #expect(answer.status == 200, "\(answer.text)")
            let header = try #require(answer.headers.first(name: "x-switchyard-budget-clamp"))
            let clamped = try #require(header.split(separator: ";").first.flatMap { Int($0.dropFirst("max_tokens=".count)) })
            let (path, upstream) = try Self.sent(gw)
            #expect(path == "/v1/responses")
            #expect(clamped < 100_000 && upstream["max_output_tokens"]?.intValue == clamped, "\(upstream)")
        }
    }

    @Test("openai-compatible stays translated unless its provider says responses_api: native")
    func compatibleOptsIn() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "oa")], yaml: Self.yaml(kind: "openai-compatible"),
                              governed: true) { gw in
            let answer = try await gw.post("/v1/responses", #"{"model":"chat","input":"hi"}"#, headers: try Self.key(gw))
            #expect(answer.status == 200)
            #expect(try Self.sent(gw).path == "/v1/chat/completions")
        }
        try await withGateway(sims: [gatewaySimOptions(name: "oa")],
                              yaml: Self.yaml(kind: "openai-compatible", extra: ", responses_api: native"),
                              governed: true) { gw in
            let answer = try await gw.post("/v1/responses", #"{"model":"chat","input":"hi"}"#, headers: try Self.key(gw))
            #expect(answer.status == 200)
            #expect(try Self.sent(gw).path == "/v1/responses")
        }
        try await withGateway(sims: [gatewaySimOptions(name: "oa")], yaml: Self.yaml(extra: ", responses_api: translated"),
                              governed: true) { gw in
            let answer = try await gw.post("/v1/responses", #"{"model":"chat","input":"hi"}"#, headers: try Self.key(gw))
            #expect(answer.status == 200)
            #expect(try Self.sent(gw).path == "/v1/chat/completions")
        }
    }

    @Test("an Azure OpenAI provider on the v1 API with responses_api: native gets /openai/v1/responses")
    func azureV1() async throws {
        let yaml: @Sendable ([String]) -> String = { bases in
            """
            listen: 127.0.0.1:0
            providers:
              - { name: az, kind: azure-openai, base_url: "\(bases[0])", api_version: v1, responses_api: native }
            models:
              - name: chat
                deployments: [{ provider: az, model: gpt-4o-prod }]
            """
        }
        try await withGateway(sims: [gatewaySimOptions(name: "az")], yaml: yaml) { gw in
            let answer = try await gw.post("/v1/responses", #"{"model":"chat","input":"hi","stream":true}"#)
            #expect(answer.status == 200)
            #expect(answer.text.contains("event: response.completed"))
            let (path, upstream) = try Self.sent(gw)
            #expect(path == "/openai/v1/responses")
            #expect(upstream["model"] == "gpt-4o-prod")
        }
    }

    static func fallbackYAML(_ bases: [String]) -> String {
        """
        listen: 127.0.0.1:0
        providers:
          - { name: oa, kind: openai, base_url: "\(bases[0])/v1" }
          - { name: claude, kind: anthropic, base_url: "\(bases[1])" }
        models:
          - name: chat
            deployments: [{ provider: oa, model: gpt-4o-mini }]
            fallbacks: [backup]
          - name: backup
            deployments: [{ provider: claude, model: claude-sonnet-4-5 }]
        """
    }

    @Test("a failing openai deployment falls back to an anthropic one, which translates", arguments: [false, true])
    func fallback(streaming: Bool) async throws {
        let failing = gatewaySimOptions(name: "oa", faults: FaultProfile(errorRates: [503: 1]))
        var engine = EngineConfig()
        engine.maxRetriesPerDeployment = 0
        try await withGateway(sims: [failing, gatewaySimOptions(name: "claude")], yaml: Self.fallbackYAML,
                              engineConfig: engine) { gw in
            let body = #"{"model":"chat","input":"hi","stream":\#(streaming)}"#
            let id = "native-fallback-\(streaming)"
            let answer = try await gw.post("/v1/responses", body, headers: [("x-request-id", id)])
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer.headers.first(name: "x-switchyard-deployment") == "backup/claude")
            #expect(gw.sims[0].server.recentRequests.last?.path == "/v1/responses")
            #expect(gw.sims[1].server.recentRequests.last?.path == "/v1/messages")
            if streaming {
                #expect(answer.text.contains("event: response.completed"))
            } else {
                #expect(try WireCoding.parse(Data(answer.text.utf8))["status"] == "completed")
            }
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.attempts.first?.status == 503)
            #expect(record.outputTokens > 0)
        }
    }

    @Test("stored responses continue over a native deployment: the sim gets the conversation, never the gateway's id")
    func storedContinuation() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "oa")], yaml: Self.yaml(store: true), governed: true) { gw in
            let ada = try Self.key(gw)
            let first = try await gw.post("/v1/responses", #"{"model":"chat","input":"My name is Ada."}"#, headers: ada)
            #expect(first.status == 200, "\(first.text)")
            let firstBody = try WireCoding.parse(Data(first.text.utf8))
            let id = try #require(firstBody["id"]?.stringValue)
            let upstreamFirst = try Self.sent(gw).body
            #expect(upstreamFirst["store"] == .bool(false))
            let answer = try #require(firstBody["output"]?.arrayValue?.first?["content"]?.arrayValue?.first?["text"])

            let kept = try await gw.send(.GET, "/v1/responses/\(id)", headers: ada)
            #expect(kept.status == 200)
            #expect(try WireCoding.parse(Data(kept.text.utf8)) == firstBody)

            let second = try await gw.stream(
                "/v1/responses", #"{"model":"chat","input":"Who am I?","stream":true,"previous_response_id":"\#(id)"}"#,
                headers: ada)
            #expect(second.status == 200)
            let (path, upstream) = try Self.sent(gw)
            #expect(path == "/v1/responses")
            #expect(upstream["previous_response_id"] == nil)
            #expect(upstream["store"] == .bool(false))
            #expect(!(try #require(gw.sims[0].server.recentRequests.last)).body.contains(id))
            let items = try #require(upstream["input"]?.arrayValue)
            #expect(items.map { $0["role"]?.stringValue } == ["user", "assistant", "user"], "\(items)")
            #expect(items[1]["content"]?.arrayValue?.first?["text"] == answer)

            // The stream's response carries the gateway's id in every event that names it, and is kept under it.
            let ids = Set(second.events.compactMap { event -> String? in
                guard let data = try? WireCoding.parse(Data(event.data.utf8)) else { return nil }
                return data["response"]?["id"]?.stringValue
            })
            #expect(ids.count == 1)
            let secondID = try #require(ids.first)
            #expect(secondID != id && secondID.hasPrefix("resp_"))
            let third = try await gw.post(
                "/v1/responses", #"{"model":"chat","input":"Again","previous_response_id":"\#(secondID)"}"#, headers: ada)
            #expect(third.status == 200, "\(third.text)")
            #expect(try Self.sent(gw).body["input"]?.arrayValue?.count == 5)
        }
    }
}

import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardSimServer
import SwitchyardWire
import Testing

/// `POST /v1/messages/count_tokens`: counted by an Anthropic deployment of the model when one may take traffic,
/// else the gateway's own estimate, marked as one; never an attempt.
@Suite struct GatewayCountTokensTests {
    static let headers = [("anthropic-version", "2023-06-01")]

    @Test func countsThePromptWithoutCallingAnyUpstream() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: { GatewayYAML.single($0[0]) }) { gw in
            let short = try await gw.post("/v1/messages/count_tokens",
                                          #"{"model":"chat","messages":[{"role":"user","content":"hi"}]}"#, headers: Self.headers)
            #expect(short.status == 200, "\(short.text)")
            #expect(short.headers.first(name: "x-switchyard-token-count") == "estimate")
            let few = try #require(JSONValue(parsing: short.text)?["input_tokens"]?.intValue)
            let long = try await gw.post(
                "/v1/messages/count_tokens",
                #"{"model":"chat","system":"You are terse.","messages":[{"role":"user","content":"\#(String(repeating: "tell me more ", count: 200))"}]}"#,
                headers: Self.headers)
            let many = try #require(JSONValue(parsing: long.text)?["input_tokens"]?.intValue)
            #expect(few > 0 && many > 10 * few, "\(few) \(many)")
            #expect(try await gw.sims[0].stats().requests == 0)

            let unknown = try await gw.post("/v1/messages/count_tokens",
                                            #"{"model":"nope","messages":[{"role":"user","content":"hi"}]}"#, headers: Self.headers)
            #expect(unknown.status == 404)
            #expect(JSONValue(parsing: unknown.text)?["error"]?["type"]?.stringValue == "not_found_error")
            let broken = try await gw.post("/v1/messages/count_tokens", #"{"model":"chat"}"#, headers: Self.headers)
            #expect(broken.status == 400, "\(broken.text)")
            #expect(JSONValue(parsing: broken.text)?["type"]?.stringValue == "error")
            let got = try await gw.send(.GET, "/v1/messages/count_tokens")
            #expect(got.status == 405)
        }
    }

    static let prompt = #"{"model":"chat","max_tokens":50,"temperature":0.2,"system":"Be terse.","messages":[{"role":"user","content":"count these words for me please"}]}"#

    @Test func anAnthropicDeploymentCountsAndItsCountIsPassedOn() async throws {
        let sims = [gatewaySimOptions(name: "claude")]
        try await withGateway(sims: sims, yaml: { GatewayYAML.single($0[0], kind: "anthropic", model: "claude-sonnet-4-5") }) { gw in
            let counted = try await gw.post("/v1/messages/count_tokens", Self.prompt, headers: Self.headers)
            #expect(counted.status == 200, "\(counted.text)")
            #expect(counted.headers.first(name: "x-switchyard-token-count") == "upstream")
            #expect(counted.headers.first(name: "x-switchyard-deployment") == "chat/only")
            let request = try CountTokensRequest(wire: try #require(JSONValue(parsing: Self.prompt)))
            #expect(JSONValue(parsing: counted.text)?["input_tokens"]?.intValue == SimulatorServer.simulatedTokenCount(request))
            // Addressed to the upstream model, with the prompt's fields only (Anthropic refuses the rest).
            let sent = try #require(gw.sims[0].server.recentRequests.last)
            #expect(sent.path == "/v1/messages/count_tokens")
            let body = try #require(JSONValue(parsing: sent.body))
            #expect(body["model"]?.stringValue == "claude-sonnet-4-5")
            #expect(body["system"]?.stringValue == "Be terse.")
            #expect(body["max_tokens"] == nil && body["temperature"] == nil)
            // Not an attempt: no request, metrics or spend.
            #expect(gw.engine.metricsSnapshot().deployments.first?.attempts.values.reduce(0, +) == 0)

            // With the deployment out of rotation the gateway estimates instead.
            #expect(gw.engine.apply(.disableDeployment("chat/only"), actor: "test").ok)
            let estimated = try await gw.post("/v1/messages/count_tokens", Self.prompt, headers: Self.headers)
            #expect(estimated.status == 200)
            #expect(estimated.headers.first(name: "x-switchyard-token-count") == "estimate")
            #expect(estimated.headers.first(name: "x-switchyard-deployment") == nil)
        }
    }

    @Test func aFailingCountFallsBackToTheEstimate() async throws {
        var options = gatewaySimOptions(name: "claude")
        options.apiKey = "sk-the-right-one"
        try await withGateway(sims: [options], yaml: { GatewayYAML.single($0[0], kind: "anthropic") }) { gw in
            let answer = try await gw.post("/v1/messages/count_tokens", Self.prompt, headers: Self.headers)
            #expect(answer.status == 200, "\(answer.text)")
            #expect(answer.headers.first(name: "x-switchyard-token-count") == "estimate")
        }
    }
}

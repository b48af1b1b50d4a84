import Foundation
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardGovernance
import SwitchyardJSON
@testable import SwitchyardSimServer
import SwitchyardStore
import Testing

/// Escalation through the real HTTP ingress: a cheap model without JSON mode answers prose to a JSON request, the
/// answer fails `invalid_json`, and the stronger group answers instead; both answers are charged and in the ledger.
@Suite struct GatewayEscalationTests {
    static func yaml(_ bases: [String]) -> String {
        """
        listen: 127.0.0.1:0
        governance: { auth: keys, default_max_tokens: 200 }
        providers:
          - { name: cheapsim, kind: openai-compatible, base_url: "\(bases[0])/v1" }
          - { name: strongsim, kind: openai-compatible, base_url: "\(bases[1])/v1" }
        models:
          - name: fast
            deployments: [{ provider: cheapsim, model: small-model, price: { input: 0.1, output: 0.4 } }]
          - name: smart
            deployments: [{ provider: strongsim, model: big-model, price: { input: 3, output: 15 } }]
          - name: auto
            strategy: task
            tasks: { chat: fast, structured: fast }
            escalate: { to: smart, on: [invalid_json, empty] }
          - name: held
            strategy: task
            tasks: { chat: fast, structured: fast }
            escalate: { to: smart, on: [invalid_json, empty], streams: buffer }
        """
    }

    static var sims: [SimulatorOptions] {
        var cheap = gatewaySimOptions(name: "cheapsim")
        cheap.jsonMode = false
        return [cheap, gatewaySimOptions(name: "strongsim")]
    }

    static let schemaFormat = #","response_format":{"type":"json_schema","json_schema":{"name":"ticket","schema":{"type":"object","properties":{"priority":{"type":"integer"},"summary":{"type":"string"}},"required":["priority","summary"]}}}"#

    @Test func invalidJSONIsEscalatedAndBothAnswersAreCharged() async throws {
        try await withGateway(sims: Self.sims, yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try GatewayGovernanceTests.addKey(governance, name: "extractor")
            let response = try await gw.post(
                "/v1/chat/completions", chatBody(model: "auto", content: "Extract the ticket", extra: Self.schemaFormat),
                headers: [("authorization", "Bearer \(secret)")])
            #expect(response.status == 200, "\(response.text)")
            #expect(response.headers.first(name: "x-switchyard-task") == "structured")
            #expect(response.headers.first(name: "x-switchyard-escalated-from") == "fast")
            #expect(response.headers.first(name: "x-switchyard-model") == "smart")
            #expect(response.headers.first(name: "x-switchyard-attempts") == "2")
            // The client gets the stronger model's JSON, which fits the schema.
            let content = try #require(JSONValue(parsing: response.text)?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue)
            let answer = try #require(JSONValue(parsing: content))
            #expect(answer["priority"]?.intValue != nil && answer["summary"]?.stringValue != nil, "\(content)")
            // Both answers were billed: two ledger rows, one per deployment, and the key's spend holds both.
            let rows = try governance.database.report(by: .deployment, since: 0)
            #expect(Set(rows.compactMap(\.name)) == ["fast/cheapsim", "smart/strongsim"], "\(rows)")
            #expect(rows.allSatisfy { $0.requests == 1 && $0.cost > 0 }, "\(rows)")
            let spent = try await governance.database.spent([SpendQuery(scope: .key("extractor"), since: 0)])
            #expect(abs((spent.values.first ?? 0) - rows.reduce(0) { $0 + $1.cost }) < 1e-12)
            let record = try #require(gw.engine.snapshot(info: controlTestInfo).requests.first)
            #expect(record.attempts.map(\.decision) == [.escalated, .answered], "\(record.attempts)")
        }
    }

    @Test func aValidAnswerIsNotEscalated() async throws {
        try await withGateway(sims: Self.sims, yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try GatewayGovernanceTests.addKey(governance, name: "chatter")
            // Prose is a valid answer to a chat request: nothing to check for invalid_json.
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "auto"),
                                              headers: [("authorization", "Bearer \(secret)")])
            #expect(response.status == 200)
            #expect(response.headers.first(name: "x-switchyard-escalated-from") == nil)
            #expect(response.headers.first(name: "x-switchyard-model") == "fast")
            let rows = try governance.database.report(by: .deployment, since: 0)
            #expect(rows.compactMap(\.name) == ["fast/cheapsim"], "\(rows)")
        }
    }

    @Test func aStreamIsPassedOnAsItComesAndNeverEscalatedByDefault() async throws {
        try await withGateway(sims: Self.sims, yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try GatewayGovernanceTests.addKey(governance, name: "streamer")
            let stream = try await gw.stream(
                "/v1/chat/completions", chatBody(model: "auto", stream: true, content: "Extract the ticket", extra: Self.schemaFormat),
                headers: [("authorization", "Bearer \(secret)")])
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "x-switchyard-escalated-from") == nil)
            #expect(stream.headers.first(name: "x-switchyard-model") == "fast")
        }
    }

    @Test func aBufferedStreamIsCheckedThenStreamedFromTheGroupWhoseAnswerStood() async throws {
        try await withGateway(sims: Self.sims, yaml: Self.yaml, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try GatewayGovernanceTests.addKey(governance, name: "holder")
            let stream = try await gw.stream(
                "/v1/chat/completions",
                chatBody(model: "held", stream: true, content: "Extract the ticket",
                         extra: Self.schemaFormat + #","stream_options":{"include_usage":true}"#),
                headers: [("authorization", "Bearer \(secret)")])
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "content-type") == "text/event-stream")
            #expect(stream.headers.first(name: "x-switchyard-escalated-from") == "fast")
            #expect(stream.headers.first(name: "x-switchyard-model") == "smart")
            #expect(stream.events.last?.data == "[DONE]")
            let chunks = stream.events.dropLast().compactMap { JSONValue(parsing: $0.data) }
            let text = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }.joined()
            let answer = try #require(JSONValue(parsing: text), "\(text)")
            #expect(answer["priority"]?.intValue != nil, "\(text)")
            #expect(chunks.last?["usage"]?["completion_tokens"]?.intValue ?? 0 > 0, "\(chunks)")
            // Neither upstream was asked for a stream: each answer was checkable whole.
            for sim in gw.sims {
                let sent = try #require(sim.server.recentRequests.last)
                #expect(JSONValue(parsing: sent.body)?["stream"] == nil, "\(sent.body)")
            }
            let rows = try governance.database.report(by: .deployment, since: 0)
            #expect(Set(rows.compactMap(\.name)) == ["fast/cheapsim", "smart/strongsim"], "\(rows)")

            // An Anthropic client's held stream that stands is replayed as Anthropic's events.
            let anthropic = try await gw.stream(
                "/v1/messages", #"{"model":"held","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"Say hello"}]}"#,
                headers: [("x-api-key", secret), ("anthropic-version", "2023-06-01")])
            #expect(anthropic.status == 200)
            #expect(anthropic.headers.first(name: "x-switchyard-escalated-from") == nil)
            #expect(anthropic.events.first?.event == "message_start")
            #expect(anthropic.events.last?.event == "message_stop")
            #expect(anthropic.events.contains { $0.event == "content_block_delta" })
        }
    }
}

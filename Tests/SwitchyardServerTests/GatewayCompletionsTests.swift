import Foundation
import SwitchyardJSON
import Testing

/// `POST /v1/completions`, OpenAI's legacy text completion, served as a chat completion by any deployment.
@Suite struct GatewayCompletionsTests {
    static func first(_ array: JSONValue) -> JSONValue? {
        guard case .array(let items) = array else { return nil }
        return items.first
    }

    @Test(arguments: ["openai-compatible", "anthropic"])
    func answersAsATextCompletion(kind: String) async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "up")], yaml: { GatewayYAML.single($0[0], kind: kind) }) { gw in
            let answer = try await gw.post("/v1/completions", #"{"model":"chat","prompt":"Say hello","max_tokens":20}"#)
            #expect(answer.status == 200, "\(answer.text)")
            let body = try #require(JSONValue(parsing: answer.text))
            #expect(body["object"]?.stringValue == "text_completion")
            #expect(body["id"]?.stringValue?.hasPrefix("cmpl-") == true || kind == "anthropic")
            #expect(body["choices"].flatMap(Self.first)?["text"]?.stringValue?.isEmpty == false)
            #expect(body["choices"].flatMap(Self.first)?["logprobs"] == .null)
            #expect(["stop", "length"].contains(body["choices"].flatMap(Self.first)?["finish_reason"]?.stringValue ?? ""))
            #expect((body["usage"]?["completion_tokens"]?.intValue ?? 0) > 0)
            // The upstream got a chat request with the prompt as the user's message.
            let sent = try #require(gw.sims[0].server.recentRequests.last)
            #expect(sent.body.contains("Say hello"))

            let stream = try await gw.stream("/v1/completions", #"{"model":"chat","prompt":"Tell me a story","max_tokens":30,"stream":true}"#)
            #expect(stream.events.last?.data == "[DONE]")
            let chunks = stream.events.dropLast().compactMap { JSONValue(parsing: $0.data) }
            #expect(!chunks.isEmpty && chunks.allSatisfy { $0["object"]?.stringValue == "text_completion" })
            #expect(chunks.contains { $0["choices"].flatMap(Self.first)?["finish_reason"]?.stringValue != nil })
            // No usage chunk unless asked for.
            #expect(chunks.allSatisfy { $0["usage"] == nil })
        }
    }

    @Test func legacyOnlyFeaturesAreRefusedNamingTheParameter() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "up")], yaml: { GatewayYAML.single($0[0]) }) { gw in
            for (body, param) in [
                (#"{"model":"chat","prompt":["a","b"]}"#, "prompt"),
                (#"{"model":"chat","prompt":"a","echo":true}"#, "echo"),
                (#"{"model":"chat","prompt":"a","logprobs":3}"#, "logprobs"),
                (#"{"model":"chat","prompt":"a","best_of":2}"#, "best_of"),
                (#"{"model":"chat"}"#, "prompt"),
                (#"{"model":"chat","prompt":"a","max_tokens":-1}"#, "max_tokens"),
            ] {
                let refused = try await gw.post("/v1/completions", body)
                #expect(refused.status == 400, "\(body): \(refused.text)")
                #expect(JSONValue(parsing: refused.text)?["error"]?["param"]?.stringValue == param, "\(body): \(refused.text)")
            }
            #expect(try await gw.send(.GET, "/v1/completions").status == 405)
        }
    }
}

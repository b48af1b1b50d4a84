import Foundation
import SwitchyardJSON
import SwitchyardWire
import Testing

/// `POST /v1/messages/count_tokens`: the gateway's own estimate of the prompt, marked as one; nothing is routed.
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
}

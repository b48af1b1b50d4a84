import AsyncHTTPClient
import SwitchyardJSON
import SwitchyardWire
import Testing

@Suite struct SimulatorRequestLogTests {
    @Test func recordsWhatTheClientSent() async throws {
        try await withSimulator(testOptions()) { sim in
            var request = sim.request(.POST, "/v1/messages", body: #"{"model":"claude-x","max_tokens":12,"messages":[{"role":"user","content":"hi"}]}"#)
            request.headers.add(name: "x-api-key", value: "sk-ant-upstream")
            request.headers.add(name: "anthropic-version", value: "2023-06-01")
            _ = try await RawHTTP.send(request)
            _ = try await sim.post("/v1/chat/completions", #"{"model":"gpt-x","messages":[{"role":"user","content":"hi"}]}"#)

            let recent = sim.server.recentRequests
            #expect(recent.map(\.path) == ["/v1/messages", "/v1/chat/completions"])
            let first = try #require(recent.first)
            #expect(first.method == "POST")
            #expect(first.headers["x-api-key"] == "sk-ant-upstream")
            #expect(first.headers["anthropic-version"] == "2023-06-01")
            #expect(first.json?["max_tokens"]?.intValue == 12)

            let listed = try await sim.send(.GET, "/_sim/requests")
            let requests = try #require(JSONValue(parsing: listed.text)?["requests"]?.arrayValue)
            #expect(requests.count == 2)
            #expect(requests.last?["body"]?["model"] == "gpt-x")

            #expect(try await sim.send(.DELETE, "/_sim/requests").status == 200)
            #expect(sim.server.recentRequests.isEmpty)
        }
    }

    @Test func keepsOnlyTheMostRecent() async throws {
        try await withSimulator(testOptions()) { sim in
            for index in 0..<70 {
                _ = try await sim.post("/v1/embeddings", #"{"model":"e\#(index)","input":"x"}"#)
            }
            let models = sim.server.recentRequests.compactMap { $0.json?["model"]?.stringValue }
            #expect(models.count == 64)
            #expect(models.first == "e6")
            #expect(models.last == "e69")
        }
    }
}

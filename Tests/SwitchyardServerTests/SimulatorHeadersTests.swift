import AsyncHTTPClient
import Foundation
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

@Suite struct SimulatorHeadersTests {
    @Test func requestIDsInEachProvidersHeader() async throws {
        try await withSimulator(testOptions()) { sim in
            let chat = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#
            let first = try await sim.post("/v1/chat/completions", chat)
            let second = try await sim.post("/v1/chat/completions", chat)
            let id = try #require(first.headers.first(name: "x-request-id"))
            #expect(id.hasPrefix("req_"))
            #expect(second.headers.first(name: "x-request-id") != id)

            let message = try await sim.post("/v1/messages", #"{"model":"c","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(message.headers.first(name: "request-id")?.hasPrefix("req_") == true)

            var request = sim.request(.POST, "/v1/chat/completions", body: chat)
            request.headers.add(name: "x-request-id", value: "client-42")
            let echoed = try await RawHTTP.send(request)
            #expect(echoed == "client-42")
        }
    }

    @Test func statsCanBeReset() async throws {
        try await withSimulator(testOptions()) { sim in
            _ = try await sim.post("/v1/chat/completions", #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#)
            let before = try await sim.stats()
            #expect(before.requests == 1)
            let reset = try await sim.send(.DELETE, "/_sim/stats")
            #expect(reset.status == 200)
            let after = try await sim.stats()
            #expect(after.requests == 0)
            #expect(after.byStatus.isEmpty)
        }
    }
}

@Suite struct SimulatorAccessTests {
    @Test func requiredKeyGives401InEachProvidersShape() async throws {
        let options = SimulatorOptions(seed: 2, apiKey: "sk-upstream")
        try await withSimulator(options) { sim in
            let chat = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#
            let denied = try await sim.post("/v1/chat/completions", chat)
            #expect(denied.status == 401)
            #expect(try denied.decode(OpenAIErrorBody.self).error.type == "authentication_error")

            var allowed = sim.request(.POST, "/v1/chat/completions", body: chat)
            allowed.headers.add(name: "authorization", value: "Bearer sk-upstream")
            let response = try await HTTPClient.shared.execute(allowed, timeout: .seconds(10))
            #expect(response.status.code == 200)

            let message = #"{"model":"c","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#
            let anthropicDenied = try await sim.post("/v1/messages", message)
            #expect(anthropicDenied.status == 401)
            #expect(try anthropicDenied.decode(AnthropicErrorBody.self).error.type == "authentication_error")
            var withKey = sim.request(.POST, "/v1/messages", body: message)
            withKey.headers.add(name: "x-api-key", value: "sk-upstream")
            #expect(try await HTTPClient.shared.execute(withKey, timeout: .seconds(10)).status.code == 200)

            #expect(try await sim.send(.GET, "/v1/models").status == 401)
        }
    }

    @Test func unknownPathsAre404WithAnErrorBody() async throws {
        try await withSimulator(testOptions()) { sim in
            let openAI = try await sim.post("/v1/assistants", "{}")
            #expect(openAI.status == 404)
            #expect(try openAI.decode(OpenAIErrorBody.self).error.message.contains("/v1/assistants"))
            let anthropic = try await sim.post("/v1/messages/batches", "{}")
            #expect(anthropic.status == 404)
            #expect(try anthropic.decode(AnthropicErrorBody.self).type == "error")
        }
    }
}

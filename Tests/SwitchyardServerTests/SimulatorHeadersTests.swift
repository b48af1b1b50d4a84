import AsyncHTTPClient
import Foundation
import Testing
@testable import SwitchyardServer

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
            let echoed = try await HTTPClientHelpers.send(request)
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

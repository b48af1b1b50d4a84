import AsyncHTTPClient
import Foundation
import NIOCore
import SwitchyardJSON
import SwitchyardSim
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

@Suite struct SimulatorFaultTests {
    let chat = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#
    let chatStream = #"{"model":"m","stream":true,"max_tokens":200,"messages":[{"role":"user","content":"Tell me a long story"}]}"#
    let message = #"{"model":"c","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}"#
    let messageStream = #"{"model":"c","max_tokens":200,"stream":true,"messages":[{"role":"user","content":"Long story"}]}"#

    @Test func rateLimitWithRetryAfterInEachProvidersShape() async throws {
        try await withSimulator(testOptions(faults: .rateLimited(1, retryAfter: 2))) { sim in
            let openAI = try await sim.post("/v1/chat/completions", chat)
            #expect(openAI.status == 429)
            #expect(openAI.headers.first(name: "retry-after") == "2")
            let openAIError = try openAI.decode(OpenAIErrorBody.self)
            #expect(openAIError.error.type == "rate_limit_error")
            #expect(openAIError.error.code == "rate_limit_exceeded")
            #expect(!openAIError.error.message.isEmpty)
            // OpenAI error objects always carry param and code, null or not.
            let raw = try #require(JSONValue(parsing: openAI.text)?["error"]?.objectValue)
            #expect(Set(raw.keys) == ["message", "type", "param", "code"])

            let anthropic = try await sim.post("/v1/messages", message)
            #expect(anthropic.status == 429)
            #expect(anthropic.headers.first(name: "retry-after") == "2")
            let anthropicError = try anthropic.decode(AnthropicErrorBody.self)
            #expect(anthropicError.type == "error")
            #expect(anthropicError.error.type == "rate_limit_error")
        }
    }

    @Test func serverErrors() async throws {
        try await withSimulator(testOptions(faults: .serverErrors(1, status: 503))) { sim in
            let openAI = try await sim.post("/v1/chat/completions", chat)
            #expect(openAI.status == 503)
            #expect(openAI.headers.first(name: "retry-after") == nil)
            #expect(try openAI.decode(OpenAIErrorBody.self).error.code == "service_unavailable")

            let anthropic = try await sim.post("/v1/messages", message)
            #expect(anthropic.status == 503)
            #expect(try anthropic.decode(AnthropicErrorBody.self).error.type == "overloaded_error")
        }
    }

    @Test func refusedConnectionGetsNoHTTPResponse() async throws {
        try await withSimulator(testOptions(faults: .outage)) { sim in
            await #expect(throws: (any Error).self) {
                _ = try await sim.post("/v1/chat/completions", chat)
            }
            await #expect(throws: (any Error).self) {
                _ = try await sim.post("/v1/messages", message)
            }
            let stats = try await sim.stats()
            #expect(stats.refused == 2)
            #expect(stats.byStatus.isEmpty)
        }
    }

    @Test func hangHoldsTheRequestThenDropsIt() async throws {
        let faults = FaultProfile(hangProbability: 1, hangSeconds: 0.2)
        try await withSimulator(testOptions(faults: faults)) { sim in
            await #expect(throws: (any Error).self) {
                _ = try await sim.post("/v1/chat/completions", chat)
            }
            let stats = try await sim.stats()
            #expect(stats.hung == 1)
        }
    }

    @Test func cutStreamEndsWithoutTheTerminator() async throws {
        try await withSimulator(testOptions(median: 100, faults: FaultProfile(streamCutProbability: 1))) { sim in
            let openAI = try await sim.stream("/v1/chat/completions", chatStream)
            #expect(openAI.status == 200)
            #expect(openAI.failure != nil)
            #expect(!openAI.events.isEmpty)
            #expect(!openAI.events.contains { $0.isDone })
            // At least one chunk of content made it out before the cut.
            let chunks = openAI.events.compactMap { try? WireCoding.decode(ChatCompletionChunk.self, from: $0.data) }
            #expect(chunks.contains { $0.choices.first?.delta.content?.isEmpty == false })
            #expect(!chunks.contains { $0.choices.first?.finishReason != nil })

            let anthropic = try await sim.stream("/v1/messages", messageStream)
            #expect(anthropic.failure != nil)
            #expect(anthropic.events.contains { $0.event == "content_block_delta" })
            #expect(!anthropic.events.contains { $0.event == "message_stop" })
            let stats = try await sim.stats()
            #expect(stats.cut == 2)
        }
    }

    @Test func cutJSONBodyIsIncomplete() async throws {
        try await withSimulator(testOptions(faults: FaultProfile(streamCutProbability: 1))) { sim in
            do {
                let response = try await sim.post("/v1/chat/completions", chat)
                #expect(throws: (any Error).self) { try response.decode(ChatCompletionResponse.self) }
            } catch {
                // The client noticed the body is shorter than its content-length: the expected outcome.
            }
        }
    }

    @Test func malformedBodyDoesNotDecode() async throws {
        try await withSimulator(testOptions(faults: FaultProfile(malformedProbability: 1))) { sim in
            let openAI = try await sim.post("/v1/chat/completions", chat)
            #expect(openAI.status == 200)
            #expect(!openAI.text.isEmpty)
            #expect(throws: (any Error).self) { try openAI.decode(ChatCompletionResponse.self) }

            let anthropic = try await sim.post("/v1/messages", message)
            #expect(anthropic.status == 200)
            #expect(throws: (any Error).self) { try anthropic.decode(MessagesResponse.self) }

            let stream = try await sim.stream("/v1/chat/completions", chatStream)
            let undecodable = stream.events.filter { !$0.isDone && (try? WireCoding.decode(ChatCompletionChunk.self, from: $0.data)) == nil }
            #expect(undecodable.count == 1)
        }
    }

    @Test func faultsRoundTripAndEmptyClears() async throws {
        try await withSimulator(testOptions()) { sim in
            let put = try await sim.send(.PUT, "/_sim/faults", body: #"{"error_rates":{"429":1.0},"retry_after":3,"added_latency_ms":0}"#)
            #expect(put.status == 200)
            let got = try await sim.send(.GET, "/_sim/faults").decode(SimulatorFaultSettings.self)
            #expect(got.errorRates == ["429": 1.0])
            #expect(got.retryAfter == 3)
            #expect(sim.server.faults == .rateLimited(1, retryAfter: 3))

            let limited = try await sim.post("/v1/chat/completions", chat)
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "retry-after") == "3")

            try await sim.setFaults("{}")
            let cleared = try await sim.send(.GET, "/_sim/faults").decode(SimulatorFaultSettings.self)
            #expect(cleared.errorRates?.isEmpty ?? true)
            #expect(cleared.retryAfter == nil)
            #expect(sim.server.faults == .none)
            let after = try await sim.post("/v1/chat/completions", chat)
            #expect(after.status == 200)
        }
    }

    @Test(arguments: [
        "{not json",
        "[1, 2]",
        #"{"cut": 1}"#,
        #"{"cut_rate": 2}"#,
        #"{"error_rates": {"429": 0.7}, "cut_rate": 0.7}"#,
        #"{"error_rates": {"ok": 0.1}}"#,
        #"{"hang_rate": "often"}"#,
    ])
    func badFaultSettingsAre400WithAMessage(_ body: String) async throws {
        try await withSimulator(testOptions(faults: .rateLimited(0.5))) { sim in
            let response = try await sim.send(.PUT, "/_sim/faults", body: body)
            #expect(response.status == 400)
            let message = JSONValue(parsing: response.text)?["error"]?["message"]?.stringValue
            #expect(message?.isEmpty == false)
            // A rejected update leaves the faults as they were.
            #expect(sim.server.faults == .rateLimited(0.5))
        }
    }

    @Test func statsCountRequestsStatusesAndStreams() async throws {
        try await withSimulator(testOptions()) { sim in
            for _ in 0..<3 { _ = try await sim.post("/v1/chat/completions", chat) }
            _ = try await sim.stream("/v1/messages", messageStream)
            _ = try await sim.post("/v1/messages", #"{"model":"c"}"#)
            try await sim.setFaults(#"{"error_rates":{"503":1}}"#)
            _ = try await sim.post("/v1/chat/completions", chat)
            let stats = try await sim.stats()
            #expect(stats.requests == 6)
            #expect(stats.byStatus == ["200": 4, "400": 1, "503": 1])
            #expect(stats.streams == 1)
            #expect(stats.inFlight == 0)
            #expect(stats.cancelled == 0)
        }
    }

    @Test func clientLeavingMidStreamIsCountedAsCancelled() async throws {
        // 20 tokens/s over a long answer: the stream lasts many seconds unless the client leaves.
        let latency = LatencyProfile(ttftMedian: 0.01, ttftSigma: 0, tokensPerSecondMedian: 20, tokensPerSecondSigma: 0)
        let options = SimulatorOptions(latency: latency, output: OutputLengthModel(median: 400, sigma: 0.01), seed: 3)
        try await withSimulator(options) { sim in
            let request = sim.request(.POST, "/v1/chat/completions", body: chatStream.replacingOccurrences(of: "200", with: "1000"))
            // Read one chunk, then drop the body: the client abandons the request and closes the connection.
            let first = try await Self.firstChunk(of: request)
            #expect(first != nil)
            var stats = sim.server.statistics
            for _ in 0..<100 where stats.cancelled == 0 || stats.inFlight > 0 {
                try await Task.sleep(nanoseconds: 50_000_000)
                stats = sim.server.statistics
            }
            #expect(stats.cancelled == 1)
            #expect(stats.inFlight == 0)
        }
    }

    private static func firstChunk(of request: HTTPClientRequest) async throws -> ByteBuffer? {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        var iterator = response.body.makeAsyncIterator()
        return try await iterator.next()
    }
}

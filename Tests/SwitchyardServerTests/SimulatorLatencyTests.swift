import SwitchyardJSON
import SwitchyardSim
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

@Suite struct SimulatorLatencyTests {
    static let paced = SimulatorOptions(
        latency: LatencyProfile(ttftMedian: 0.02, ttftSigma: 0, tokensPerSecondMedian: 400, tokensPerSecondSigma: 0),
        output: OutputLengthModel(median: 30, sigma: 0.01), seed: 11
    )

    @Test func pacedStreamArrivesInPiecesAndComplete() async throws {
        try await withSimulator(Self.paced) { sim in
            let stream = try await sim.stream(
                "/v1/chat/completions",
                #"{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}"#
            )
            #expect(stream.failure == nil)
            #expect(stream.reads > 1)
            #expect(stream.events.last?.isDone == true)
            let chunks = try stream.events.dropLast().map { try WireCoding.decode(ChatCompletionChunk.self, from: $0.data) }
            let text = chunks.compactMap { $0.choices.first?.delta.content }.joined()
            #expect(chunks.last?.usage?.completionTokens == text.split(whereSeparator: \.isWhitespace).count)
        }
    }

    @Test func pacedAnthropicStreamAndSlowedJSON() async throws {
        try await withSimulator(Self.paced) { sim in
            try await sim.setFaults(#"{"added_latency_ms": 20, "latency_multiplier": 2}"#)
            let stream = try await sim.stream(
                "/v1/messages", #"{"model":"c","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}"#
            )
            #expect(stream.failure == nil)
            #expect(stream.events.last?.event == "message_stop")
            let json = try await sim.post("/v1/messages", #"{"model":"c","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(json.status == 200)
            #expect(try json.decode(MessagesResponse.self).usage.outputTokens > 0)
        }
    }
}

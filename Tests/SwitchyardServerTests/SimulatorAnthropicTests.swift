import Foundation
import SwitchyardJSON
import SwitchyardSim
import SwitchyardWire
import Testing

@Suite struct SimulatorAnthropicTests {
    @Test func jsonMessage() async throws {
        try await withSimulator(testOptions()) { sim in
            let response = try await sim.post(
                "/v1/messages",
                #"{"model":"claude-test","max_tokens":100,"system":"Be brief.","messages":[{"role":"user","content":"Say hello"}]}"#
            )
            #expect(response.status == 200)
            let message = try response.decode(MessagesResponse.self)
            #expect(message.id.hasPrefix("msg_"))
            #expect(message.type == "message" && message.role == "assistant")
            #expect(message.model == "claude-test")
            let text = try #require(message.content.first?.text)
            #expect(!text.isEmpty)
            #expect(message.stopReason == .endTurn || message.stopReason == .maxTokens)
            #expect(message.usage.inputTokens > 0)
            #expect(message.usage.outputTokens == text.split(whereSeparator: \.isWhitespace).count)
        }
    }

    @Test func maxTokensIsRequired() async throws {
        try await withSimulator(testOptions()) { sim in
            let response = try await sim.post("/v1/messages", #"{"model":"c","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(response.status == 400)
            let error = try response.decode(AnthropicErrorBody.self)
            #expect(error.type == "error")
            #expect(error.error.type == "invalid_request_error")
            #expect(error.error.message.contains("max_tokens"))
        }
    }

    @Test func maxTokensAndStopSequences() async throws {
        try await withSimulator(testOptions(median: 300)) { sim in
            let capped = try await sim.post(
                "/v1/messages", #"{"model":"c","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#
            ).decode(MessagesResponse.self)
            #expect(capped.stopReason == .maxTokens)
            #expect(capped.usage.outputTokens == 5)

            let stopped = try await sim.post(
                "/v1/messages",
                #"{"model":"c","max_tokens":1000,"stop_sequences":["\n\n"],"messages":[{"role":"user","content":"hi"}]}"#
            ).decode(MessagesResponse.self)
            #expect(stopped.stopReason == .stopSequence)
            #expect(stopped.stopSequence == "\n\n")
            #expect(stopped.content.first?.text?.contains("\n\n") == false)
        }
    }

    @Test func streamHasTheExactEventOrder() async throws {
        try await withSimulator(testOptions()) { sim in
            let stream = try await sim.stream(
                "/v1/messages",
                #"{"model":"c","max_tokens":200,"stream":true,"messages":[{"role":"user","content":"Tell me a story"}]}"#
            )
            #expect(stream.status == 200)
            #expect(stream.failure == nil)
            let events = try stream.events.map { try WireCoding.decode(AnthropicStreamEvent.self, from: $0.data) }
            // Every SSE event name matches the type inside its data.
            #expect(zip(stream.events, events).allSatisfy { $0.event == $1.type })
            let types = events.map(\.type)
            #expect(Array(types.prefix(3)) == ["message_start", "content_block_start", "ping"])
            #expect(Array(types.suffix(3)) == ["content_block_stop", "message_delta", "message_stop"])
            let middle = types.dropFirst(3).dropLast(3)
            #expect(!middle.isEmpty && middle.allSatisfy { $0 == "content_block_delta" })

            guard case .messageStart(let shell) = events[0] else { Issue.record("no message_start"); return }
            #expect(shell.id.hasPrefix("msg_") && shell.content.isEmpty && shell.stopReason == nil)
            #expect(shell.usage.inputTokens > 0)
            var text = ""
            for case .contentBlockDelta(0, .text(let piece)) in events { text += piece }
            guard case .messageDelta(let delta) = events[events.count - 2] else { Issue.record("no message_delta"); return }
            #expect(delta.stopReason == .endTurn)
            #expect(delta.usage.outputTokens == text.split(whereSeparator: \.isWhitespace).count)
        }
    }

    @Test func toolUseAsJSONAndStreamed() async throws {
        try await withSimulator(testOptions()) { sim in
            let body = #"{"model":"c","max_tokens":200,"tools":[\#(weatherToolAnthropic)],"messages":[{"role":"user","content":"Weather in Paris?"}]"#
            let message = try await sim.post("/v1/messages", body + "}").decode(MessagesResponse.self)
            #expect(message.stopReason == .toolUse)
            guard case .toolUse(let use)? = message.content.first else { Issue.record("no tool_use block"); return }
            #expect(use.id.hasPrefix("toolu_"))
            #expect(use.name == "get_weather")
            #expect(use.input["city"]?.stringValue?.isEmpty == false)

            let stream = try await sim.stream("/v1/messages", body + #","stream":true}"#)
            let events = try stream.events.map { try WireCoding.decode(AnthropicStreamEvent.self, from: $0.data) }
            guard case .contentBlockStart(0, .toolUse(let start))? = events.dropFirst().first else {
                Issue.record("stream does not open a tool_use block")
                return
            }
            #expect(start.name == "get_weather")
            var json = ""
            for case .contentBlockDelta(0, .inputJSON(let piece)) in events { json += piece }
            #expect(JSONValue(parsing: json)?["city"]?.stringValue != nil)
            guard case .messageDelta(let delta)? = events.dropLast().last else { Issue.record("no message_delta"); return }
            #expect(delta.stopReason == .toolUse)
            #expect(events.last?.type == "message_stop")
        }
    }

    @Test func toolResultGetsAText() async throws {
        try await withSimulator(testOptions()) { sim in
            let body = """
            {"model":"c","max_tokens":100,"tools":[\(weatherToolAnthropic)],"messages":[\
            {"role":"user","content":"Weather?"},\
            {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},\
            {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"{\\"temp_c\\": 21}"}]}]}
            """
            let message = try await sim.post("/v1/messages", body).decode(MessagesResponse.self)
            #expect(message.content.first?.type == "text")
            #expect(message.stopReason != .toolUse)
        }
    }
}

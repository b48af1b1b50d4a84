import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct AnthropicRoundTripTests {
    static let request = #"""
        {
          "model": "claude-sonnet-4-20250514",
          "max_tokens": 1024,
          "system": [{"type": "text", "text": "You are a weather bot.", "cache_control": {"type": "ephemeral"}}],
          "messages": [
            {"role": "user", "content": [
              {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQSkZJRg=="}},
              {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.png"}},
              {"type": "text", "text": "What's the weather like in San Francisco?"}
            ]},
            {"role": "assistant", "content": [
              {"type": "thinking", "thinking": "Let me check.", "signature": "EqQB"},
              {"type": "text", "text": "I'll check the weather."},
              {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
               "input": {"location": "San Francisco, CA", "unit": "celsius"}}
            ]},
            {"role": "user", "content": [
              {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9",
               "content": [{"type": "text", "text": "15 degrees"}], "is_error": false},
              {"type": "tool_result", "tool_use_id": "toolu_02", "content": "timeout", "is_error": true,
               "cache_control": {"type": "ephemeral"}}
            ]},
            {"role": "assistant", "content": "It is 15 degrees."}
          ],
          "stop_sequences": ["\n\nHuman:"],
          "stream": false,
          "temperature": 0.5,
          "top_p": 0.9,
          "top_k": 40,
          "tools": [
            {"name": "get_weather", "description": "Get the current weather in a given location",
             "input_schema": {"type": "object", "properties": {"location": {"type": "string"},
               "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["location"]},
             "cache_control": {"type": "ephemeral"}},
            {"type": "web_search_20250305", "name": "web_search", "max_uses": 5}
          ],
          "tool_choice": {"type": "auto", "disable_parallel_tool_use": true},
          "metadata": {"user_id": "13803d75-b4b5-4c3e-b2a2-6f21399b021b"},
          "thinking": {"type": "enabled", "budget_tokens": 512},
          "service_tier": "auto"
        }
        """#

    @Test func requestKeepsEveryField() throws {
        let request = try expectRoundTrip(Self.request, as: MessagesRequest.self)
        #expect(request.maxTokens == 1024)
        #expect(request.system?.text == "You are a weather bot.")
        #expect(request.messages.count == 4)
        let first = request.messages[0].content.blocks
        #expect(first[0] == .image(.base64(mediaType: "image/jpeg", data: "/9j/4AAQSkZJRg=="), extra: [:]))
        #expect(first[1] == .image(.url("https://example.com/cat.png"), extra: [:]))
        let assistant = request.messages[1].content.blocks
        #expect(assistant[0].type == "thinking")
        guard case .toolUse(let use) = assistant[2] else {
            Issue.record("expected tool_use")
            return
        }
        #expect(use.input["location"] == "San Francisco, CA")
        guard case .toolResult(let result) = request.messages[2].content.blocks[1] else {
            Issue.record("expected tool_result")
            return
        }
        #expect(result.isError == true)
        #expect(result.content == .text("timeout"))
        #expect(result.extra["cache_control"] == ["type": "ephemeral"])
        #expect(request.messages[3].content == .text("It is 15 degrees."))
        #expect(request.topK == 40)
        #expect(request.tools?[1].inputSchema == nil)
        #expect(request.tools?[1].extra["max_uses"] == 5)
        #expect(request.toolChoice?.disableParallelToolUse == true)
        #expect(request.extra.keys.sorted() == ["service_tier", "thinking"])
    }

    @Test func missingMaxTokensIsRejected() {
        #expect(throws: (any Error).self) {
            try WireCoding.decode(MessagesRequest.self, from: #"{"model":"m","messages":[]}"#)
        }
    }

    static let response = #"""
        {"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
         "content":[{"type":"text","text":"Hi! My name is Claude."},
                    {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"location":"Paris"}}],
         "stop_reason":"tool_use","stop_sequence":null,
         "usage":{"input_tokens":2095,"output_tokens":503,"cache_creation_input_tokens":10,
                  "cache_read_input_tokens":20,"service_tier":"standard"}}
        """#

    @Test func responseKeepsEveryField() throws {
        let response = try expectRoundTrip(Self.response, as: MessagesResponse.self)
        #expect(response.stopReason == .toolUse)
        #expect(response.stopSequence == nil)
        #expect(response.usage.totalInputTokens == 2125)
        #expect(response.usage.extra["service_tier"] == "standard")
    }

    @Test func builtResponseAlwaysCarriesStopFields() throws {
        let response = MessagesResponse(
            id: "msg_1", content: [.text("Hello")], model: "claude-3-5-haiku", stopReason: .endTurn,
            usage: AnthropicUsage(inputTokens: 12, outputTokens: 3))
        #expect(try encodedTree(response) == tree(#"""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-3-5-haiku",
             "content":[{"type":"text","text":"Hello"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"output_tokens":3}}
            """#))
    }

    /// The documented streaming example (text, then a tool call), exactly as the API sends it.
    static let stream = #"""
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-opus-4-1-20250805","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2},"content":[],"stop_reason":null}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Okay"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", let's check the weather."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\":"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \"San Francisco, CA\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

        event: message_stop
        data: {"type":"message_stop"}


        """#

    /// Parses the documented stream into typed events.
    static func streamEvents() throws -> [AnthropicStreamEvent] {
        var parser = SSEParser()
        return try parser.feed(stream).map { try WireCoding.decode(AnthropicStreamEvent.self, from: $0.data) }
    }

    @Test func streamEventsKeepEveryFieldAndReencodeWithTheirNames() throws {
        var parser = SSEParser()
        let sse = parser.feed(Self.stream)
        #expect(sse.count == 13)
        for event in sse {
            let typed = try expectRoundTrip(event.data, as: AnthropicStreamEvent.self)
            #expect(typed.type == event.event)
            var again = SSEParser()
            let reparsed = again.feed(try SSEEncoder.anthropic(typed))
            #expect(reparsed.count == 1)
            #expect(reparsed.first?.event == event.event)
        }
        let events = try Self.streamEvents()
        #expect(events[7] == .contentBlockDelta(index: 1, delta: .inputJSON("")))
        #expect(events[11] == .messageDelta(AnthropicMessageDelta(stopReason: .toolUse, usage: .init(outputTokens: 89))))
    }

    @Test func unknownEventsAndDeltasPassThrough() throws {
        try expectRoundTrip(
            #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm"}}"#,
            as: AnthropicStreamEvent.self)
        let other = try expectRoundTrip(#"{"type":"future_event","x":[1,2.5]}"#, as: AnthropicStreamEvent.self)
        #expect(other.type == "future_event")
    }

    @Test func errorEventShape() throws {
        let json = #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
        let event = try expectRoundTrip(json, as: AnthropicStreamEvent.self)
        #expect(event == .error(.init(type: "overloaded_error", message: "Overloaded")))
        let text = String(decoding: try SSEEncoder.anthropic(event), as: UTF8.self)
        #expect(text.hasPrefix("event: error\ndata: {"))
    }
}

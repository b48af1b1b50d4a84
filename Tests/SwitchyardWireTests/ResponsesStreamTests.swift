import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct ResponsesStreamTests {
    static let request = ResponsesRequest(model: "gpt-sim", input: .text("Weather?"), stream: true)

    static func chunks(_ lines: [String]) throws -> [ChatCompletionChunk] {
        let head = #""id":"chatcmpl-abc","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o""#
        return try lines.map { try WireCoding.decode(ChatCompletionChunk.self, from: "{\(head),\($0)}") }
    }

    static func run(_ lines: [String], fail: String? = nil) throws -> [ResponsesStreamEvent] {
        var translator = ChatToResponsesStream(request: request, createdAt: 1_700_000_001)
        var events: [ResponsesStreamEvent] = []
        for chunk in try chunks(lines) { events += translator.feed(chunk) }
        events += fail.map { translator.fail(message: $0) } ?? translator.finish()
        return events
    }

    static let textThenTools = [
        #""choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"content":"Let me "},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"content":"check."},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]"#,
        #""choices":[],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}"#,
    ]

    @Test func textAndToolCallsBecomeTheExactEventSequence() throws {
        let events = try Self.run(Self.textThenTools)
        #expect(events.map(\.type) == [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.output_text.delta",
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.output_item.added",
            "response.function_call_arguments.delta", "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.output_item.done",
            "response.output_item.added", "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.output_item.done",
            "response.completed",
        ])
        #expect(events.map(\.sequenceNumber) == Array(0..<events.count))

        let json = try events.map(encodedTree)
        #expect(try json[0] == tree(#"""
            {"type":"response.created","sequence_number":0,"response":{"id":"resp_abc","object":"response",
             "created_at":1700000001,"status":"in_progress","background":false,"completed_at":null,"error":null,
             "incomplete_details":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,"model":"gpt-4o",
             "output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},
             "store":false,"temperature":null,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],
             "top_p":null,"truncation":"disabled","usage":null,"user":null,"safety_identifier":null,"metadata":{}}}
            """#))
        #expect(try json[2] == tree(#"""
            {"type":"response.output_item.added","sequence_number":2,"output_index":0,
             "item":{"id":"msg_abc","type":"message","status":"in_progress","content":[],"role":"assistant"}}
            """#))
        #expect(try json[3] == tree(#"""
            {"type":"response.content_part.added","sequence_number":3,"item_id":"msg_abc","output_index":0,"content_index":0,
             "part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}
            """#))
        #expect(try json[4] == tree(#"""
            {"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_abc","output_index":0,
             "content_index":0,"delta":"Let me ","logprobs":[]}
            """#))
        #expect(try json[6] == tree(#"""
            {"type":"response.output_text.done","sequence_number":6,"item_id":"msg_abc","output_index":0,
             "content_index":0,"text":"Let me check.","logprobs":[]}
            """#))
        #expect(try json[9] == tree(#"""
            {"type":"response.output_item.added","sequence_number":9,"output_index":1,
             "item":{"id":"fc_1","type":"function_call","status":"in_progress","arguments":"","call_id":"call_1","name":"get_weather"}}
            """#))
        #expect(try json[10] == tree(#"""
            {"type":"response.function_call_arguments.delta","sequence_number":10,"item_id":"fc_1","output_index":1,
             "delta":"{\"city\":"}
            """#))
        #expect(try json[12] == tree(#"""
            {"type":"response.function_call_arguments.done","sequence_number":12,"item_id":"fc_1","output_index":1,
             "name":"get_weather","arguments":"{\"city\":\"Paris\"}"}
            """#))
        #expect(try json[13]["item"] == tree(#"""
            {"id":"fc_1","type":"function_call","status":"completed","arguments":"{\"city\":\"Paris\"}",
             "call_id":"call_1","name":"get_weather"}
            """#))

        let completed = try #require(json.last?["response"])
        #expect(completed["status"] == "completed")
        #expect(try completed["usage"] == tree(#"""
            {"input_tokens":30,"input_tokens_details":{"cache_write_tokens":0,"cached_tokens":0},"output_tokens":12,
             "output_tokens_details":{"reasoning_tokens":0},"total_tokens":42}
            """#))
        #expect(completed["output"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["msg_abc", "fc_1", "fc_2"])
        #expect(try completed["output"]?.arrayValue?.first?["content"] == tree(
            #"[{"type":"output_text","annotations":[],"logprobs":[],"text":"Let me check."}]"#))
    }

    @Test func lengthEndsWithResponseIncomplete() throws {
        let events = try Self.run([
            #""choices":[{"index":0,"delta":{"role":"assistant","content":"Once"},"finish_reason":null}]"#,
            #""choices":[{"index":0,"delta":{},"finish_reason":"length"}]"#,
            #""choices":[],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}"#,
        ])
        #expect(events.map(\.type).suffix(4) == [
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.incomplete",
        ])
        let response = try #require(try encodedTree(events[events.count - 1])["response"])
        #expect(response["status"] == "incomplete")
        #expect(response["incomplete_details"] == ["reason": "max_output_tokens"])
        #expect(response["output"]?.arrayValue?.first?["status"] == "incomplete")
    }

    @Test func aBrokenStreamEndsWithResponseFailed() throws {
        let events = try Self.run(Array(Self.textThenTools.prefix(2)), fail: "upstream closed the connection")
        #expect(events.map(\.type) == [
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            "response.output_text.delta", "response.failed",
        ])
        let response = try #require(try encodedTree(events[5])["response"])
        #expect(response["status"] == "failed")
        #expect(response["error"] == ["code": "server_error", "message": "upstream closed the connection"])
        #expect(response["output"]?.arrayValue?.first?["status"] == "incomplete")
        #expect(events[5].sequenceNumber == 5)
    }

    @Test func aFailureBeforeAnyChunkStillOpensTheResponse() {
        var translator = ChatToResponsesStream(request: Self.request, createdAt: 1)
        let events = translator.fail(message: "boom")
        #expect(events.map(\.type) == ["response.created", "response.in_progress", "response.failed"])
        #expect(translator.finish().isEmpty)
    }

    @Test func eventsAreNamedSSEFrames() throws {
        var translator = ChatToResponsesStream(request: Self.request, createdAt: 1)
        let chunk = try #require(try Self.chunks(Self.textThenTools).first)
        let first = try #require(translator.feed(chunk).first)
        let frame = String(decoding: try SSEEncoder.responses(first), as: UTF8.self)
        #expect(frame.hasPrefix("event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,"))
        #expect(frame.hasSuffix("}\n\n"))
    }
}

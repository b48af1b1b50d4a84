import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct JSONWriterTests {
    @Test func escapesStrings() {
        let value: JSONValue = .string("q\"b\\s/n\nr\rt\tc\u{1}é😀")
        #expect(value.jsonString() == #""q\"b\\s/n\nr\rt\tc\u0001é😀""#)
        #expect(JSONValue(parsing: value.jsonString()) == value)
    }

    @Test func formatsNumbers() {
        var w = JSONWriter()
        w.beginArray()
        w.double(0.7)
        w.double(1)
        w.double(-2.5e-7)
        w.double(.nan)
        w.int(-42)
        w.int(7)
        w.float(0.1)
        w.bool(true)
        w.null()
        w.endArray()
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text == "[0.7,1,-2.5e-07,null,-42,7,0.1,true,null]")
        #expect(JSONValue(parsing: text) != nil)
    }

    @Test func nestedCommasAreRight() {
        var w = JSONWriter()
        w.beginObject()
        w.put([1, 2], "a")
        w.key("b")
        w.beginObject()
        w.endObject()
        w.putIfPresent(Optional<Int>.none, "skipped")
        w.putNullable(Optional<String>.none, "c")
        w.put([[String]](), "d")
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"a":[1,2],"b":{},"c":null,"d":[]}"#)
    }

    @Test func openAIChunkBytesAreExact() throws {
        let chunk = ChatCompletionChunk(
            id: "chatcmpl-1", created: 1_700_000_000, model: "gpt-4o",
            choices: [.init(delta: .init(content: "Hi"))])
        let text = String(decoding: try SSEEncoder.openAI(chunk), as: UTF8.self)
        #expect(text == """
            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o",\
            "choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]}


            """)
    }

    @Test func anthropicEventBytesAreExact() throws {
        let text = String(decoding: try SSEEncoder.anthropic(.contentBlockDelta(index: 0, delta: .text("Hi"))), as: UTF8.self)
        #expect(text == """
            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}


            """)
    }

    @Test func foundationEncoderWritesTheSameJSON() throws {
        let response = try WireCoding.decode(MessagesResponse.self, from: AnthropicRoundTripTests.response)
        let viaFoundation = try JSONEncoder().encode(response)
        #expect(try tree(viaFoundation) == tree(Data(response.wireBytes)))
    }
}

@Suite struct MemberOrderTests {
    @Test func passThroughJSONKeepsTheClientsOrder() throws {
        let schema = #"{"type":"object","required":["z","a"],"properties":{"z":{"type":"string"},"a":{"type":"integer","minimum":0}},"additionalProperties":false}"#
        let body = #"{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":\#(schema)}}]}"#
        let request = try WireCoding.decode(ChatCompletionRequest.self, from: body)
        let encoded = try WireCoding.encodeString(request)
        #expect(encoded == body)
        // Translation carries the schema over unchanged too.
        let anthropic = try WireCoding.encodeString(MessagesRequest(translating: request))
        #expect(anthropic.contains(#""input_schema":\#(schema)"#))
    }

    @Test func unknownTopLevelMembersAreWrittenInAStableOrder() throws {
        let request = try WireCoding.decode(ChatCompletionRequest.self, from:
            #"{"model":"m","messages":[],"zeta":1,"alpha":2,"mid":{"y":1,"x":2}}"#)
        #expect(try WireCoding.encodeString(request) == #"{"model":"m","messages":[],"alpha":2,"mid":{"y":1,"x":2},"zeta":1}"#)
    }

    @Test func objectEditingKeepsOrder() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 4
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(JSONValue.object(object).jsonString() == #"{"b":4,"c":3}"#)
        #expect(object == ["c": 3, "b": 4])
    }
}

import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct ResponsesResponseTranslationTests {
    static let request = ResponsesRequest(model: "gpt-sim", input: .text("Say hello"))

    /// The members every response repeats from a request that set nothing.
    static let defaults = #"""
        "background":false,"error":null,"instructions":null,"max_output_tokens":null,"max_tool_calls":null,
        "parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":null,"summary":null},"store":false,
        "temperature":null,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"top_p":null,
        "truncation":"disabled","user":null,"safety_identifier":null,"metadata":{}
        """#

    static func completion(_ message: String, finish: String, usage: String) throws -> ChatCompletionResponse {
        try WireCoding.decode(ChatCompletionResponse.self, from: #"""
            {"id":"chatcmpl-abc","object":"chat.completion","created":1700000000,"model":"gpt-4o",
             "choices":[{"index":0,"message":\#(message),"finish_reason":"\#(finish)","logprobs":null}],
             "usage":\#(usage)}
            """#)
    }

    @Test func textBecomesOneMessageItem() throws {
        let chat = try Self.completion(
            #"{"role":"assistant","content":"Hello there."}"#, finish: "stop",
            usage: #"{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":1}}"#)
        let response = ResponsesResponse(translating: chat, request: Self.request, createdAt: 1_700_000_001)
        #expect(try encodedTree(response) == tree(#"""
            {"id":"resp_abc","object":"response","created_at":1700000001,"status":"completed","completed_at":1700000001,
             "incomplete_details":null,"model":"gpt-4o",
             "output":[{"id":"msg_abc","type":"message","status":"completed","role":"assistant",
               "content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Hello there."}]}],
             "usage":{"input_tokens":12,"input_tokens_details":{"cache_write_tokens":0,"cached_tokens":4},"output_tokens":3,
               "output_tokens_details":{"reasoning_tokens":1},"total_tokens":15},
             \#(Self.defaults)}
            """#))
    }

    @Test func toolCallsBecomeFunctionCallItemsAfterTheText() throws {
        let chat = try Self.completion(#"""
            {"role":"assistant","content":"Checking.","tool_calls":[
              {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
              {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]}
            """#, finish: "tool_calls", usage: #"{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29}"#)
        let response = ResponsesResponse(translating: chat, request: Self.request, createdAt: 1)
        #expect(response.status == .completed)
        #expect(try encodedTree(response.output) == tree(#"""
            [{"id":"msg_abc","type":"message","status":"completed","role":"assistant",
              "content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Checking."}]},
             {"id":"fc_1","type":"function_call","status":"completed","arguments":"{\"city\":\"Paris\"}","call_id":"call_1","name":"get_weather"},
             {"id":"fc_2","type":"function_call","status":"completed","arguments":"{\"city\":\"Rome\"}","call_id":"call_2","name":"get_weather"}]
            """#))
    }

    @Test func onlyToolCallsHaveNoMessageItem() throws {
        let chat = try Self.completion(#"""
            {"role":"assistant","content":null,"tool_calls":[
              {"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}
            """#, finish: "tool_calls", usage: #"{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}"#)
        let response = ResponsesResponse(translating: chat, request: Self.request, createdAt: 1)
        #expect(response.output == [.functionCall(
            id: "fc_toolu_01", status: .completed, callID: "toolu_01", name: "get_weather", arguments: "{}")])
    }

    @Test func lengthIsIncompleteForMaxOutputTokens() throws {
        let chat = try Self.completion(#"{"role":"assistant","content":"Once upon"}"#, finish: "length",
                                       usage: #"{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}"#)
        var request = Self.request
        request.maxOutputTokens = 2
        let json = try encodedTree(ResponsesResponse(translating: chat, request: request, createdAt: 1))
        #expect(json["status"] == "incomplete")
        #expect(json["incomplete_details"] == ["reason": "max_output_tokens"])
        #expect(json["completed_at"] == .null)
        #expect(json["max_output_tokens"] == 2)
        #expect(json["output"]?.arrayValue?.first?["status"] == "incomplete")
    }

    @Test func theRequestsSettingsAreRepeated() throws {
        let request = try WireCoding.decode(ResponsesRequest.self, from: #"""
            {"model":"m","input":"x","instructions":"Be terse.","temperature":0.5,"top_p":0.9,"max_output_tokens":50,
             "tools":[{"type":"function","name":"f","parameters":{"type":"object"},"strict":true}],"tool_choice":"required",
             "text":{"format":{"type":"json_object"}},"metadata":{"run":"7"},"parallel_tool_calls":false,
             "reasoning":{"effort":"low"},"user":"u-1"}
            """#)
        let chat = try Self.completion(#"{"role":"assistant","content":"{}"}"#, finish: "stop",
                                       usage: #"{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}"#)
        let json = try encodedTree(ResponsesResponse(translating: chat, request: request, createdAt: 1))
        #expect(json["instructions"] == "Be terse.")
        #expect(json["tools"] == [["type": "function", "name": "f", "parameters": ["type": "object"], "strict": true]])
        #expect(json["tool_choice"] == "required")
        #expect(json["text"] == ["format": ["type": "json_object"]])
        #expect(json["metadata"] == ["run": "7"])
        #expect(json["parallel_tool_calls"] == false)
        #expect(json["reasoning"] == ["effort": "low"])
        #expect(json["user"] == "u-1")
        #expect(json["temperature"] == .double(0.5))
    }
}

import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct ResponsesRequestTranslationTests {
    /// A Responses request body and the chat completion request it becomes.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var responses: String
        var chat: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "string input",
             responses: #"{"model":"gpt-sim","input":"Say hello"}"#,
             chat: #"{"model":"gpt-sim","messages":[{"role":"user","content":"Say hello"}]}"#),
        Case(name: "instructions become a system message",
             responses: #"{"model":"m","instructions":"Be terse.","input":"Hi"}"#,
             chat: #"{"model":"m","messages":[{"role":"system","content":"Be terse."},{"role":"user","content":"Hi"}]}"#),
        Case(name: "messages in every role, content as string or parts",
             responses: #"""
                 {"model":"m","input":[
                   {"role":"developer","content":"Use metric."},
                   {"role":"system","content":[{"type":"input_text","text":"Be kind."}]},
                   {"type":"message","role":"user","content":[{"type":"input_text","text":"What is this?"},
                     {"type":"input_image","image_url":"data:image/png;base64,AAAA","detail":"low"}]},
                   {"type":"message","role":"assistant","content":[{"type":"output_text","text":"A cat.","annotations":[]}]},
                   {"role":"user","content":"Thanks"}]}
                 """#,
             chat: #"""
                 {"model":"m","messages":[
                   {"role":"developer","content":"Use metric."},
                   {"role":"system","content":"Be kind."},
                   {"role":"user","content":[{"type":"text","text":"What is this?"},
                     {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA","detail":"low"}}]},
                   {"role":"assistant","content":"A cat."},
                   {"role":"user","content":"Thanks"}]}
                 """#),
        Case(name: "function calls join the assistant turn before them; outputs become tool messages",
             responses: #"""
                 {"model":"m","input":[
                   {"role":"user","content":"Weather in Paris and Rome?"},
                   {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Checking."}]},
                   {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}","status":"completed"},
                   {"type":"function_call","call_id":"call_2","name":"get_weather","arguments":"{\"city\":\"Rome\"}"},
                   {"type":"function_call_output","call_id":"call_1","output":"18C"},
                   {"type":"function_call_output","call_id":"call_2","output":[{"type":"input_text","text":"24C"}]},
                   {"type":"reasoning","id":"rs_1","summary":[]},
                   {"type":"function_call","call_id":"call_3","name":"get_time","arguments":"{}"}]}
                 """#,
             chat: #"""
                 {"model":"m","messages":[
                   {"role":"user","content":"Weather in Paris and Rome?"},
                   {"role":"assistant","content":"Checking.","tool_calls":[
                     {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                     {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]},
                   {"role":"tool","content":"18C","tool_call_id":"call_1"},
                   {"role":"tool","content":"24C","tool_call_id":"call_2"},
                   {"role":"assistant","content":null,"tool_calls":[
                     {"id":"call_3","type":"function","function":{"name":"get_time","arguments":"{}"}}]}]}
                 """#),
        Case(name: "flat function tools, a named tool choice and parallel calls",
             responses: #"""
                 {"model":"m","input":"Weather?","parallel_tool_calls":false,
                  "tools":[{"type":"function","name":"get_weather","description":"Weather by city","strict":true,
                    "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                   {"type":"function","name":"ping"}],
                  "tool_choice":{"type":"function","name":"get_weather"}}
                 """#,
             chat: #"""
                 {"model":"m","messages":[{"role":"user","content":"Weather?"}],
                  "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by city",
                    "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}},
                   {"type":"function","function":{"name":"ping","parameters":{"type":"object","properties":{}}}}],
                  "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false}
                 """#),
        Case(name: "tool choice required",
             responses: #"{"model":"m","input":"x","tools":[{"type":"function","name":"f","parameters":{"type":"object"}}],"tool_choice":"required"}"#,
             chat: #"{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],"tool_choice":"required"}"#),
        Case(name: "json_schema text format",
             responses: #"""
                 {"model":"m","input":"x","text":{"format":{"type":"json_schema","name":"city","strict":true,
                   "schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}}
                 """#,
             chat: #"""
                 {"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema",
                   "json_schema":{"name":"city","schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]},"strict":true}}}
                 """#),
        Case(name: "json_object text format; text format adds nothing",
             responses: #"{"model":"m","input":"x","text":{"format":{"type":"json_object"}}}"#,
             chat: #"{"model":"m","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}"#),
        Case(name: "plain text format",
             responses: #"{"model":"m","input":"x","text":{"format":{"type":"text"},"verbosity":"low"}}"#,
             chat: #"{"model":"m","messages":[{"role":"user","content":"x"}]}"#),
        Case(name: "limits, sampling, reasoning effort, user; metadata and store stay behind",
             responses: #"""
                 {"model":"m","input":"x","max_output_tokens":300,"temperature":0.2,"top_p":0.9,
                  "reasoning":{"effort":"low","summary":"auto"},"metadata":{"run":"7"},"store":true,"user":"u-1",
                  "include":["reasoning.encrypted_content"],"truncation":"auto"}
                 """#,
             chat: #"""
                 {"model":"m","messages":[{"role":"user","content":"x"}],"max_completion_tokens":300,"temperature":0.2,
                  "top_p":0.9,"user":"u-1","reasoning_effort":"low"}
                 """#),
        Case(name: "safety_identifier stands in for user",
             responses: #"{"model":"m","input":"x","safety_identifier":"h-42"}"#,
             chat: #"{"model":"m","messages":[{"role":"user","content":"x"}],"user":"h-42"}"#),
        Case(name: "a stream asks for usage",
             responses: #"{"model":"m","input":"x","stream":true}"#,
             chat: #"{"model":"m","messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":true}}"#),
    ]

    @Test(arguments: cases) func translatesToChat(_ c: Case) throws {
        let request = try WireCoding.decode(ResponsesRequest.self, from: c.responses)
        #expect(request.unsupported == nil)
        #expect(try encodedTree(ChatCompletionRequest(translating: request)) == tree(c.chat))
    }

    @Test func requestBodiesRoundTrip() throws {
        // Cases whose bodies hold members the typed model leaves out (item ids, annotations, a tool's null `strict`).
        let lossy = ["messages in every role", "function calls join", "flat function tools", "tool choice required"]
        for c in Self.cases where !lossy.contains(where: c.name.hasPrefix) {
            try expectRoundTrip(c.responses, as: ResponsesRequest.self)
        }
    }

    /// A request the gateway refuses, the parameter it names and a phrase its message carries.
    struct Refusal: CustomTestStringConvertible, Sendable {
        var body: String
        var param: String
        var says: String
        var testDescription: String { param }
    }

    static let refusals: [Refusal] = [
        Refusal(body: #"{"model":"m","input":"x","conversation":"conv_1"}"#,
                param: "conversation", says: "send the whole conversation in 'input'"),
        Refusal(body: #"{"model":"m","input":"x","background":true}"#, param: "background", says: "background"),
        Refusal(body: #"{"model":"m","input":"x","tools":[{"type":"function","name":"f"},{"type":"web_search"}]}"#,
                param: "tools[1].type", says: "tool type 'web_search' is not supported"),
        Refusal(body: #"{"model":"m","input":"x","tools":[{"type":"file_search","vector_store_ids":["vs_1"]}]}"#,
                param: "tools[0].type", says: "'file_search'"),
        Refusal(body: #"{"model":"m","input":"x","tool_choice":{"type":"web_search_preview"}}"#,
                param: "tool_choice", says: "'web_search_preview'"),
        Refusal(body: #"{"model":"m","input":"x","text":{"format":{"type":"grammar"}}}"#,
                param: "text.format.type", says: "'grammar'"),
        Refusal(body: #"{"model":"m","input":[{"type":"item_reference","id":"msg_1"}]}"#,
                param: "input[0]", says: "not looked up by reference"),
        Refusal(body: #"{"model":"m","input":[{"type":"web_search_call","id":"ws_1"}]}"#,
                param: "input[0]", says: "'web_search_call'"),
        Refusal(body: #"{"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"file_1"}]}]}"#,
                param: "input[0].content[0]", says: "'input_file'"),
        Refusal(body: #"{"model":"m","input":[{"role":"user","content":[{"type":"input_image","file_id":"file_1"}]}]}"#,
                param: "input[0].content[0]", says: "file_id"),
        Refusal(body: #"{"model":"m","input":"x","prompt":{"id":"pmpt_1"}}"#, param: "prompt", says: "prompt"),
    ]

    @Test(arguments: refusals) func refusesWhatNeedsOpenAIsServers(_ r: Refusal) throws {
        let request = try WireCoding.decode(ResponsesRequest.self, from: r.body)
        let refusal = try #require(request.unsupported)
        #expect(refusal.param == r.param)
        #expect(refusal.message.contains(r.says), "\(refusal.message)")
    }

    @Test func storeAndPreviousResponseAreTheIngresssToSettle() throws {
        for body in [#"{"model":"m","input":"x","store":true}"#, #"{"model":"m","input":"x","previous_response_id":"r"}"#] {
            #expect(try WireCoding.decode(ResponsesRequest.self, from: body).unsupported == nil)
        }
    }

    @Test func aContinuationIsTheHistoryThenTheInputAndTheHistoryRoundTrips() throws {
        let request = try WireCoding.decode(ResponsesRequest.self, from: #"{"model":"m","instructions":"Be brief.","input":"Next?"}"#)
        let response = ResponsesResponse(
            id: "resp_1", createdAt: 0, status: .completed, model: "m",
            output: [.message(id: "msg_1", status: .completed, text: "Calling."),
                     .functionCall(id: "fc_1", status: .completed, callID: "call_1", name: "f", arguments: #"{"a":1}"#)],
            echo: ResponsesEcho(request))
        let conversation = request.conversation(after: response)
        #expect(conversation == [
            .message(role: .user, content: .text("Next?")), .message(role: .assistant, content: .text("Calling.")),
            .functionCall(callID: "call_1", name: "f", arguments: #"{"a":1}"#),
        ])
        #expect(try ResponsesHistory.decode(ResponsesHistory.encode(conversation)) == conversation)
        #expect(throws: ResponsesHistoryError.notAnArray) { try ResponsesHistory.decode("{}") }

        let next = try WireCoding.decode(ResponsesRequest.self, from: #"{"model":"m","input":[{"type":"function_call_output","call_id":"call_1","output":"2"}]}"#)
        let continued = next.continuing(conversation)
        #expect(continued.inputItems == conversation + [.functionCallOutput(callID: "call_1", output: "2")])
        // Chat carries it as the whole conversation: user, one assistant turn with its text and tool call, the answer.
        let chat = ChatCompletionRequest(translating: continued)
        #expect(chat.messages.map(\.role) == [.user, .assistant, .tool], "\(chat.messages)")
    }

    @Test func malformedItemsNameTheirPlace() throws {
        #expect {
            _ = try WireCoding.decode(ResponsesRequest.self, from: #"{"model":"m","input":[{"type":"function_call","name":"f"}]}"#)
        } throws: { error in
            (error as? DecodingError)?.wireDescription == #"input[0]: missing member "call_id""#
        }
    }
}

import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

/// A JSON response format through an Anthropic-shaped upstream: a forced tool out, the tool's input back as text.
@Suite struct AnthropicJSONAnswerTests {
    static let schemaRequest = #"""
        {"model":"m","messages":[{"role":"user","content":"A city"}],
         "response_format":{"type":"json_schema","json_schema":{"name":"city","schema":{"type":"object",
         "properties":{"name":{"type":"string"}},"required":["name"]}}}}
        """#

    @Test func aJSONSchemaBecomesAForcedToolAndToolsOfTheClientsWin() throws {
        let chat = try WireCoding.decode(ChatCompletionRequest.self, from: Self.schemaRequest)
        let messages = MessagesRequest(translating: chat)
        #expect(messages.tools?.map(\.name) == ["json_answer"])
        #expect(messages.tools?.first?.inputSchema?["required"] == ["name"])
        #expect(messages.toolChoice == AnthropicToolChoice(type: "tool", name: "json_answer"))

        var object = chat
        object.responseFormat = ["type": "json_object"]
        #expect(MessagesRequest(translating: object).tools?.first?.inputSchema == ["type": "object"])
        var text = chat
        text.responseFormat = ["type": "text"]
        #expect(MessagesRequest(translating: text).tools == nil)
        // A schema that is not an object cannot be a tool's input: left to the model's instructions.
        var scalar = chat
        scalar.responseFormat = ["type": "json_schema", "json_schema": ["name": "n", "schema": ["type": "integer"]]]
        #expect(MessagesRequest(translating: scalar).tools == nil)
        var withTools = try WireCoding.decode(ChatCompletionRequest.self, from: Self.schemaRequest)
        withTools.tools = [ChatTool(function: FunctionDefinition(name: "lookup", parameters: ["type": "object"]))]
        #expect(MessagesRequest(translating: withTools).tools?.map(\.name) == ["lookup"])
    }

    @Test func theToolsInputComesBackAsTheAnswersTextWithAStop() throws {
        let message = try WireCoding.decode(MessagesResponse.self, from: #"""
            {"id":"msg_1","type":"message","role":"assistant","model":"m","stop_reason":"tool_use",
             "content":[{"type":"text","text":"Here it is:"},
                        {"type":"tool_use","id":"toolu_1","name":"json_answer","input":{"name":"Paris"}}],
             "usage":{"input_tokens":5,"output_tokens":7}}
            """#)
        let chat = ChatCompletionResponse(translating: message, created: 0)
        #expect(chat.choices.first?.message.content == .text(#"{"name":"Paris"}"#))
        #expect(chat.choices.first?.message.toolCalls == nil)
        #expect(chat.choices.first?.finishReason == .stop)
    }

    @Test func aStreamedAnswerArrivesAsTextDeltas() throws {
        let events = try [
            #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"usage":{"input_tokens":5,"output_tokens":0}}}"#,
            #"{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"json_answer","input":{}}}"#,
            #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"name\":"}}"#,
            #"{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"Paris\"}"}}"#,
            #"{"type":"content_block_stop","index":0}"#,
            #"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":7}}"#,
        ].map { try WireCoding.decode(AnthropicStreamEvent.self, from: $0) }
        var translator = AnthropicToOpenAIStream(created: 0, includeUsage: false)
        var chunks: [ChatCompletionChunk] = []
        for event in events { chunks += try translator.feed(event) }
        let text = chunks.compactMap { $0.choices.first?.delta.content }.joined()
        #expect(text == #"{"name":"Paris"}"#)
        #expect(chunks.allSatisfy { $0.choices.first?.delta.toolCalls == nil })
        #expect(translator.finishReason == .stop)
    }
}

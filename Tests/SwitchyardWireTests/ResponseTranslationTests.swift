import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct ResponseTranslationTests {
    @Test func anthropicTextResponseToOpenAI() throws {
        let message = MessagesResponse(
            id: "msg_01XFDUDYJgAACzvnptvVoYEL", content: [.text("Hello"), .text(" there")],
            model: "claude-3-5-haiku-20241022", stopReason: .endTurn,
            usage: AnthropicUsage(inputTokens: 10, outputTokens: 4, cacheReadInputTokens: 6))
        let openAI = ChatCompletionResponse(translating: message, created: 1_700_000_000, model: "fast")
        #expect(try encodedTree(openAI) == tree(#"""
            {"id":"chatcmpl-01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion","created":1700000000,"model":"fast",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there","refusal":null},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":16,"completion_tokens":4,"total_tokens":20,
                      "prompt_tokens_details":{"cached_tokens":6}}}
            """#))
    }

    @Test func anthropicToolUseResponseToOpenAI() throws {
        let message = try WireCoding.decode(MessagesResponse.self, from: AnthropicRoundTripTests.response)
        let openAI = ChatCompletionResponse(translating: message, id: "chatcmpl-x", created: 5)
        let choice = try #require(openAI.choices.first)
        #expect(choice.finishReason == .toolCalls)
        #expect(choice.message.textContent == "Hi! My name is Claude.")
        #expect(choice.message.toolCalls == [
            ChatToolCall(id: "toolu_01", function: FunctionCall(name: "get_weather", arguments: #"{"location":"Paris"}"#)),
        ])
        #expect(openAI.usage?.promptTokens == 2125)
        #expect(openAI.usage?.completionTokens == 503)
        #expect(openAI.usage?.totalTokens == 2628)
        #expect(openAI.model == "claude-sonnet-4-20250514")
    }

    @Test func toolOnlyResponseHasNullContent() throws {
        let message = MessagesResponse(
            id: "msg_1", content: [.toolUse(AnthropicToolUse(id: "t", name: "f", input: [:]))], model: "m",
            stopReason: .toolUse, usage: AnthropicUsage(inputTokens: 1, outputTokens: 1))
        let openAI = ChatCompletionResponse(translating: message, created: 0)
        #expect(try encodedTree(openAI.choices[0].message) == tree(
            #"{"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"t","type":"function","function":{"name":"f","arguments":"{}"}}]}"#))
    }

    @Test func openAIResponseToAnthropic() throws {
        let openAI = try WireCoding.decode(ChatCompletionResponse.self, from: #"""
            {"id":"chatcmpl-abc","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Let me look.","tool_calls":[
               {"id":"call_9","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"swift\"}"}}]},
               "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42,
                      "prompt_tokens_details":{"cached_tokens":10}}}
            """#)
        let anthropic = MessagesResponse(translating: openAI)
        #expect(try encodedTree(anthropic) == tree(#"""
            {"id":"msg_abc","type":"message","role":"assistant","model":"gpt-4o-mini",
             "content":[{"type":"text","text":"Let me look."},
                        {"type":"tool_use","id":"call_9","name":"lookup","input":{"q":"swift"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":20,"cache_read_input_tokens":10,"output_tokens":12}}
            """#))
    }

    @Test(arguments: [
        ("stop", "end_turn"), ("length", "max_tokens"), ("tool_calls", "tool_use"),
        ("content_filter", "refusal"), ("function_call", "tool_use"),
    ])
    func finishReasonToStopReason(openAI: String, anthropic: String) {
        #expect(StopReason(openAI: FinishReason(rawValue: openAI)).rawValue == anthropic)
    }

    @Test(arguments: [
        ("end_turn", "stop"), ("stop_sequence", "stop"), ("max_tokens", "length"), ("tool_use", "tool_calls"),
        ("refusal", "content_filter"), ("pause_turn", "stop"),
    ])
    func stopReasonToFinishReason(anthropic: String, openAI: String) {
        #expect(FinishReason(anthropic: StopReason(rawValue: anthropic)).rawValue == openAI)
    }

    @Test func lengthStopSurvivesBothWays() {
        let openAI = ChatCompletionResponse(
            id: "chatcmpl-1", created: 0, model: "m",
            choices: [.init(message: .text(.assistant, "trunc"), finishReason: .length)],
            usage: ChatUsage(promptTokens: 3, completionTokens: 7))
        let anthropic = MessagesResponse(translating: openAI)
        #expect(anthropic.stopReason == .maxTokens)
        #expect(anthropic.usage == AnthropicUsage(inputTokens: 3, outputTokens: 7))
        let back = ChatCompletionResponse(translating: anthropic, created: 0)
        #expect(back.choices[0].finishReason == .length)
        #expect(back.usage == ChatUsage(promptTokens: 3, completionTokens: 7))
        #expect(back.id == "chatcmpl-1")
    }
}

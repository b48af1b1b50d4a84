import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

/// Golden translations between OpenAI chat and Bedrock's Converse: requests, answers and streams.
@Suite struct ConverseTranslationTests {
    @Test func toolConversationToConverse() throws {
        let chat = try WireCoding.decode(ChatCompletionRequest.self, from: RequestTranslationTests.toolConversation)
        let converse = try ConverseRequest(translating: chat)
        #expect(try encodedTree(converse) == tree(#"""
            {"messages":[
              {"role":"user","content":[{"text":"Weather in Paris and Rome?"}]},
              {"role":"assistant","content":[{"text":"Checking."},
                {"toolUse":{"toolUseId":"call_1","name":"get_weather","input":{"city":"Paris"}}},
                {"toolUse":{"toolUseId":"call_2","name":"get_weather","input":{"city":"Rome"}}}]},
              {"role":"user","content":[
                {"toolResult":{"toolUseId":"call_1","content":[{"text":"18C"}]}},
                {"toolResult":{"toolUseId":"call_2","content":[{"text":"24C"}]}},
                {"text":"And this?"},
                {"image":{"format":"png","source":{"bytes":"AAAA"}}}]}],
             "system":[{"text":"You help with weather."}],
             "inferenceConfig":{"maxTokens":500},
             "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","description":"Weather by city",
               "inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}],
               "toolChoice":{"any":{}}}}
            """#))
        // What Converse reads back is what was written.
        #expect(try WireCoding.decode(ConverseRequest.self, from: WireCoding.encode(converse)) == converse)
    }

    @Test func samplingAndNamedToolChoice() throws {
        let chat = try WireCoding.decode(ChatCompletionRequest.self, from: #"""
            {"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":0.3,"top_p":0.9,"stop":["END","##"],
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
             "tool_choice":{"type":"function","function":{"name":"f"}}}
            """#)
        #expect(try encodedTree(ConverseRequest(translating: chat)) == tree(#"""
            {"messages":[{"role":"user","content":[{"text":"Hi"}]}],
             "inferenceConfig":{"temperature":0.3,"topP":0.9,"stopSequences":["END","##"]},
             "toolConfig":{"tools":[{"toolSpec":{"name":"f","inputSchema":{"json":{"type":"object"}}}}],
               "toolChoice":{"tool":{"name":"f"}}}}
            """#))
    }

    @Test func anthropicTopKAndToolErrors() throws {
        let messages = try WireCoding.decode(MessagesRequest.self, from: #"""
            {"model":"m","max_tokens":64,"top_k":5,"system":[{"type":"text","text":"S"}],"messages":[
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,"content":"boom"}]}]}
            """#)
        #expect(try encodedTree(ConverseRequest(translating: messages)) == tree(#"""
            {"messages":[{"role":"user","content":[
               {"toolResult":{"toolUseId":"t1","content":[{"text":"boom"}],"status":"error"}}]}],
             "system":[{"text":"S"}],"inferenceConfig":{"maxTokens":64},"additionalModelRequestFields":{"top_k":5}}
            """#))
    }

    @Test func refusesWhatConverseCannotCarry() throws {
        let url = try WireCoding.decode(ChatCompletionRequest.self, from: #"""
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"image_url","image_url":{"url":"https://example.com/cat.png"}}]}]}
            """#)
        #expect(throws: ConverseTranslationError.self) { try ConverseRequest(translating: url) }
        let tiff = try WireCoding.decode(ChatCompletionRequest.self, from: #"""
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"image_url","image_url":{"url":"data:image/tiff;base64,AAAA"}}]}]}
            """#)
        #expect(throws: ConverseTranslationError("Bedrock takes png, jpeg, gif or webp images, not image/tiff")) {
            try ConverseRequest(translating: tiff)
        }
        let many = try WireCoding.decode(ChatCompletionRequest.self, from: #"{"model":"m","n":2,"messages":[{"role":"user","content":"x"}]}"#)
        #expect(throws: ConverseTranslationError.self) { try ConverseRequest(translating: many) }
    }

    @Test func converseAnswerToChat() throws {
        let converse = try WireCoding.decode(ConverseResponse.self, from: #"""
            {"output":{"message":{"role":"assistant","content":[{"text":"Let me check."},
              {"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}}]}},
             "stopReason":"tool_use","usage":{"inputTokens":30,"outputTokens":12,"totalTokens":42},
             "metrics":{"latencyMs":420}}
            """#)
        #expect(converse.latencyMs == 420)
        let message = MessagesResponse(translating: converse, id: "msg_abc", model: "anthropic.claude-v2:1")
        let chat = ChatCompletionResponse(translating: message, created: 1_700_000_000)
        #expect(try encodedTree(chat) == tree(#"""
            {"id":"chatcmpl-abc","object":"chat.completion","created":1700000000,"model":"anthropic.claude-v2:1",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Let me check.",
               "tool_calls":[{"id":"tooluse_1","type":"function",
                 "function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}],"refusal":null},
               "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}
            """#), "\(String(decoding: (try? WireCoding.encode(chat)) ?? Data(), as: UTF8.self))")
    }

    @Test func hugeUsageCountsCannotOverflow() throws {
        let converse = try WireCoding.decode(ConverseResponse.self, from: #"""
            {"output":{"message":{"role":"assistant","content":[]}},"stopReason":"end_turn",
             "usage":{"inputTokens":9223372036854775807,"outputTokens":-4,"cacheReadInputTokens":9223372036854775807,
                      "cacheWriteInputTokens":9223372036854775807}}
            """#)
        let chat = ChatCompletionResponse(
            translating: MessagesResponse(translating: converse, id: "msg_1", model: "m"), created: 0)
        #expect(chat.usage?.promptTokens == 3_000_000_000_000)
        #expect(chat.usage?.completionTokens == 0)
    }

    @Test(arguments: [
        ("end_turn", "stop"), ("tool_use", "tool_calls"), ("max_tokens", "length"), ("stop_sequence", "stop"),
        ("content_filtered", "content_filter"), ("guardrail_intervened", "content_filter"),
    ])
    func stopReasons(converse: String, openAI: String) {
        #expect(FinishReason(anthropic: StopReason(converse: converse)).rawValue == openAI)
    }

    /// A ConverseStream as it arrives (frames cut at odd places) translated into chat chunks.
    @Test func eventStreamToChatChunks() throws {
        func event(_ type: String, _ json: String) -> [UInt8] { EventStreamEncoder.event(type, payload: Array(json.utf8)) }
        let bytes = [
            event("messageStart", #"{"role":"assistant"}"#),
            event("contentBlockDelta", #"{"contentBlockIndex":0,"delta":{"text":"Checking"},"p":"abc"}"#),
            event("contentBlockStop", #"{"contentBlockIndex":0}"#),
            event("contentBlockStart", #"{"contentBlockIndex":1,"start":{"toolUse":{"toolUseId":"tu_1","name":"get_weather"}}}"#),
            event("contentBlockDelta", #"{"contentBlockIndex":1,"delta":{"toolUse":{"input":"{\"city\":"}}}"#),
            event("contentBlockDelta", #"{"contentBlockIndex":1,"delta":{"toolUse":{"input":"\"Paris\"}"}}}"#),
            event("contentBlockStop", #"{"contentBlockIndex":1}"#),
            event("messageStop", #"{"stopReason":"tool_use"}"#),
            event("metadata", #"{"usage":{"inputTokens":25,"outputTokens":9,"totalTokens":34},"metrics":{"latencyMs":300}}"#),
        ].flatMap { $0 }
        var decoder = EventStreamDecoder()
        var converse = ConverseToAnthropicStream(id: "msg_s1", model: "m")
        var chat = AnthropicToOpenAIStream(created: 1, includeUsage: true)
        var chunks: [ChatCompletionChunk] = []
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + 29)
            for message in try decoder.feed(bytes[index..<end]) {
                for anthropic in converse.feed(try ConverseStreamEvent(message)) { chunks += try chat.feed(anthropic) }
            }
            index = end
        }
        try decoder.finish()
        #expect(converse.finished)
        let text = chunks.compactMap { $0.choices.first?.delta.content }.joined()
        #expect(text == "Checking")
        let calls = chunks.flatMap { $0.choices.first?.delta.toolCalls ?? [] }
        #expect(calls.first?.id == "tu_1")
        #expect(calls.first?.function?.name == "get_weather")
        #expect(calls.compactMap { $0.function?.arguments }.joined() == #"{"city":"Paris"}"#)
        #expect(chunks.compactMap { $0.choices.first?.finishReason } == [.toolCalls])
        let usage = chunks.compactMap(\.usage).last
        #expect(usage?.promptTokens == 25)
        #expect(usage?.completionTokens == 9)
    }

    @Test func streamExceptionBecomesAnErrorEvent() {
        var converse = ConverseToAnthropicStream(id: "m1", model: "m")
        _ = converse.feed(.messageStart(role: "assistant"))
        let events = converse.feed(.exception(type: "throttlingException", message: "slow down"))
        #expect(events == [.error(AnthropicErrorBody.Detail(type: "rate_limit_error", message: "throttlingException: slow down"))])
        #expect(converse.feed(.messageStop(stopReason: "end_turn")).isEmpty)
    }

    @Test func streamWithoutMetadataStillEnds() {
        var converse = ConverseToAnthropicStream(id: "m1", model: "m")
        _ = converse.feed(.contentBlockDelta(index: 0, delta: .text("Hi")))
        #expect(converse.finish().isEmpty)  // not stopped: the caller reports the stream cut
        let stop = converse.feed(.messageStop(stopReason: "max_tokens"))
        #expect(stop == [.contentBlockStop(index: 0)])
        let end = converse.finish()
        #expect(end.count == 2)
        if case .messageDelta(let delta) = end.first { #expect(delta.stopReason == .maxTokens) } else { Issue.record("\(end)") }
    }
}

import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

/// Gemini answers and stream chunks into chat (a `gemini` upstream), chat answers and chunks into Gemini's (the
/// ingress): golden pairs compared as JSON trees.
@Suite struct GeminiResponseTranslationTests {
    // MARK: complete answers

    @Test func aGeminiAnswerWithTextAndCallsBecomesAChatCompletion() throws {
        let answer = try WireCoding.decode(GeminiGenerateContentResponse.self, from: #"""
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Let me ","thought":true},{"text":"Checking"},{"text":"."},
              {"functionCall":{"name":"get_weather","args":{"city":"Oslo"}}},{"functionCall":{"id":"fc_2","name":"get_time"}}]},
              "finishReason":"STOP","index":0,"safetyRatings":[]}],
             "usageMetadata":{"promptTokenCount":20,"candidatesTokenCount":8,"thoughtsTokenCount":5,"cachedContentTokenCount":4,"totalTokenCount":33},
             "modelVersion":"gemini-2.5-flash","responseId":"r123"}
            """#)
        let chat = ChatCompletionResponse(translating: answer, model: "fallback", created: 1_700_000_000)
        #expect(try encodedTree(chat) == tree(#"""
            {"id":"chatcmpl-r123","object":"chat.completion","created":1700000000,"model":"gemini-2.5-flash",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Checking.","refusal":null,"tool_calls":[
               {"id":"call_r123_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}},
               {"id":"fc_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
              "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":20,"completion_tokens":13,"total_tokens":33,
              "prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":5}}}
            """#))
    }

    @Test(arguments: [
        ("MAX_TOKENS", "length"), ("SAFETY", "content_filter"), ("RECITATION", "content_filter"),
        ("PROHIBITED_CONTENT", "content_filter"), ("STOP", "stop"), ("OTHER", "stop"), ("MALFORMED_FUNCTION_CALL", "stop"),
    ])
    func finishReasonsMap(gemini: String, chat: String) throws {
        let answer = GeminiGenerateContentResponse(
            candidates: [GeminiCandidate(content: GeminiContent(role: "model", parts: [.text("x")]), finishReason: gemini)])
        let completion = ChatCompletionResponse(translating: answer, model: "m", created: 0)
        #expect(completion.choices[0].finishReason?.rawValue == chat)
        #expect(completion.model == "m")
    }

    @Test func aBlockedPromptIsAnEmptyFilteredAnswer() throws {
        let answer = try WireCoding.decode(GeminiGenerateContentResponse.self, from: #"""
            {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"g"}
            """#)
        let chat = ChatCompletionResponse(translating: answer, model: "m", created: 0)
        #expect(chat.choices[0].finishReason == .contentFilter)
        #expect(chat.choices[0].message.content == .text(""))
        #expect(chat.usage == ChatUsage(promptTokens: 8, completionTokens: 0))
    }

    @Test func aChatCompletionBecomesAGeminiAnswer() throws {
        let chat = try WireCoding.decode(ChatCompletionResponse.self, from: #"""
            {"id":"chatcmpl-abc","object":"chat.completion","created":1,"model":"gpt-4o-2024-08-06",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Sure.","tool_calls":[
               {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},
              "finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":10,"completion_tokens":7,"total_tokens":17,"completion_tokens_details":{"reasoning_tokens":3},
              "prompt_tokens_details":{"cached_tokens":2}}}
            """#)
        let gemini = GeminiGenerateContentResponse(translating: chat, model: "gpt-sim")
        #expect(try encodedTree(gemini) == tree(#"""
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Sure."},
              {"functionCall":{"id":"call_1","name":"get_weather","args":{"city":"Oslo"}}}]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":4,"thoughtsTokenCount":3,"cachedContentTokenCount":2,"totalTokenCount":17},
             "modelVersion":"gpt-4o-2024-08-06","responseId":"abc"}
            """#))
    }

    @Test(arguments: [("length", "MAX_TOKENS"), ("content_filter", "SAFETY"), ("stop", "STOP"), ("tool_calls", "STOP"), ("weird", "OTHER")])
    func chatFinishReasonsMap(chat: String, gemini: String) throws {
        let completion = ChatCompletionResponse(
            id: "chatcmpl-x", created: 0, model: "",
            choices: [.init(message: .text(.assistant, ""), finishReason: FinishReason(rawValue: chat))])
        let answer = GeminiGenerateContentResponse(translating: completion, model: "asked")
        #expect(answer.first?.finishReason == gemini)
        #expect(answer.modelVersion == "asked")
        // An answer that said nothing still has a text part, as the SDK's `.text` expects.
        #expect(answer.first?.content?.parts == [.text("")])
        #expect(answer.usageMetadata == GeminiUsageMetadata(promptTokenCount: 0, candidatesTokenCount: 0))
    }

    // MARK: streams

    static func geminiChunks(_ lines: [String]) throws -> [GeminiGenerateContentResponse] {
        try lines.map { try WireCoding.decode(GeminiGenerateContentResponse.self, from: $0) }
    }

    @Test func aGeminiStreamBecomesChatChunks() throws {
        let chunks = try Self.geminiChunks([
            #"{"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.0-flash","responseId":"r1"}"#,
            #"{"candidates":[{"content":{"parts":[{"text":"lo","thought":false},{"text":"hmm","thought":true}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.0-flash","responseId":"r1"}"#,
            #"{"candidates":[{"content":{"parts":[{"text":"!"},{"functionCall":{"name":"f","args":{"a":1}}}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":4,"totalTokenCount":13},"modelVersion":"gemini-2.0-flash","responseId":"r1"}"#,
        ])
        var stream = GeminiToChatStream(created: 5)
        var out: [ChatCompletionChunk] = []
        for chunk in chunks { out += stream.feed(chunk) }
        #expect(stream.finishReason == .toolCalls)
        out += [try #require(stream.usageChunk())]
        let head = #""id":"chatcmpl-r1","object":"chat.completion.chunk","created":5,"model":"gemini-2.0-flash""#
        let expected = [
            #""choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]"#,
            #""choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}]"#,
            #""choices":[{"index":0,"delta":{"content":"lo"},"logprobs":null,"finish_reason":null}]"#,
            #""choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":null}]"#,
            #""choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_r1_0","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},"logprobs":null,"finish_reason":null}]"#,
            #""choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]"#,
            #""choices":[],"usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}"#,
        ]
        #expect(try out.map(encodedTree) == expected.map { try tree("{\(head),\($0)}") })
    }

    @Test func aCutGeminiStreamHasNoFinishReason() throws {
        var stream = GeminiToChatStream(created: 0)
        _ = stream.feed(try Self.geminiChunks([#"{"candidates":[{"content":{"parts":[{"text":"Hel"}]}}]}"#])[0])
        #expect(stream.finishReason == nil)
        #expect(stream.usageChunk() == nil)
    }

    static let chatLines = [
        #""choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"content":"Let me "},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"content":"check."},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":null}]"#,
        #""choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]"#,
        #""choices":[],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}"#,
    ]

    static func chatChunks(_ lines: [String]) throws -> [ChatCompletionChunk] {
        let head = #""id":"chatcmpl-abc","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o""#
        return try lines.map { try WireCoding.decode(ChatCompletionChunk.self, from: "{\(head),\($0)}") }
    }

    @Test func chatChunksBecomeGeminiChunksWithTheCallsAndUsageLast() throws {
        var stream = ChatToGeminiStream(model: "gpt-sim")
        var out: [GeminiGenerateContentResponse] = []
        for chunk in try Self.chatChunks(Self.chatLines) { out += stream.feed(chunk) }
        out += stream.finish()
        let again = stream.finish()
        #expect(again.isEmpty)
        let tail = #""modelVersion":"gpt-4o","responseId":"abc""#
        let expected = [
            #"{"candidates":[{"content":{"role":"model","parts":[{"text":"Let me "}]},"index":0}],\#(tail)}"#,
            #"{"candidates":[{"content":{"role":"model","parts":[{"text":"check."}]},"index":0}],\#(tail)}"#,
            #"""
            {"usageMetadata":{"promptTokenCount":30,"candidatesTokenCount":12,"totalTokenCount":42},
             "candidates":[{"content":{"role":"model","parts":[
               {"functionCall":{"id":"call_1","name":"get_weather","args":{"city":"Paris"}}},
               {"functionCall":{"id":"call_2","name":"get_time","args":{}}}]},"finishReason":"STOP","index":0}],\#(tail)}
            """#,
        ]
        #expect(try out.map(encodedTree) == expected.map(tree))
        // Only the closing chunk starts with its usage: the ingress holds that frame back as the terminator.
        let frames = try out.map { String(decoding: try SSEEncoder.gemini($0), as: UTF8.self) }
        #expect(frames.map { $0.hasPrefix(#"data: {"usageMetadata""#) } == [false, false, true])
        #expect(frames.allSatisfy { $0.hasSuffix("}\n\n") })
    }

    @Test func aTextStreamClosesWithAnEmptyTextPart() throws {
        var stream = ChatToGeminiStream(model: "asked")
        var out: [GeminiGenerateContentResponse] = []
        for chunk in try Self.chatChunks([
            #""choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]"#,
            #""choices":[{"index":0,"delta":{},"finish_reason":"length"}]"#,
        ]) { out += stream.feed(chunk) }
        out += stream.finish()
        #expect(out.count == 2)
        #expect(out[1].first?.content?.parts == [.text("")])
        #expect(out[1].first?.finishReason == "MAX_TOKENS")
        #expect(out[1].usageMetadata == GeminiUsageMetadata(promptTokenCount: 0, candidatesTokenCount: 0))
    }

    // MARK: errors and schemas

    @Test(arguments: [
        (400, "INVALID_ARGUMENT"), (401, "UNAUTHENTICATED"), (403, "PERMISSION_DENIED"), (404, "NOT_FOUND"),
        (413, "INVALID_ARGUMENT"), (429, "RESOURCE_EXHAUSTED"), (500, "INTERNAL"), (502, "INTERNAL"),
        (503, "UNAVAILABLE"), (504, "DEADLINE_EXCEEDED"),
    ])
    func errorsCarryGooglesStatusNames(status: Int, name: String) throws {
        #expect(try encodedTree(GeminiErrorBody.forStatus(status, message: "m"))
            == tree(#"{"error":{"code":\#(status),"message":"m","status":"\#(name)"}}"#))
    }

    @Test func errorDetailsGiveTheReasonAndTheRetryDelay() throws {
        let body = try WireCoding.decode(GeminiErrorBody.self, from: #"""
            [{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"},
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED"}]}}]
            """#)
        #expect(body.error.retryDelay == 37)
        #expect(body.error.reason == "RATE_LIMIT_EXCEEDED")
        #expect(GeminiErrorBody.httpStatus(forStatusName: "DEADLINE_EXCEEDED") == 504)
    }

    @Test func googleSchemasReadAsJSONSchema() throws {
        let schema = try tree(#"""
            {"type":"OBJECT","title":"T","nullable":true,"propertyOrdering":["a"],"example":{"a":"x"},
             "properties":{"a":{"type":"STRING","format":"date-time"},"b":{"anyOf":[{"type":"NUMBER"},{"type":"BOOLEAN"}],"nullable":true},
              "c":{"type":"ARRAY","items":{"type":"OBJECT","properties":{}},"min_items":"1"}},"required":["a"]}
            """#)
        #expect(GeminiSchema.jsonSchema(from: schema) == (try tree(#"""
            {"type":["object","null"],"title":"T",
             "properties":{"a":{"type":"string","format":"date-time"},"b":{"anyOf":[{"type":"number"},{"type":"boolean"},{"type":"null"}]},
              "c":{"type":"array","items":{"type":"object","properties":{}},"minItems":1}},"required":["a"]}
            """#)))
    }
}

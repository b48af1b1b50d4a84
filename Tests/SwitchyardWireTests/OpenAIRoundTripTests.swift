import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct OpenAIRoundTripTests {
    static let chatRequest = #"""
        {
          "model": "gpt-4o",
          "messages": [
            {"role": "developer", "content": "You are a helpful assistant."},
            {"role": "system", "content": [{"type": "text", "text": "Answer in one line."}]},
            {"role": "user", "name": "alice", "content": [
              {"type": "text", "text": "What is in this image, and what's the weather in Paris?"},
              {"type": "image_url", "image_url": {"url": "https://upload.wikimedia.org/a.jpg", "detail": "high"}},
              {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
              {"type": "input_audio", "input_audio": {"data": "UklGR", "format": "wav"}}
            ]},
            {"role": "assistant", "content": null, "refusal": null, "tool_calls": [
              {"id": "call_abc123", "type": "function",
               "function": {"name": "get_weather", "arguments": "{\"location\":\"Paris, France\"}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_abc123", "content": "{\"temperature\":22,\"unit\":\"celsius\"}"}
          ],
          "stream": true,
          "stream_options": {"include_usage": true},
          "tools": [{"type": "function", "function": {
            "name": "get_weather", "description": "Get the current weather", "strict": true,
            "parameters": {"type": "object", "properties": {"location": {"type": "string"}},
                           "required": ["location"], "additionalProperties": false}}}],
          "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
          "parallel_tool_calls": false,
          "response_format": {"type": "json_schema", "json_schema": {"name": "w", "schema": {"type": "object"}}},
          "n": 1,
          "stop": ["\n\n", "END"],
          "max_tokens": 256,
          "max_completion_tokens": 512,
          "temperature": 0.7,
          "top_p": 1,
          "user": "user-1234",
          "seed": 42,
          "logit_bias": {"50256": -100},
          "frequency_penalty": 0.5,
          "logprobs": true,
          "top_logprobs": 2,
          "metadata": {"team": "search"},
          "reasoning_effort": "low",
          "service_tier": "auto",
          "store": false
        }
        """#

    @Test func chatRequestKeepsEveryField() throws {
        let request = try expectRoundTrip(Self.chatRequest, as: ChatCompletionRequest.self)
        #expect(request.model == "gpt-4o")
        #expect(request.messages.count == 5)
        #expect(request.messages[0].role == .developer)
        #expect(request.messages[1].textContent == "Answer in one line.")
        #expect(request.messages[2].name == "alice")
        guard case .parts(let parts)? = request.messages[2].content else {
            Issue.record("expected parts")
            return
        }
        #expect(parts[1] == .imageURL(.init(url: "https://upload.wikimedia.org/a.jpg", detail: "high")))
        if case .other(let audio) = parts[3] {
            #expect(audio["type"] == "input_audio")
        } else {
            Issue.record("unknown part type must be kept verbatim")
        }
        #expect(request.messages[3].content == nil)
        #expect(request.messages[3].toolCalls?.first?.function.name == "get_weather")
        #expect(request.messages[3].extra["refusal"] == .null)
        #expect(request.messages[4].toolCallID == "call_abc123")
        #expect(request.includeUsage)
        #expect(request.tools?.first?.function.extra["strict"] == true)
        #expect(request.toolChoice == .function("get_weather"))
        #expect(request.stop?.values == ["\n\n", "END"])
        #expect(request.maxOutputTokens == 512)
        #expect(request.temperature == 0.7)
        #expect(request.seed == 42)
        #expect(request.extra["logit_bias"] == ["50256": -100])
        #expect(request.extra["reasoning_effort"] == "low")
        #expect(request.extra["store"] == false)
        #expect(request.extra.count == 8)
    }

    @Test func minimalRequestWithStringStopAndToolChoiceString() throws {
        let json = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stop":"\n","tool_choice":"required"}"#
        let request = try expectRoundTrip(json, as: ChatCompletionRequest.self)
        #expect(request.stop == .single("\n"))
        #expect(request.toolChoice == .required)
        #expect(!request.isStreaming)
        #expect(request.maxOutputTokens == nil)
    }

    static let chatResponse = #"""
        {
          "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
          "object": "chat.completion",
          "created": 1741569952,
          "model": "gpt-4.1-2025-04-14",
          "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": "Hello! How can I assist you today?",
                        "refusal": null, "annotations": []},
            "logprobs": null,
            "finish_reason": "stop"
          }],
          "usage": {
            "prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
              "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
          },
          "service_tier": "default",
          "system_fingerprint": "fp_44709d6fcb"
        }
        """#

    @Test func chatResponseKeepsEveryField() throws {
        let response = try expectRoundTrip(Self.chatResponse, as: ChatCompletionResponse.self)
        #expect(response.choices[0].finishReason == .stop)
        #expect(response.choices[0].message.textContent == "Hello! How can I assist you today?")
        #expect(response.usage?.totalTokens == 29)
        #expect(response.usage?.cachedPromptTokens == 0)
        #expect(response.systemFingerprint == "fp_44709d6fcb")
        #expect(response.extra["service_tier"] == "default")
    }

    @Test func toolCallResponseKeepsNullContent() throws {
        let json = #"""
            {"id":"chatcmpl-abc","object":"chat.completion","created":1699896916,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
               {"id":"call_abc123","type":"function","function":{"name":"get_current_weather",
                "arguments":"{\n\"location\": \"Boston, MA\"\n}"}}]},
               "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99}}
            """#
        let response = try expectRoundTrip(json, as: ChatCompletionResponse.self)
        #expect(response.choices[0].finishReason == .toolCalls)
        #expect(response.choices[0].message.toolCalls?.first?.id == "call_abc123")
    }

    @Test func builtResponseHasTheShapeTheSDKParses() throws {
        let response = ChatCompletionResponse(
            id: "chatcmpl-1", created: 1_700_000_000, model: "gpt-4o",
            choices: [.init(message: .text(.assistant, "Hi"), finishReason: .stop)],
            usage: ChatUsage(promptTokens: 5, completionTokens: 1))
        #expect(try encodedTree(response) == tree(#"""
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}
            """#))
    }

    static let chunks = [
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":"}}]},"logprobs":null,"finish_reason":null}]}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","service_tier":"default","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}"#,
        #"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":0}}}"#,
    ]

    @Test func chunksKeepEveryField() throws {
        let decoded = try Self.chunks.map { try expectRoundTrip($0, as: ChatCompletionChunk.self) }
        #expect(decoded[0].choices[0].delta.role == .assistant)
        #expect(decoded[0].choices[0].delta.extra["refusal"] == .null)
        #expect(decoded[2].choices[0].delta.toolCalls?.first?.function?.name == "get_weather")
        #expect(decoded[3].choices[0].delta.toolCalls?.first?.id == nil)
        #expect(decoded[4].choices[0].finishReason == .toolCalls)
        #expect(decoded[5].choices.isEmpty)
        #expect(decoded[5].usage?.totalTokens == 21)
    }

    @Test func chunkSSEFraming() throws {
        let chunk = try WireCoding.decode(ChatCompletionChunk.self, from: Self.chunks[1])
        let bytes = try SSEEncoder.openAI(chunk)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("data: {"))
        #expect(text.hasSuffix("}\n\n"))
        var parser = SSEParser()
        let events = parser.feed(bytes) + parser.feed(SSEEncoder.done)
        #expect(events.count == 2)
        #expect(try tree(events[0].data) == tree(Self.chunks[1]))
        #expect(events[1].isDone)
    }

    @Test func embeddingsRequestsAndResponses() throws {
        let request = try expectRoundTrip(
            #"{"model":"text-embedding-3-small","input":["The food was delicious","and the waiter"],"encoding_format":"float","dimensions":256,"user":"u1","extra_body_field":{"a":1}}"#,
            as: EmbeddingsRequest.self)
        #expect(request.input.count == 2)
        #expect(request.dimensions == 256)
        #expect(request.extra["extra_body_field"] == ["a": 1])
        #expect(try expectRoundTrip(#"{"model":"m","input":"hi"}"#, as: EmbeddingsRequest.self).input == .string("hi"))
        #expect(try expectRoundTrip(#"{"model":"m","input":[1,2,3]}"#, as: EmbeddingsRequest.self).input == .tokens([1, 2, 3]))
        #expect(try expectRoundTrip(#"{"model":"m","input":[[1],[2,3]]}"#, as: EmbeddingsRequest.self).input.count == 2)

        let response = try expectRoundTrip(#"""
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,0.015797347]}],
             "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}
            """#, as: EmbeddingsResponse.self)
        #expect(response.data[0].embedding.floats?.count == 3)
    }

    @Test func base64EmbeddingsDecodeToTheSameFloats() throws {
        let values: [Float] = [0.5, -1.25, 3.0e-5, 0]
        let vector = EmbeddingVector.encoded(values, base64: true)
        guard case .base64(let text) = vector else {
            Issue.record("expected base64")
            return
        }
        // 0.5 as little-endian float32 is 00 00 00 3F.
        #expect(Data(base64Encoded: text)?.prefix(4) == Data([0, 0, 0, 0x3F]))
        #expect(vector.floats == values)
        let encoded = try WireCoding.encodeString(Embedding(index: 0, embedding: vector))
        #expect(try tree(encoded) == .object(["object": "embedding", "index": 0, "embedding": .string(text)]))
    }

    @Test func modelList() throws {
        let list = try expectRoundTrip(
            #"{"object":"list","data":[{"id":"gpt-4o","object":"model","created":1686935002,"owned_by":"openai"}]}"#,
            as: ModelList.self)
        #expect(list.data[0].ownedBy == "openai")
        let built = ModelList(data: [.init(id: "fast", created: 1, ownedBy: "switchyard")])
        #expect(try encodedTree(built) == tree(
            #"{"object":"list","data":[{"id":"fast","object":"model","created":1,"owned_by":"switchyard"}]}"#))
    }
}

import Foundation
import SwitchyardJSON
import SwitchyardSim
import SwitchyardWire
import Synchronization
import Testing

@Suite struct SimulatorOpenAITests {
    @Test func jsonChatCompletion() async throws {
        try await withSimulator(testOptions()) { sim in
            let body = #"{"model":"gpt-test","messages":[{"role":"user","content":"Say hello to the team"}]}"#
            let response = try await sim.post("/v1/chat/completions", body)
            #expect(response.status == 200)
            #expect(response.headers.first(name: "content-type")?.hasPrefix("application/json") == true)
            let completion = try response.decode(ChatCompletionResponse.self)
            #expect(completion.id.hasPrefix("chatcmpl-"))
            #expect(completion.object == "chat.completion")
            #expect(completion.model == "gpt-test")
            let choice = try #require(completion.choices.first)
            #expect(choice.message.role == .assistant)
            let text = choice.message.textContent
            #expect(!text.isEmpty)
            #expect(choice.finishReason == .stop)
            let usage = try #require(completion.usage)
            let request = try WireCoding.decode(ChatCompletionRequest.self, from: body)
            #expect(usage.promptTokens == TokenEstimate.inputTokens(request))
            #expect(usage.completionTokens == text.split(whereSeparator: \.isWhitespace).count)
            #expect(usage.totalTokens == usage.promptTokens + usage.completionTokens)
        }
    }

    @Test func maxTokensCapsTheAnswerWithFinishReasonLength() async throws {
        try await withSimulator(testOptions(median: 500)) { sim in
            let response = try await sim.post(
                "/v1/chat/completions",
                #"{"model":"m","messages":[{"role":"user","content":"Tell me everything"}],"max_completion_tokens":7}"#
            )
            let completion = try response.decode(ChatCompletionResponse.self)
            #expect(completion.choices.first?.finishReason == .length)
            #expect(completion.usage?.completionTokens == 7)
            #expect(completion.choices.first?.message.textContent.split(whereSeparator: \.isWhitespace).count == 7)
        }
    }

    @Test func stopSequenceEndsTheTextBeforeIt() async throws {
        // 200 words always span several paragraphs, so a paragraph break is produced.
        try await withSimulator(testOptions(median: 200)) { sim in
            let response = try await sim.post(
                "/v1/chat/completions", #"{"model":"m","messages":[{"role":"user","content":"hi"}],"stop":["\n\n"]}"#
            )
            let completion = try response.decode(ChatCompletionResponse.self)
            let text = try #require(completion.choices.first?.message.textContent)
            #expect(!text.isEmpty)
            #expect(!text.contains("\n\n"))
            #expect(completion.choices.first?.finishReason == .stop)
            #expect((completion.usage?.completionTokens ?? 0) < 200)
        }
    }

    @Test func nChoices() async throws {
        try await withSimulator(testOptions()) { sim in
            let response = try await sim.post(
                "/v1/chat/completions", #"{"model":"m","messages":[{"role":"user","content":"hi"}],"n":3}"#
            )
            let completion = try response.decode(ChatCompletionResponse.self)
            #expect(completion.choices.map(\.index) == [0, 1, 2])
            let words = completion.choices.reduce(0) { $0 + $1.message.textContent.split(whereSeparator: \.isWhitespace).count }
            #expect(completion.usage?.completionTokens == words)
        }
    }

    @Test func streamedChatHasTheExactChunkSequence() async throws {
        try await withSimulator(testOptions()) { sim in
            let stream = try await sim.stream(
                "/v1/chat/completions",
                #"{"model":"m","messages":[{"role":"user","content":"Tell me a story"}],"stream":true,"stream_options":{"include_usage":true}}"#
            )
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "content-type")?.hasPrefix("text/event-stream") == true)
            #expect(stream.failure == nil)
            #expect(stream.events.last?.isDone == true)
            let chunks = try stream.events.dropLast().map { try WireCoding.decode(ChatCompletionChunk.self, from: $0.data) }
            #expect(chunks.count >= 4)
            let ids = Set(chunks.map(\.id))
            #expect(ids.count == 1 && ids.first?.hasPrefix("chatcmpl-") == true)
            #expect(chunks.allSatisfy { $0.object == "chat.completion.chunk" })

            // Role first, then content, then the finish chunk, then usage with no choices.
            #expect(chunks[0].choices.first?.delta.role == .assistant)
            let content = chunks[1..<(chunks.count - 2)]
            #expect(content.allSatisfy { $0.choices.first?.delta.content?.isEmpty == false && $0.choices.first?.finishReason == nil })
            let finish = chunks[chunks.count - 2]
            #expect(finish.choices.first?.finishReason == .stop)
            let usageChunk = chunks[chunks.count - 1]
            #expect(usageChunk.choices.isEmpty)
            let usage = try #require(usageChunk.usage)
            let text = content.compactMap { $0.choices.first?.delta.content }.joined()
            #expect(usage.completionTokens == text.split(whereSeparator: \.isWhitespace).count)
            #expect(usage.promptTokens > 0)
        }
    }

    @Test func streamWithoutIncludeUsageHasNoUsageChunk() async throws {
        try await withSimulator(testOptions()) { sim in
            let stream = try await sim.stream(
                "/v1/chat/completions", #"{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true}"#
            )
            let chunks = try stream.events.dropLast().map { try WireCoding.decode(ChatCompletionChunk.self, from: $0.data) }
            #expect(stream.events.last?.isDone == true)
            #expect(chunks.allSatisfy { $0.usage == nil && !$0.choices.isEmpty })
            #expect(chunks.last?.choices.first?.finishReason == .stop)
        }
    }

    @Test func toolCallAsJSON() async throws {
        try await withSimulator(testOptions()) { sim in
            let response = try await sim.post(
                "/v1/chat/completions",
                #"{"model":"m","messages":[{"role":"user","content":"Weather in Paris?"}],"tools":[\#(weatherToolOpenAI)]}"#
            )
            let completion = try response.decode(ChatCompletionResponse.self)
            let choice = try #require(completion.choices.first)
            #expect(choice.finishReason == .toolCalls)
            let call = try #require(choice.message.toolCalls?.first)
            #expect(call.id.hasPrefix("call_"))
            #expect(call.function.name == "get_weather")
            let arguments = try #require(JSONValue(parsing: call.function.arguments))
            #expect(arguments["city"]?.stringValue?.isEmpty == false)
            #expect(arguments["days"]?.intValue != nil)
            #expect((completion.usage?.completionTokens ?? 0) > 0)
        }
    }

    @Test func toolCallStreamed() async throws {
        try await withSimulator(testOptions()) { sim in
            let stream = try await sim.stream(
                "/v1/chat/completions",
                #"{"model":"m","stream":true,"messages":[{"role":"user","content":"Weather?"}],"tools":[\#(weatherToolOpenAI)]}"#
            )
            #expect(stream.events.last?.isDone == true)
            let chunks = try stream.events.dropLast().map { try WireCoding.decode(ChatCompletionChunk.self, from: $0.data) }
            let first = try #require(chunks.first?.choices.first?.delta)
            #expect(first.role == .assistant)
            let opening = try #require(first.toolCalls?.first)
            #expect(opening.id?.hasPrefix("call_") == true)
            #expect(opening.function?.name == "get_weather")
            let fragments = chunks.dropFirst().compactMap { $0.choices.first?.delta.toolCalls?.first?.function?.arguments }
            #expect(fragments.count > 1)
            let arguments = try #require(JSONValue(parsing: fragments.joined()))
            #expect(arguments["city"]?.stringValue != nil)
            #expect(chunks.last?.choices.first?.finishReason == .toolCalls)
        }
    }

    @Test func toolResultGetsATextAnswer() async throws {
        try await withSimulator(testOptions()) { sim in
            let body = """
            {"model":"m","tools":[\(weatherToolOpenAI)],"messages":[{"role":"user","content":"Weather?"},\
            {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},\
            {"role":"tool","tool_call_id":"call_1","content":"{\\"temp_c\\": 21}"}]}
            """
            let completion = try await sim.post("/v1/chat/completions", body).decode(ChatCompletionResponse.self)
            #expect(completion.choices.first?.message.toolCalls == nil)
            #expect(completion.choices.first?.message.textContent.isEmpty == false)
            #expect(completion.choices.first?.finishReason == .stop)
        }
    }

    @Test func toolChoiceNoneGetsText() async throws {
        try await withSimulator(testOptions()) { sim in
            let completion = try await sim.post(
                "/v1/chat/completions",
                #"{"model":"m","tool_choice":"none","messages":[{"role":"user","content":"Weather?"}],"tools":[\#(weatherToolOpenAI)]}"#
            ).decode(ChatCompletionResponse.self)
            #expect(completion.choices.first?.message.toolCalls == nil)
            #expect(completion.choices.first?.finishReason == .stop)
        }
    }

    @Test func invalidRequestsGetOpenAIErrors() async throws {
        try await withSimulator(testOptions()) { sim in
            let missing = try await sim.post("/v1/chat/completions", #"{"model":"m"}"#)
            #expect(missing.status == 400)
            let error = try missing.decode(OpenAIErrorBody.self)
            #expect(error.error.type == "invalid_request_error")
            #expect(error.error.message.contains("messages"))

            let broken = try await sim.post("/v1/chat/completions", #"{"model":"m","messages":["#)
            #expect(broken.status == 400)
            #expect(try broken.decode(OpenAIErrorBody.self).error.type == "invalid_request_error")
        }
    }

    @Test func sameSeedSameAnswers() async throws {
        let body = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#
        func answer() async throws -> String {
            let box = Mutex<String>("")
            try await withSimulator(testOptions(seed: 99)) { sim in
                let completion = try await sim.post("/v1/chat/completions", body).decode(ChatCompletionResponse.self)
                box.withLock { $0 = completion.choices.first?.message.textContent ?? "" }
            }
            return box.withLock { $0 }
        }
        let first = try await answer()
        let second = try await answer()
        #expect(!first.isEmpty)
        #expect(first == second)
    }
}

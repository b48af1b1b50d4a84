import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct AnthropicToOpenAIStreamTests {
    static let created = 1_700_000_000

    static func translate(includeUsage: Bool) throws -> [ChatCompletionChunk] {
        var translator = AnthropicToOpenAIStream(created: created, includeUsage: includeUsage)
        var chunks: [ChatCompletionChunk] = []
        for event in try AnthropicRoundTripTests.streamEvents() {
            chunks += try translator.feed(event)
        }
        return chunks
    }

    @Test func documentedToolStreamBecomesTheExactChunkSequence() throws {
        let chunks = try Self.translate(includeUsage: true)
        let head = #""id":"chatcmpl-014p7gG3wDgGV9EUtLvnow3U","object":"chat.completion.chunk","created":1700000000,"model":"claude-opus-4-1-20250805""#
        let expected = [
            #"{\#(head),"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}"#,
            #"{\#(head),"choices":[{"index":0,"delta":{"content":"Okay"},"logprobs":null,"finish_reason":null}]}"#,
            #"{\#(head),"choices":[{"index":0,"delta":{"content":", let's check the weather."},"logprobs":null,"finish_reason":null}]}"#,
            #"{\#(head),"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}"#,
            #"{\#(head),"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\":"}}]},"logprobs":null,"finish_reason":null}]}"#,
            #"{\#(head),"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":" \"San Francisco, CA\"}"}}]},"logprobs":null,"finish_reason":null}]}"#,
            #"{\#(head),"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}"#,
            #"{\#(head),"choices":[],"usage":{"prompt_tokens":472,"completion_tokens":89,"total_tokens":561}}"#,
        ]
        #expect(chunks.count == expected.count)
        for (chunk, json) in zip(chunks, expected) {
            #expect(try encodedTree(chunk) == tree(json))
        }
        let arguments = chunks.compactMap { $0.choices.first?.delta.toolCalls?.first?.function?.arguments }.joined()
        #expect(JSONValue(parsing: arguments) == ["location": "San Francisco, CA"])
    }

    @Test func withoutIncludeUsageThereIsNoUsageChunk() throws {
        let chunks = try Self.translate(includeUsage: false)
        #expect(chunks.count == 7)
        #expect(chunks.allSatisfy { $0.usage == nil && $0.choices.count == 1 })
        #expect(chunks.last?.choices.first?.finishReason == .toolCalls)
    }

    @Test func usageAndFinishReasonAreAvailableToTheCaller() throws {
        var translator = AnthropicToOpenAIStream(id: "chatcmpl-fixed", model: "public-name", created: 1, includeUsage: false)
        for event in try AnthropicRoundTripTests.streamEvents() {
            for chunk in try translator.feed(event) {
                #expect(chunk.id == "chatcmpl-fixed")
                #expect(chunk.model == "public-name")
            }
        }
        #expect(translator.usage == ChatUsage(promptTokens: 472, completionTokens: 89))
        #expect(translator.finishReason == .toolCalls)
    }

    @Test func errorEventIsThrown() throws {
        var translator = AnthropicToOpenAIStream(created: 0, includeUsage: true)
        let events = try AnthropicRoundTripTests.streamEvents()
        _ = try translator.feed(events[0])
        #expect(throws: AnthropicErrorBody.overloaded("Overloaded")) {
            try translator.feed(.error(.init(type: "overloaded_error", message: "Overloaded")))
        }
    }

    @Test func secondToolCallGetsTheNextIndex() throws {
        var translator = AnthropicToOpenAIStream(created: 0, includeUsage: false)
        let start = MessagesResponse(
            id: "msg_x", content: [], model: "m", stopReason: nil, usage: .init(inputTokens: 1, outputTokens: 0))
        var chunks = try translator.feed(.messageStart(start))
        chunks += try translator.feed(.contentBlockStart(
            index: 0, block: .toolUse(.init(id: "a", name: "f", input: [:]))))
        chunks += try translator.feed(.contentBlockDelta(index: 0, delta: .inputJSON("{}")))
        chunks += try translator.feed(.contentBlockStop(index: 0))
        chunks += try translator.feed(.contentBlockStart(
            index: 1, block: .toolUse(.init(id: "b", name: "g", input: [:]))))
        chunks += try translator.feed(.contentBlockDelta(index: 1, delta: .inputJSON(#"{"k":1}"#)))
        let calls = chunks.compactMap { $0.choices.first?.delta.toolCalls?.first }
        #expect(calls.map(\.index) == [0, 0, 1, 1])
        #expect(calls.map(\.id) == ["a", nil, "b", nil])
        #expect(calls[3].function?.arguments == #"{"k":1}"#)
    }
}

@Suite struct OpenAIToAnthropicStreamTests {
    static func chunk(_ delta: ChatCompletionChunk.Delta, finish: FinishReason? = nil) -> ChatCompletionChunk {
        ChatCompletionChunk(id: "chatcmpl-123", created: 1, model: "gpt-4o",
                            choices: [.init(delta: delta, finishReason: finish)])
    }

    static func call(_ index: Int, id: String? = nil, name: String? = nil, arguments: String) -> ChatCompletionChunk.Delta {
        ChatCompletionChunk.Delta(toolCalls: [.init(
            index: index, id: id, type: id == nil ? nil : "function", function: .init(name: name, arguments: arguments))])
    }

    /// Text, then two tool calls, then the finish reason and the usage chunk, as OpenAI streams them.
    static let upstream: [ChatCompletionChunk] = [
        chunk(.init(role: .assistant, content: "")),
        chunk(.init(content: "Hel")),
        chunk(.init(content: "lo")),
        chunk(call(0, id: "call_1", name: "get_weather", arguments: "")),
        chunk(call(0, arguments: #"{"city":"#)),
        chunk(call(0, arguments: #""Paris"}"#)),
        chunk(call(1, id: "call_2", name: "get_time", arguments: "{}")),
        chunk(.init(), finish: .toolCalls),
        ChatCompletionChunk(id: "chatcmpl-123", created: 1, model: "gpt-4o", choices: [],
                            usage: ChatUsage(promptTokens: 20, completionTokens: 15)),
    ]

    static func translate() -> [AnthropicStreamEvent] {
        var translator = OpenAIToAnthropicStream(inputTokens: 7)
        var events: [AnthropicStreamEvent] = []
        for chunk in upstream { events += translator.feed(chunk) }
        events += translator.finish()
        return events
    }

    @Test func producesTheFullEventSequence() throws {
        let events = Self.translate()
        let expected: [AnthropicStreamEvent] = [
            .messageStart(MessagesResponse(
                id: "msg_123", content: [], model: "gpt-4o", stopReason: nil,
                usage: AnthropicUsage(inputTokens: 7, outputTokens: 0))),
            .contentBlockStart(index: 0, block: .text("")),
            .ping,
            .contentBlockDelta(index: 0, delta: .text("Hel")),
            .contentBlockDelta(index: 0, delta: .text("lo")),
            .contentBlockStop(index: 0),
            .contentBlockStart(index: 1, block: .toolUse(.init(id: "call_1", name: "get_weather", input: [:]))),
            .contentBlockDelta(index: 1, delta: .inputJSON(#"{"city":"#)),
            .contentBlockDelta(index: 1, delta: .inputJSON(#""Paris"}"#)),
            .contentBlockStop(index: 1),
            .contentBlockStart(index: 2, block: .toolUse(.init(id: "call_2", name: "get_time", input: [:]))),
            .contentBlockDelta(index: 2, delta: .inputJSON("{}")),
            .contentBlockStop(index: 2),
            .messageDelta(AnthropicMessageDelta(
                stopReason: .toolUse, usage: .init(outputTokens: 15, inputTokens: 20))),
            .messageStop,
        ]
        #expect(events == expected)
        #expect(events.map(\.type) == [
            "message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
            "content_block_stop", "content_block_start", "content_block_delta", "content_block_delta",
            "content_block_stop", "content_block_start", "content_block_delta", "content_block_stop",
            "message_delta", "message_stop",
        ])
    }

    @Test func wireShapesOfKeyEvents() throws {
        let events = Self.translate()
        #expect(try encodedTree(events[0]) == tree(#"""
            {"type":"message_start","message":{"id":"msg_123","type":"message","role":"assistant","model":"gpt-4o",
             "content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":7,"output_tokens":0}}}
            """#))
        #expect(try encodedTree(events[6]) == tree(
            #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"call_1","name":"get_weather","input":{}}}"#))
        #expect(try encodedTree(events[7]) == tree(
            #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":"}}"#))
        #expect(try encodedTree(events[13]) == tree(
            #"{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":20,"output_tokens":15}}"#))
        #expect(try encodedTree(events[14]) == tree(#"{"type":"message_stop"}"#))
    }

    @Test func sdkStyleAccumulationGivesTheFinalMessage() throws {
        // Replays the events over SSE the way the Anthropic SDK accumulates a message snapshot.
        var sse = Data()
        for event in Self.translate() { sse.append(try SSEEncoder.anthropic(event)) }
        var parser = SSEParser()
        var snapshot: MessagesResponse?
        var partialJSON: [Int: String] = [:]
        for raw in parser.feed(sse) {
            let event = try WireCoding.decode(AnthropicStreamEvent.self, from: raw.data)
            #expect(raw.event == event.type)
            switch event {
            case .messageStart(let m): snapshot = m
            case .contentBlockStart(let index, let block):
                #expect(index == snapshot?.content.count)
                snapshot?.content.append(block)
            case .contentBlockDelta(let index, .text(let t)):
                if case .text(let old, let extra)? = snapshot?.content[index] {
                    snapshot?.content[index] = .text(old + t, extra: extra)
                }
            case .contentBlockDelta(let index, .inputJSON(let j)):
                partialJSON[index, default: ""] += j
            case .contentBlockStop(let index):
                if case .toolUse(var use)? = snapshot?.content[index] {
                    use.input = JSONValue(parsing: partialJSON[index] ?? "{}") ?? .null
                    snapshot?.content[index] = .toolUse(use)
                }
            case .messageDelta(let d):
                snapshot?.stopReason = d.stopReason
                snapshot?.usage.outputTokens = d.usage.outputTokens
                if let input = d.usage.inputTokens { snapshot?.usage.inputTokens = input }
            default: break
            }
        }
        #expect(snapshot == MessagesResponse(
            id: "msg_123",
            content: [
                .text("Hello"),
                .toolUse(.init(id: "call_1", name: "get_weather", input: ["city": "Paris"])),
                .toolUse(.init(id: "call_2", name: "get_time", input: [:])),
            ],
            model: "gpt-4o", stopReason: .toolUse, usage: AnthropicUsage(inputTokens: 20, outputTokens: 15)))
    }

    @Test func plainTextWithoutUsageEndsWithEndTurn() {
        var translator = OpenAIToAnthropicStream(messageID: "msg_fixed", model: "public")
        var events = translator.feed(Self.chunk(.init(role: .assistant, content: "Hi")))
        events += translator.feed(Self.chunk(.init(), finish: .stop))
        events += translator.finish()
        #expect(events == [
            .messageStart(MessagesResponse(
                id: "msg_fixed", content: [], model: "public", stopReason: nil,
                usage: AnthropicUsage(inputTokens: 0, outputTokens: 0))),
            .contentBlockStart(index: 0, block: .text("")),
            .ping,
            .contentBlockDelta(index: 0, delta: .text("Hi")),
            .contentBlockStop(index: 0),
            .messageDelta(AnthropicMessageDelta(stopReason: .endTurn, usage: .init(outputTokens: 0))),
            .messageStop,
        ])
        #expect(translator.finish().isEmpty)
        #expect(translator.feed(Self.chunk(.init(content: "late"))).isEmpty)
    }

    @Test func lengthFinishBecomesMaxTokens() {
        var translator = OpenAIToAnthropicStream()
        _ = translator.feed(Self.chunk(.init(content: "abc"), finish: .length))
        let tail = translator.finish()
        #expect(tail.contains(.messageDelta(AnthropicMessageDelta(stopReason: .maxTokens, usage: .init(outputTokens: 0)))))
    }

    @Test func roundTripThroughBothTranslatorsKeepsContent() throws {
        var back = AnthropicToOpenAIStream(created: 1, includeUsage: true)
        var chunks: [ChatCompletionChunk] = []
        for event in Self.translate() { chunks += try back.feed(event) }
        let text = chunks.compactMap { $0.choices.first?.delta.content }.joined()
        #expect(text == "Hello")
        var arguments: [Int: String] = [:]
        var ids: [Int: String] = [:]
        for call in chunks.flatMap({ $0.choices.first?.delta.toolCalls ?? [] }) {
            arguments[call.index, default: ""] += call.function?.arguments ?? ""
            if let id = call.id { ids[call.index] = id }
        }
        #expect(ids == [0: "call_1", 1: "call_2"])
        #expect(arguments == [0: #"{"city":"Paris"}"#, 1: "{}"])
        #expect(chunks.last?.usage == ChatUsage(promptTokens: 20, completionTokens: 15))
        #expect(chunks.dropLast().last?.choices.first?.finishReason == .toolCalls)
        #expect(chunks.first?.id == "chatcmpl-123")
    }
}

@Suite struct StreamPipelineTests {
    /// Raw OpenAI SSE bytes → parser (random chunk boundaries) → stream items → Anthropic SSE bytes → parser → events.
    @Test func rawOpenAIBytesBecomeAnAnthropicStream() throws {
        var upstream = Data()
        for chunk in OpenAIToAnthropicStreamTests.upstream { upstream.append(try SSEEncoder.openAI(chunk)) }
        upstream.append(Data(SSEEncoder.done.utf8))
        let bytes = [UInt8](upstream)

        var rng = SplitMix(seed: 99)
        var parser = SSEParser()
        var translator = OpenAIToAnthropicStream(inputTokens: 7)
        var downstream = Data()
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + Int(rng.next() % 40) + 1)
            for event in parser.feed(bytes[i..<end]) {
                switch try OpenAIStreamItem(sse: event) {
                case .chunk(let chunk):
                    for e in translator.feed(chunk) { downstream.append(try SSEEncoder.anthropic(e)) }
                case .done:
                    for e in translator.finish() { downstream.append(try SSEEncoder.anthropic(e)) }
                case .error(let body):
                    Issue.record("unexpected error \(body)")
                }
            }
            i = end
        }
        var client = SSEParser()
        let events = try client.feed(downstream).map(AnthropicStreamEvent.init(sse:))
        #expect(events == OpenAIToAnthropicStreamTests.translate())
    }
}

import Foundation
import Testing
@testable import SwitchyardWire

@Suite struct SSEParserTests {
    static let anthropicStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1"}}

        event: ping
        data: {"type": "ping"}

        : keep-alive comment

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}


        """

    static let expected = [
        SSEEvent(event: "message_start", data: #"{"type":"message_start","message":{"id":"msg_1"}}"#),
        SSEEvent(event: "ping", data: #"{"type": "ping"}"#),
        SSEEvent(
            event: "content_block_delta",
            data: #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}"#),
    ]

    @Test func parsesWholeBuffer() {
        var parser = SSEParser()
        #expect(parser.feed(Self.anthropicStream) == Self.expected)
        #expect(parser.finish().isEmpty)
    }

    @Test func everySplitPointGivesTheSameEvents() {
        let bytes = Array(Self.anthropicStream.utf8)
        for cut in 0...bytes.count {
            var parser = SSEParser()
            let events = parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...])
            #expect(events == Self.expected, "split at \(cut)")
        }
    }

    @Test func byteAtATimeWithCRLF() {
        let crlf = Self.anthropicStream.replacingOccurrences(of: "\n", with: "\r\n")
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for byte in crlf.utf8 { events += parser.feed([byte]) }
        #expect(events == Self.expected)
    }

    @Test func crlfSplitBetweenCRAndLF() {
        var parser = SSEParser()
        var events = parser.feed("data: one\r")
        events += parser.feed("\n\r")
        #expect(events == [SSEEvent(data: "one")])
        events += parser.feed("\ndata: two\r\r")
        #expect(events == [SSEEvent(data: "one"), SSEEvent(data: "two")])
    }

    @Test func randomChunkingOfOpenAIStream() {
        var text = ""
        for i in 0..<50 { text += "data: {\"i\":\(i),\"s\":\"é ✓\"}\r\n\r\n" }
        text += "data: [DONE]\r\n\r\n"
        let bytes = Array(text.utf8)
        var rng = SplitMix(seed: 7)
        var parser = SSEParser()
        var events: [SSEEvent] = []
        var i = 0
        while i < bytes.count {
            let n = Int(rng.next() % 13) + 1
            let end = min(bytes.count, i + n)
            events += parser.feed(bytes[i..<end])
            i = end
        }
        #expect(events.count == 51)
        #expect(events[7].data == "{\"i\":7,\"s\":\"é ✓\"}")
        #expect(events.last?.isDone == true)
        #expect(events.allSatisfy { $0.event == nil })
    }

    @Test func multiLineDataIdRetryAndFieldWithoutSpace() {
        var parser = SSEParser()
        let events = parser.feed("id: 42\nretry: 1500\nevent:custom\ndata:line1\ndata: line2\nunknown: x\n\n")
        #expect(events == [SSEEvent(event: "custom", data: "line1\nline2", id: "42", retry: 1500)])
    }

    @Test func eventWithoutDataIsNotDispatched() {
        var parser = SSEParser()
        #expect(parser.feed("event: ping\n\n").isEmpty)
        #expect(parser.feed("data: x\n\n") == [SSEEvent(data: "x")])
    }

    @Test func finishFlushesUnterminatedEvent() {
        var parser = SSEParser()
        #expect(parser.feed("event: message_stop\ndata: {}").isEmpty)
        #expect(parser.finish() == [SSEEvent(event: "message_stop", data: "{}")])
    }

    @Test func encoderRoundTripsThroughParser() {
        let event = SSEEvent(event: "note", data: "a\nb", id: "7", retry: 10)
        let text = SSEEncoder.encode(event)
        #expect(text == "id: 7\nretry: 10\nevent: note\ndata: a\ndata: b\n\n")
        var parser = SSEParser()
        #expect(parser.feed(text) == [event])
        #expect(SSEEncoder.encode(data: "{}") == "data: {}\n\n")
        #expect(SSEEncoder.done == "data: [DONE]\n\n")
    }
}

/// A small deterministic generator so chunk boundaries vary but runs repeat.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct StreamItemTests {
    @Test func openAIItems() throws {
        var parser = SSEParser()
        let events = parser.feed(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[]}\n\n"
                + "data: {\"error\":{\"message\":\"upstream died\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"
                + "data: [DONE]\n\n")
        let items = try events.map(OpenAIStreamItem.init(sse:))
        #expect(items.count == 3)
        guard case .chunk(let chunk) = items[0] else {
            Issue.record("expected a chunk")
            return
        }
        #expect(chunk.id == "c1")
        #expect(items[1] == .error(OpenAIErrorBody(message: "upstream died", type: "server_error")))
        #expect(items[2] == .done)
        #expect(throws: DecodingError.self) { try OpenAIStreamItem(sse: SSEEvent(data: "{oops")) }
    }

    @Test func anthropicEventFromSSE() throws {
        let event = try AnthropicStreamEvent(sse: SSEEvent(event: "ping", data: #"{"type": "ping"}"#))
        #expect(event == .ping)
    }
}

import Foundation
import SwitchyardJSON
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

@Suite struct SimulatorJSONTextTests {
    @Test(arguments: ["plain", "two\n\nparagraphs", "quote \" and \\ slash", "tab\tbell\u{07}", "naïve café 東京 🚀", ""])
    func quotedTextDecodesBack(_ text: String) throws {
        let decoded = try JSONDecoder().decode(String.self, from: Data(SimulatorJSONText.quoted(text).utf8))
        #expect(decoded == text)
    }

    @Test func splicedOpenAIChunkDecodes() throws {
        let prefix = SimulatorJSONText.openAIContentPrefix(id: "chatcmpl-1", created: 7, model: "we\"ird/model", index: 2)
        let frame = SimulatorJSONText.frame(prefix, " Hello\n\nworld.", SimulatorJSONText.openAIContentSuffix)
        var parser = SSEParser()
        let events = parser.feed(frame.readableBytesView)
        let chunk = try WireCoding.decode(ChatCompletionChunk.self, from: try #require(events.first).data)
        #expect(chunk.id == "chatcmpl-1" && chunk.created == 7 && chunk.model == "we\"ird/model")
        #expect(chunk.choices.first?.index == 2)
        #expect(chunk.choices.first?.delta.content == " Hello\n\nworld.")
        #expect(chunk.choices.first?.finishReason == nil)
    }

    @Test func splicedAnthropicDeltaDecodes() throws {
        let frame = SimulatorJSONText.frame(
            SimulatorJSONText.anthropicTextPrefix(index: 0), "Hi \"there\"", SimulatorJSONText.anthropicTextSuffix
        )
        var parser = SSEParser()
        let event = try #require(parser.feed(frame.readableBytesView).first)
        #expect(event.event == "content_block_delta")
        let decoded = try WireCoding.decode(AnthropicStreamEvent.self, from: event.data)
        #expect(decoded == .contentBlockDelta(index: 0, delta: .text("Hi \"there\"")))
    }
}

import Foundation
import SwitchyardJSON
import SwitchyardWire

/// Bedrock's wire for the `wire` target: Converse requests and answers (and their translations) from JSON, and
/// ConverseStream bodies from event-stream bytes, decoded in two pieces and translated to chat chunks.
enum BedrockFuzzing {
    static func json(_ value: JSONValue) {
        if let converse = try? WireCoding.decode(ConverseRequest.self, from: value) {
            let messages = MessagesRequest(translating: converse, model: "m", stream: false)
            _ = try? WireCoding.encode(converse)
            _ = try? WireCoding.encode(messages)
        }
        if let answer = try? WireCoding.decode(ConverseResponse.self, from: value) {
            let message = MessagesResponse(translating: answer, id: "msg_1", model: "m")
            _ = try? WireCoding.encode(answer)
            _ = try? WireCoding.encode(ChatCompletionResponse(translating: message, created: 0))
        }
        if let chat = try? WireCoding.decode(ChatCompletionRequest.self, from: value),
           let converse = try? ConverseRequest(translating: chat) {
            _ = try? WireCoding.encode(converse)
        }
        if let messages = try? WireCoding.decode(MessagesRequest.self, from: value),
           let converse = try? ConverseRequest(translating: messages) {
            _ = try? WireCoding.encode(converse)
        }
    }

    static func eventStream(_ bytes: [UInt8]) {
        // A small limit, so the fuzzer also reaches the size check.
        var decoder = EventStreamDecoder(maxMessageBytes: 1 << 16)
        let split = bytes.first.map { Int($0) % (bytes.count + 1) } ?? 0
        var messages: [EventStreamMessage] = []
        do {
            messages = try decoder.feed(bytes[..<split])
            messages += try decoder.feed(bytes[split...])
            try decoder.finish()
        } catch {
            _ = error.description
        }
        var converse = ConverseToAnthropicStream(id: "msg_1", model: "m")
        var chat = AnthropicToOpenAIStream(created: 0, includeUsage: true)
        var events: [AnthropicStreamEvent] = []
        for message in messages {
            _ = EventStreamEncoder.encode(message)
            guard let event = try? ConverseStreamEvent(message) else { continue }
            events += converse.feed(event)
        }
        events += converse.finish()
        for event in events {
            _ = try? WireCoding.encode(event)
            if let chunks = try? chat.feed(event) {
                for chunk in chunks { _ = try? WireCoding.encode(chunk) }
            }
        }
    }
}

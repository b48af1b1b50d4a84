import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// A ConverseStream body read as Anthropic SSE events: event-stream frames are decoded (both checksums checked),
/// read as Converse events and translated, so `StreamTranslator` serves every client format from them.
struct BedrockEventSource: UpstreamEventSource {
    private var decoder = EventStreamDecoder()
    private var translator: ConverseToAnthropicStream
    private let provider: String

    init(id: String, model: String, provider: String) {
        translator = ConverseToAnthropicStream(id: id, model: model)
        self.provider = provider
    }

    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [SSEEvent] {
        let messages: [EventStreamMessage]
        do {
            messages = try decoder.feed(bytes)
        } catch {
            throw UpstreamFailure(errorClass: .server, message: "unreadable stream from \(provider): \(error)")
        }
        var out: [SSEEvent] = []
        for message in messages {
            let event: ConverseStreamEvent
            do {
                event = try ConverseStreamEvent(message)
            } catch {
                throw UpstreamFailure(errorClass: .server, message: "malformed stream event from \(provider)")
            }
            out += try Self.sse(translator.feed(event))
        }
        return out
    }

    mutating func finish() throws -> [SSEEvent] {
        do {
            try decoder.finish()
        } catch {
            throw UpstreamFailure(errorClass: .server, message: "stream from \(provider) was cut: \(error)")
        }
        return try Self.sse(translator.finish())
    }

    private static func sse(_ events: [AnthropicStreamEvent]) throws -> [SSEEvent] {
        try events.map { SSEEvent(event: $0.type, data: try WireCoding.encodeString($0)) }
    }
}

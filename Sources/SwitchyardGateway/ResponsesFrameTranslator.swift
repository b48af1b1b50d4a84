import Foundation
import SwitchyardJSON
import SwitchyardWire

/// Re-shapes the SSE frames of a chat completion stream, as the engine hands them to the ingress, into the
/// Responses events of a `POST /v1/responses` stream. The chat request always asks for usage, so the usage chunk
/// arrives before `data: [DONE]`, which becomes the closing `response.completed`.
struct ResponsesFrameTranslator {
    private var parser = SSEParser()
    private var translator: ChatToResponsesStream
    private let request: ResponsesRequest
    private let keeper: ResponseKeeper?

    init(request: ResponsesRequest, createdAt: Int, keeper: ResponseKeeper? = nil) {
        translator = ChatToResponsesStream(request: request, createdAt: createdAt)
        self.request = request
        self.keeper = keeper
    }

    /// The Responses frames for one batch of chat frames, each event its own frame.
    mutating func frames(_ batch: [Data]) -> [Data] {
        var out: [Data] = []
        for frame in batch {
            for event in parser.feed(frame) {
                let events: [ResponsesStreamEvent]
                if event.isDone {
                    events = translator.finish()
                    if let keeper { keepFinal(events, keeper) }
                } else if let chunk = try? WireCoding.decode(ChatCompletionChunk.self, from: event.data) {
                    events = translator.feed(chunk)
                } else {
                    // The transport checked every chunk already; one that still does not read is not the client's.
                    continue
                }
                out += Self.encode(events)
            }
        }
        return out
    }

    /// The frames ending a stream that failed after it began: `response.failed`, carrying `message`.
    mutating func failure(message: String) -> [Data] {
        Self.encode(translator.fail(message: message))
    }

    /// Keeps the response the closing event carries.
    private func keepFinal(_ events: [ResponsesStreamEvent], _ keeper: ResponseKeeper) {
        for event in events {
            switch event.kind {
            case .completed(let response), .incomplete(let response): keeper.keep(response, answering: request)
            default: continue
            }
        }
    }

    private static func encode(_ events: [ResponsesStreamEvent]) -> [Data] {
        events.compactMap { try? SSEEncoder.responses($0) }
    }
}

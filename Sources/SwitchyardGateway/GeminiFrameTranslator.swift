import Foundation
import SwitchyardJSON
import SwitchyardWire

/// Re-shapes the SSE frames of a chat completion stream, as the engine hands them to the ingress, into the chunks
/// of a Gemini `streamGenerateContent?alt=sse` stream. The chat request always asks for usage, so the usage chunk
/// arrives before `data: [DONE]`, which becomes the closing chunk: the only one with `usageMetadata`, which it
/// writes first, so the ingress holds it back (as every stream's terminator) until the ledger has the request.
struct GeminiFrameTranslator {
    private var parser = SSEParser()
    private var translator: ChatToGeminiStream

    init(model: String) {
        translator = ChatToGeminiStream(model: model)
    }

    /// The Gemini frames for one batch of chat frames, each chunk its own frame.
    mutating func frames(_ batch: [Data]) -> [Data] {
        var out: [Data] = []
        for frame in batch {
            for event in parser.feed(frame) {
                let chunks: [GeminiGenerateContentResponse]
                if event.isDone {
                    chunks = translator.finish()
                } else if let chunk = try? WireCoding.decode(ChatCompletionChunk.self, from: event.data) {
                    chunks = translator.feed(chunk)
                } else {
                    // The transport checked every chunk already; one that still does not read is not the client's.
                    continue
                }
                out += chunks.compactMap { try? SSEEncoder.gemini($0) }
            }
        }
        return out
    }

    /// The frame ending a stream that failed after it began: Google's error object as a `data:` event, which
    /// `google-genai` raises as an `APIError`.
    func failure(message: String) -> [Data] {
        [(try? SSEEncoder.gemini(GeminiErrorBody(code: 500, message: message)))
            ?? Data("data: {\"error\":{\"code\":500,\"message\":\"stream failed\",\"status\":\"INTERNAL\"}}\n\n".utf8)]
    }

    /// Whether `frame` is the closing chunk (the stream's terminator).
    static func isClosing(_ frame: Data) -> Bool {
        frame.starts(with: closingPrefix)
    }

    private static let closingPrefix = Data("data: {\"usageMetadata\"".utf8)
}

import Foundation
import SwitchyardJSON
import SwitchyardWire

/// Re-shapes a chat completion stream's frames into a legacy text completion stream: each content delta a
/// `text_completion` chunk, the finish reason in its own, the usage chunk only when the client asked for it, and
/// `data: [DONE]` as it came.
struct CompletionsFrameTranslator {
    private var parser = SSEParser()
    let includeUsage: Bool

    init(includeUsage: Bool) {
        self.includeUsage = includeUsage
    }

    mutating func frames(_ batch: [Data]) -> [Data] {
        var out: [Data] = []
        for frame in batch {
            for event in parser.feed(frame) {
                if event.isDone {
                    out.append(Data(SSEEncoder.done.utf8))
                } else if let chunk = try? WireCoding.decode(ChatCompletionChunk.self, from: event.data),
                          let completion = TextCompletion(translating: chunk, includeUsage: includeUsage),
                          let encoded = try? WireCoding.encode(completion) {
                    out.append(Data(SSEEncoder.encode(data: String(decoding: encoded, as: UTF8.self)).utf8))
                }
            }
        }
        return out
    }
}

import Foundation

/// Re-shapes the frames of a chat completion stream for an operation the engine serves as chat, or relays a
/// Responses stream an upstream answered natively.
enum FrameReshaper {
    case responses(ResponsesFrameTranslator)
    case nativeResponses(NativeResponsesRelay)
    case completions(CompletionsFrameTranslator)
    case gemini(GeminiFrameTranslator)

    /// The client's frames for one batch of chat frames.
    mutating func frames(_ batch: [Data]) -> [Data] {
        switch self {
        case .responses(var t):
            let out = t.frames(batch)
            self = .responses(t)
            return out
        case .nativeResponses(var t):
            let out = t.frames(batch)
            self = .nativeResponses(t)
            return out
        case .completions(var t):
            let out = t.frames(batch)
            self = .completions(t)
            return out
        case .gemini(var t):
            let out = t.frames(batch)
            self = .gemini(t)
            return out
        }
    }

    /// The frames ending a stream that failed after it began, in the client's shape.
    mutating func failure(message: String) -> [Data] {
        switch self {
        case .responses(var t):
            let out = t.failure(message: message)
            self = .responses(t)
            return out
        case .nativeResponses(var t):
            let out = t.failure(message: message)
            self = .nativeResponses(t)
            return out
        case .completions: return [IngressResponses.streamErrorFrame(.openAI, message: message)]
        case .gemini(let t): return t.failure(message: message)
        }
    }
}

extension FinishReason {
    /// The chat finish reason for a Gemini `finishReason`. Gemini ends a turn that called functions with `STOP`;
    /// `calledFunctions` makes that `tool_calls`, as chat clients expect.
    public init(gemini reason: String, calledFunctions: Bool) {
        switch reason {
        case "MAX_TOKENS": self = .length
        case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
             "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "LANGUAGE", "MODEL_ARMOR":
            self = .contentFilter
        default: self = calledFunctions ? .toolCalls : .stop
        }
    }
}

/// Gemini's `finishReason` values the gateway writes.
public enum GeminiFinishReason {
    /// The Gemini `finishReason` for a chat finish reason: a natural end and a turn that called functions are both
    /// `STOP`, a cut one `MAX_TOKENS`, a filtered one `SAFETY`.
    public static func forChat(_ reason: FinishReason?) -> String {
        switch reason {
        case .length?: "MAX_TOKENS"
        case .contentFilter?: "SAFETY"
        case nil, .stop?, .toolCalls?, "function_call"?: "STOP"
        default: "OTHER"
        }
    }
}

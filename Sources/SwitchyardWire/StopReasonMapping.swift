extension FinishReason {
    /// The OpenAI finish reason for an Anthropic stop reason.
    public init(anthropic reason: StopReason) {
        switch reason {
        case .maxTokens: self = .length
        case .toolUse: self = .toolCalls
        case .refusal: self = .contentFilter
        default: self = .stop  // end_turn, stop_sequence, pause_turn
        }
    }
}

extension StopReason {
    /// The Anthropic stop reason for an OpenAI finish reason (OpenAI does not say which stop sequence matched).
    public init(openAI reason: FinishReason) {
        switch reason {
        case .length: self = .maxTokens
        case .toolCalls, "function_call": self = .toolUse
        case .contentFilter: self = .refusal
        default: self = .endTurn
        }
    }
}

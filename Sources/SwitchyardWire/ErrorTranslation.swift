extension OpenAIErrorBody {
    /// The OpenAI body for an Anthropic error (e.g. an `error` event met mid-stream), typed by its HTTP status.
    public init(translating error: AnthropicErrorBody) {
        let status = AnthropicErrorBody.status(forErrorType: error.error.type)
        self = .forStatus(status == 529 ? 503 : status, message: error.error.message)
    }
}

extension AnthropicErrorBody {
    /// The Anthropic body for an OpenAI error, given the HTTP status it came with.
    public init(translating error: OpenAIErrorBody, status: Int) {
        self = .forStatus(status, message: error.error.message)
    }
}

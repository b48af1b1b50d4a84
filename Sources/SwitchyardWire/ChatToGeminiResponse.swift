import SwitchyardJSON

extension GeminiGenerateContentResponse {
    /// Translates the first choice of a chat completion into a Gemini answer for a client that asked `model`.
    ///
    /// The text is one part (an empty one when nothing else was said); each tool call is a `functionCall` part
    /// with its id and its arguments parsed (`{}` when they are not a JSON object); the finish reason maps as
    /// `GeminiFinishReason.forChat`; usage becomes `usageMetadata` (reasoning tokens as `thoughtsTokenCount`).
    /// `modelVersion` is the model that answered, `responseId` the completion's id without its prefix.
    public init(translating response: ChatCompletionResponse, model: String) {
        let choice = response.choices.first
        self.init(
            candidates: [GeminiCandidate(
                content: GeminiContent(
                    role: "model",
                    parts: Self.parts(text: choice?.message.textContent ?? "", calls: choice?.message.toolCalls ?? [])),
                finishReason: GeminiFinishReason.forChat(choice?.finishReason),
                index: 0)],
            usageMetadata: response.usage.map(GeminiUsageMetadata.init(chat:))
                ?? GeminiUsageMetadata(promptTokenCount: 0, candidatesTokenCount: 0),
            modelVersion: response.model.isEmpty ? model : response.model,
            responseID: WireIDs.geminiResponseID(fromCompletionID: response.id)
        )
    }

    /// The parts of a model turn that said `text` and made `calls`.
    static func parts(text: String, calls: [ChatToolCall]) -> [GeminiPart] {
        var parts: [GeminiPart] = []
        if !text.isEmpty || calls.isEmpty { parts.append(.text(text)) }
        for call in calls {
            let args = JSONValue(parsing: call.function.arguments).flatMap { $0.objectValue.map(JSONValue.object) }
            parts.append(GeminiPart(functionCall: GeminiFunctionCall(
                id: call.id, name: call.function.name, args: args ?? .object([:]))))
        }
        return parts
    }
}

extension GeminiUsageMetadata {
    /// Gemini usage for chat usage: reasoning tokens move from the answer's count to `thoughtsTokenCount`.
    public init(chat usage: ChatUsage) {
        let reasoning = usage.extra["completion_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0
        let cached = usage.cachedPromptTokens ?? 0
        self.init(
            promptTokenCount: usage.promptTokens,
            candidatesTokenCount: max(0, usage.completionTokens - reasoning),
            totalTokenCount: usage.totalTokens,
            cachedContentTokenCount: cached > 0 ? cached : nil,
            thoughtsTokenCount: reasoning > 0 ? reasoning : nil)
    }
}

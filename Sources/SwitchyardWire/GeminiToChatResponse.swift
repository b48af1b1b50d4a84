import SwitchyardJSON

extension ChatCompletionResponse {
    /// Translates a complete Gemini answer (its first candidate) into a chat completion.
    ///
    /// Text parts concatenate into `content` (thoughts left out); `functionCall` parts become `tool_calls` with
    /// JSON-text arguments (a call without an `id` gets one made from the response's); the finish reason maps
    /// as `FinishReason(gemini:calledFunctions:)`, and a prompt Google blocked ends with `content_filter`.
    /// `model` stands in when the answer names no `modelVersion`.
    public init(translating response: GeminiGenerateContentResponse, model: String, created: Int, id: String? = nil) {
        let completionID = id ?? WireIDs.completionID(fromGeminiResponseID: response.responseID)
        var text = ""
        var calls: [ChatToolCall] = []
        for part in response.first?.content?.parts ?? [] where part.thought != true {
            if let call = part.functionCall {
                calls.append(ChatToolCall(
                    id: call.id.flatMap { $0.isEmpty ? nil : $0 } ?? WireIDs.callID(completionID: completionID, index: calls.count),
                    function: FunctionCall(name: call.name, arguments: (call.args ?? .object([:])).jsonString())))
            } else if let piece = part.text {
                text += piece
            }
        }
        var reason: FinishReason?
        if let finish = response.first?.finishReason {
            reason = FinishReason(gemini: finish, calledFunctions: !calls.isEmpty)
        } else if response.blockReason != nil {
            reason = .contentFilter
        } else {
            reason = calls.isEmpty ? .stop : .toolCalls
        }
        let message = ChatMessage(
            role: .assistant, content: text.isEmpty && !calls.isEmpty ? nil : .text(text),
            toolCalls: calls.isEmpty ? nil : calls, extra: ["refusal": .null])
        self.init(
            id: completionID,
            created: created,
            model: response.modelVersion ?? model,
            choices: [Choice(message: message, finishReason: reason)],
            usage: response.usageMetadata.map(ChatUsage.init(gemini:))
        )
    }
}

extension ChatUsage {
    /// Chat usage for Gemini usage: thinking counts as completion tokens (`reasoning_tokens`), cached prompt
    /// tokens are reported in `prompt_tokens_details`.
    public init(gemini usage: GeminiUsageMetadata) {
        var extra: [String: JSONValue] = [:]
        if let cached = usage.cachedContentTokenCount, cached > 0 {
            extra["prompt_tokens_details"] = ["cached_tokens": .int(cached)]
        }
        if let thoughts = usage.thoughtsTokenCount, thoughts > 0 {
            extra["completion_tokens_details"] = ["reasoning_tokens": .int(thoughts)]
        }
        self.init(promptTokens: usage.inputTokens, completionTokens: usage.outputTokens, extra: extra)
    }
}

extension WireIDs {
    /// Gemini's `responseId` → `chatcmpl-…`; a new random id when the answer has none.
    public static func completionID(fromGeminiResponseID id: String?) -> String {
        if let id, !id.isEmpty { return "chatcmpl-" + id }
        return "chatcmpl-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// `chatcmpl-…` → its response id for Gemini's `responseId`.
    public static func geminiResponseID(fromCompletionID id: String) -> String {
        id.hasPrefix("chatcmpl-") ? String(id.dropFirst(9)) : id
    }

    /// The id of the `index`th call of a completion whose upstream gave its calls none: `call_{completion}_{index}`.
    public static func callID(completionID: String, index: Int) -> String {
        "call_" + geminiResponseID(fromCompletionID: completionID) + "_\(index)"
    }
}

/// Turns chat completion chunks into the chunks of a Gemini `streamGenerateContent?alt=sse` stream.
///
/// Text deltas become chunks with one text part each. Gemini sends a function call whole, so tool call deltas
/// are gathered and go out, in call order, with the closing chunk. Chat reports usage after the finish reason,
/// so the closing chunk (finish reason, usage, the calls or an empty text part) comes from `finish()`, called at
/// `data: [DONE]`; it alone carries `usageMetadata`.
public struct ChatToGeminiStream: Sendable {
    private struct Call: Sendable {
        var id: String
        var name: String
        var arguments: String
    }

    private var model: String
    private var responseID: String?
    private var calls: [Int: Call] = [:]
    private var usage: ChatUsage?
    private var finished = false
    /// The finish reason the upstream reported, if any yet.
    public private(set) var finishReason: FinishReason?

    /// A translator for a client that asked `model` (named until a chunk names the model that answered).
    public init(model: String) {
        self.model = model
    }

    /// Consumes one chunk (only choice 0 is translated: the gateway serves one candidate).
    public mutating func feed(_ chunk: ChatCompletionChunk) -> [GeminiGenerateContentResponse] {
        guard !finished else { return [] }
        if responseID == nil { responseID = WireIDs.geminiResponseID(fromCompletionID: chunk.id) }
        if !chunk.model.isEmpty { model = chunk.model }
        if let reported = chunk.usage { usage = reported }
        var out: [GeminiGenerateContentResponse] = []
        for choice in chunk.choices where choice.index == 0 {
            if let text = choice.delta.content, !text.isEmpty {
                out.append(response(parts: [.text(text)], finishReason: nil))
            }
            for delta in choice.delta.toolCalls ?? [] {
                var call = calls[delta.index] ?? Call(id: "", name: "", arguments: "")
                if let id = delta.id, !id.isEmpty { call.id = id }
                if let name = delta.function?.name, !name.isEmpty { call.name = name }
                call.arguments += delta.function?.arguments ?? ""
                calls[delta.index] = call
            }
            if let reason = choice.finishReason { finishReason = reason }
        }
        return out
    }

    /// The closing chunk: the gathered calls (or an empty text part), the finish reason and the usage.
    public mutating func finish() -> [GeminiGenerateContentResponse] {
        guard !finished else { return [] }
        finished = true
        let gathered = calls.sorted { $0.key < $1.key }.map { index, call in
            ChatToolCall(
                id: call.id.isEmpty ? WireIDs.callID(completionID: responseID ?? "", index: index) : call.id,
                function: FunctionCall(name: call.name, arguments: call.arguments))
        }
        var closing = response(
            parts: GeminiGenerateContentResponse.parts(text: "", calls: gathered),
            finishReason: GeminiFinishReason.forChat(finishReason ?? (gathered.isEmpty ? .stop : .toolCalls)))
        closing.usageMetadata = usage.map(GeminiUsageMetadata.init(chat:))
            ?? GeminiUsageMetadata(promptTokenCount: 0, candidatesTokenCount: 0)
        return [closing]
    }

    private func response(parts: [GeminiPart], finishReason: String?) -> GeminiGenerateContentResponse {
        GeminiGenerateContentResponse(
            candidates: [GeminiCandidate(
                content: GeminiContent(role: "model", parts: parts), finishReason: finishReason, index: 0)],
            modelVersion: model, responseID: responseID)
    }
}

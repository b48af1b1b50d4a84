/// Turns the chunks of a Gemini `streamGenerateContent?alt=sse` stream into chat completion chunks, one chunk at a
/// time.
///
/// The first chunk yields the role chunk; text parts yield content chunks (thoughts are left out); each
/// `functionCall` part, which Gemini sends whole, yields one tool call chunk with its id, name and all of its
/// arguments; the chunk with a `finishReason` (or a blocked prompt) yields the finish chunk. Gemini repeats
/// `usageMetadata` as it goes: the last one is `usage`, which `usageChunk()` reports once the stream ended.
public struct GeminiToChatStream: Sendable {
    private var id: String?
    private var model: String?
    private let created: Int
    private var started = false
    private var calls = 0
    /// Usage as last reported, in chat terms.
    public private(set) var usage: ChatUsage?
    /// The finish reason, once the chunk carrying it arrived: the stream's clean end.
    public private(set) var finishReason: FinishReason?

    /// `id` and `model` default to values derived from the first chunk (`model` standing in when it names no
    /// `modelVersion`); `created` is Unix seconds.
    public init(id: String? = nil, model: String? = nil, created: Int) {
        self.id = id
        self.model = model
        self.created = created
    }

    /// Consumes one chunk.
    public mutating func feed(_ chunk: GeminiGenerateContentResponse) -> [ChatCompletionChunk] {
        var out: [ChatCompletionChunk] = []
        if let reported = chunk.usageMetadata { usage = ChatUsage(gemini: reported) }
        if !started {
            started = true
            if id == nil { id = WireIDs.completionID(fromGeminiResponseID: chunk.responseID) }
            if let version = chunk.modelVersion, !version.isEmpty { model = version }
            out.append(self.chunk(ChatCompletionChunk.Delta(role: .assistant, content: "")))
        }
        guard finishReason == nil else { return out }
        let candidate = chunk.first
        for part in candidate?.content?.parts ?? [] where part.thought != true {
            if let call = part.functionCall {
                let delta = ChatCompletionChunk.ToolCallDelta(
                    index: calls,
                    id: call.id.flatMap { $0.isEmpty ? nil : $0 } ?? WireIDs.callID(completionID: id ?? "", index: calls),
                    type: "function",
                    function: .init(name: call.name, arguments: (call.args ?? .object([:])).jsonString()))
                calls += 1
                out.append(self.chunk(ChatCompletionChunk.Delta(toolCalls: [delta])))
            } else if let text = part.text, !text.isEmpty {
                out.append(self.chunk(ChatCompletionChunk.Delta(content: text)))
            }
        }
        if let reason = candidate?.finishReason {
            finishReason = FinishReason(gemini: reason, calledFunctions: calls > 0)
        } else if chunk.blockReason != nil {
            finishReason = .contentFilter
        }
        if let finishReason { out.append(self.chunk(ChatCompletionChunk.Delta(), finishReason: finishReason)) }
        return out
    }

    /// The final usage chunk (`choices: []`), when the upstream reported usage.
    public func usageChunk() -> ChatCompletionChunk? {
        guard let usage else { return nil }
        return ChatCompletionChunk(id: id ?? "chatcmpl-", created: created, model: model ?? "", choices: [], usage: usage)
    }

    private func chunk(_ delta: ChatCompletionChunk.Delta, finishReason: FinishReason? = nil) -> ChatCompletionChunk {
        ChatCompletionChunk(
            id: id ?? "chatcmpl-", created: created, model: model ?? "",
            choices: [.init(index: 0, delta: delta, finishReason: finishReason)])
    }
}

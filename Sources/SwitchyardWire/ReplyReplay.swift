import Foundation
import SwitchyardJSON

/// A complete answer written as the stream its client asked for: the frames a streamed upstream would have sent,
/// at once. Used when a stream is held back until its answer has been checked (a task model's escalation with
/// `streams: buffer`).
public enum ReplyReplay {
    /// The SSE frames of `reply` in the wire format it is in: chat completion chunks ending with `data: [DONE]`
    /// (a usage chunk first when `includeUsage`), or Anthropic's events from `message_start` to `message_stop`.
    public static func frames(_ reply: ClientReply, includeUsage: Bool) -> [Data] {
        switch reply {
        case .chat(let response):
            let chunks = chunks(response, includeUsage: includeUsage)
            return chunks.compactMap { try? SSEEncoder.openAI($0) } + [Data(SSEEncoder.encode(data: "[DONE]").utf8)]
        case .messages(let message):
            let created = Int(Date().timeIntervalSince1970)
            let chat = ChatCompletionResponse(translating: message, created: created)
            var translator = OpenAIToAnthropicStream(
                messageID: message.id, model: message.model, inputTokens: message.usage.totalInputTokens)
            var events: [AnthropicStreamEvent] = []
            for chunk in chunks(chat, includeUsage: true) { events += translator.feed(chunk) }
            events += translator.finish()
            return events.compactMap { try? SSEEncoder.anthropic($0) }
        case .embeddings:
            return []
        case .responses:
            // Held-back answers are asked of every deployment as chat (`GatewayRequest.nativeResponses` is cleared).
            return []
        }
    }

    /// The chunks of a chat completion's first choice: the role with the whole text, each tool call whole, the
    /// finish reason, then usage when asked for.
    public static func chunks(_ response: ChatCompletionResponse, includeUsage: Bool) -> [ChatCompletionChunk] {
        func chunk(_ delta: ChatCompletionChunk.Delta, finish: FinishReason? = nil) -> ChatCompletionChunk {
            ChatCompletionChunk(
                id: response.id, created: response.created, model: response.model,
                choices: [.init(delta: delta, finishReason: finish)], systemFingerprint: response.systemFingerprint)
        }
        let message = response.choices.first?.message
        var chunks = [chunk(.init(role: .assistant, content: message?.content.map(\.text) ?? ""))]
        for (index, call) in (message?.toolCalls ?? []).enumerated() {
            chunks.append(chunk(.init(toolCalls: [.init(
                index: index, id: call.id, type: call.type,
                function: .init(name: call.function.name, arguments: call.function.arguments))])))
        }
        chunks.append(chunk(.init(), finish: response.choices.first?.finishReason ?? .stop))
        if includeUsage, let usage = response.usage {
            chunks.append(ChatCompletionChunk(
                id: response.id, created: response.created, model: response.model, choices: [], usage: usage,
                systemFingerprint: response.systemFingerprint))
        }
        return chunks
    }
}

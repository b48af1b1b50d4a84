/// Turns OpenAI `chat.completion.chunk`s into the full Anthropic event sequence the Anthropic SDK expects.
///
/// The first chunk yields `message_start`; content opens a text block, each tool call a `tool_use` block (its
/// argument fragments become `input_json_delta`s), with `ping` after the first block start as the API does.
/// OpenAI reports usage after the finish reason, so `message_delta` and `message_stop` come from `finish()`,
/// called at `data: [DONE]` or the end of the upstream stream.
public struct OpenAIToAnthropicStream: Sendable {
    private enum OpenBlock: Sendable {
        /// `text`.
        case text(index: Int)
        case tool(index: Int, openAIIndex: Int)

        var index: Int {
            switch self {
            case .text(let i), .tool(let i, _): i
            }
        }
    }

    private var messageID: String?
    private var model: String?
    private var started = false
    private var finished = false
    private var pingSent = false
    private var open: OpenBlock?
    private var nextBlockIndex = 0
    private var promptTokens: Int
    private var reportedUsage: ChatUsage?
    /// The finish reason the upstream reported, if any yet.
    public private(set) var finishReason: FinishReason?

    /// `messageID` and `model` default to values derived from the first chunk; `inputTokens` is what
    /// `message_start` reports before the upstream's real count arrives (an estimate, or 0).
    public init(messageID: String? = nil, model: String? = nil, inputTokens: Int = 0) {
        self.messageID = messageID
        self.model = model
        self.promptTokens = inputTokens
    }

    /// Usage so far, in Anthropic terms (the upstream's count once its usage chunk arrived).
    public var usage: AnthropicUsage {
        if let reportedUsage { return AnthropicUsage(openAI: reportedUsage) }
        return AnthropicUsage(inputTokens: promptTokens, outputTokens: 0)
    }

    /// Consumes one chunk (only choice 0 is translated: Anthropic has no `n`).
    public mutating func feed(_ chunk: ChatCompletionChunk) -> [AnthropicStreamEvent] {
        guard !finished else { return [] }
        var events: [AnthropicStreamEvent] = []
        startIfNeeded(chunkID: chunk.id, chunkModel: chunk.model, into: &events)
        if let usage = chunk.usage { reportedUsage = usage }
        for choice in chunk.choices where choice.index == 0 {
            if let text = choice.delta.content, !text.isEmpty {
                if case .text? = open {} else {
                    closeOpenBlock(into: &events)
                    openBlock(.text(index: nextBlockIndex), block: .text(""), into: &events)
                }
                events.append(.contentBlockDelta(index: open?.index ?? 0, delta: .text(text)))
            }
            for call in choice.delta.toolCalls ?? [] {
                let continuing: Bool
                if case .tool(_, let openAIIndex)? = open, openAIIndex == call.index {
                    continuing = true
                } else {
                    continuing = false
                }
                if !continuing {
                    closeOpenBlock(into: &events)
                    let use = AnthropicToolUse(
                        id: call.id ?? "toolu_\(nextBlockIndex)", name: call.function?.name ?? "", input: .object([:]))
                    openBlock(.tool(index: nextBlockIndex, openAIIndex: call.index), block: .toolUse(use), into: &events)
                }
                if let arguments = call.function?.arguments, !arguments.isEmpty {
                    events.append(.contentBlockDelta(index: open?.index ?? 0, delta: .inputJSON(arguments)))
                }
            }
            if let reason = choice.finishReason { finishReason = reason }
        }
        return events
    }

    /// Ends the message: closes the open block, then `message_delta` (stop reason, usage) and `message_stop`.
    public mutating func finish() -> [AnthropicStreamEvent] {
        guard !finished else { return [] }
        var events: [AnthropicStreamEvent] = []
        startIfNeeded(chunkID: nil, chunkModel: nil, into: &events)
        closeOpenBlock(into: &events)
        let usage = self.usage
        let deltaUsage = AnthropicMessageDelta.DeltaUsage(
            outputTokens: usage.outputTokens,
            inputTokens: reportedUsage == nil ? nil : usage.inputTokens,
            cacheReadInputTokens: usage.cacheReadInputTokens)
        events.append(.messageDelta(AnthropicMessageDelta(
            stopReason: StopReason(openAI: finishReason ?? .stop), usage: deltaUsage)))
        events.append(.messageStop)
        finished = true
        return events
    }

    private mutating func startIfNeeded(chunkID: String?, chunkModel: String?, into events: inout [AnthropicStreamEvent]) {
        guard !started else { return }
        started = true
        if messageID == nil { messageID = WireIDs.messageID(fromCompletionID: chunkID ?? "") }
        if model == nil { model = chunkModel ?? "" }
        let shell = MessagesResponse(
            id: messageID ?? "msg_", content: [], model: model ?? "", stopReason: nil,
            usage: AnthropicUsage(inputTokens: promptTokens, outputTokens: 0))
        events.append(.messageStart(shell))
    }

    private mutating func openBlock(_ block: OpenBlock, block content: AnthropicContentBlock,
                                    into events: inout [AnthropicStreamEvent]) {
        open = block
        nextBlockIndex += 1
        events.append(.contentBlockStart(index: block.index, block: content))
        if !pingSent {
            pingSent = true
            events.append(.ping)
        }
    }

    private mutating func closeOpenBlock(into events: inout [AnthropicStreamEvent]) {
        guard let block = open else { return }
        events.append(.contentBlockStop(index: block.index))
        open = nil
    }
}

import SwitchyardJSON

/// Turns ConverseStream events into Anthropic stream events, so every client format is served by the translations
/// Anthropic streams already have.
///
/// Converse opens tool-use blocks only (text blocks start with their first delta) and reports usage in a
/// `metadata` event after `messageStop`; Anthropic wants each block opened and the stop reason with the usage in
/// `message_delta` before `message_stop`. So text blocks are opened on their first delta, and the stop reason is
/// held until the usage comes (or the body ends).
public struct ConverseToAnthropicStream: Sendable {
    private let id: String
    private let model: String
    private var started = false
    private var open: Set<Int> = []
    private var stopReason: String?
    private(set) public var finished = false

    /// A translator naming the message `id` and `model`.
    public init(id: String, model: String) {
        self.id = id
        self.model = model
    }

    /// The Anthropic events for one Converse event; an exception becomes an `error` event.
    public mutating func feed(_ event: ConverseStreamEvent) -> [AnthropicStreamEvent] {
        guard !finished else { return [] }
        var out: [AnthropicStreamEvent] = []
        switch event {
        case .messageStart:
            out += start()
        case .contentBlockStart(let index, let toolUseID, let name):
            out += start()
            guard !open.contains(index) else { break }
            open.insert(index)
            let block: AnthropicContentBlock = if let toolUseID {
                .toolUse(AnthropicToolUse(id: toolUseID, name: name ?? "", input: .object([:])))
            } else {
                .text("")
            }
            out.append(.contentBlockStart(index: index, block: block))
        case .contentBlockDelta(let index, let delta):
            out += start()
            switch delta {
            case .text(let text):
                if !open.contains(index) {
                    open.insert(index)
                    out.append(.contentBlockStart(index: index, block: .text("")))
                }
                out.append(.contentBlockDelta(index: index, delta: .text(text)))
            case .toolInput(let json):
                guard open.contains(index) else { break }
                out.append(.contentBlockDelta(index: index, delta: .inputJSON(json)))
            case .other:
                break
            }
        case .contentBlockStop(let index):
            if open.remove(index) != nil { out.append(.contentBlockStop(index: index)) }
        case .messageStop(let reason):
            out += start()
            out += closeBlocks()
            stopReason = reason
        case .metadata(let usage, _):
            out += start()
            out += closeBlocks()
            out += end(usage: usage)
        case .exception(let type, let message):
            finished = true
            out.append(.error(AnthropicErrorBody.Detail(
                type: ConverseStreamEvent.anthropicErrorType(forException: type),
                message: message.isEmpty ? type : "\(type): \(message)")))
        case .other:
            break
        }
        return out
    }

    /// Closes a stream whose body ended after `messageStop` but without `metadata`; nothing when the stream had
    /// not stopped (the caller then reports it cut).
    public mutating func finish() -> [AnthropicStreamEvent] {
        guard !finished, stopReason != nil else { return [] }
        return end(usage: nil)
    }

    private mutating func start() -> [AnthropicStreamEvent] {
        guard !started else { return [] }
        started = true
        return [.messageStart(MessagesResponse(
            id: id, content: [], model: model, stopReason: nil, usage: AnthropicUsage(inputTokens: 0, outputTokens: 0)))]
    }

    private mutating func closeBlocks() -> [AnthropicStreamEvent] {
        defer { open.removeAll() }
        return open.sorted().map { .contentBlockStop(index: $0) }
    }

    private mutating func end(usage: ConverseUsage?) -> [AnthropicStreamEvent] {
        finished = true
        let delta = AnthropicMessageDelta(
            stopReason: StopReason(converse: stopReason ?? "end_turn"),
            usage: AnthropicMessageDelta.DeltaUsage(
                outputTokens: usage?.outputTokens ?? 0, inputTokens: usage?.inputTokens,
                cacheCreationInputTokens: usage?.cacheWriteInputTokens, cacheReadInputTokens: usage?.cacheReadInputTokens))
        return [.messageDelta(delta), .messageStop]
    }
}

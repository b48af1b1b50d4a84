/// Turns `chat.completion.chunk`s into the Responses event sequence the OpenAI SDK expects.
///
/// The first chunk yields `response.created` and `response.in_progress`. Text opens a `message` item with one
/// `output_text` part (`output_item.added`, `content_part.added`, then `output_text.delta`s); each tool call opens
/// a `function_call` item whose argument fragments become `function_call_arguments.delta`s. One item is open at a
/// time: it closes (`….done` events, then `output_item.done`) when the next begins, or at the end. Chat reports
/// usage after the finish reason, so the closing `response.completed` (or `response.incomplete`, for an answer
/// cut by its token limit) comes from `finish()`, called at `data: [DONE]`; `fail(message:)` ends a stream that
/// broke with `response.failed`.
public struct ChatToResponsesStream: Sendable {
    private struct Item: Sendable {
        var id: String
        /// The call's `call_id`; nil for a message.
        var callID: String?
        /// The function's name; empty for a message.
        var name = ""
        /// The message's text or the call's arguments, appended to in place.
        var content = ""
        /// Set once its `output_item.done` went out.
        var status: ResponsesResponse.Status?
    }

    private let echo: ResponsesEcho
    private let createdAt: Int
    private var responseID: String?
    private var completionID = ""
    private var model: String
    private let modelFromChunk: Bool
    private var nextSequence = 0
    private var started = false
    private var finished = false
    private var items: [Item] = []
    /// The message item taking text, by its place in `items`.
    private var openMessage: Int?
    /// Function call items: chat's tool call index → place in `items`.
    private var calls: [Int: Int] = [:]
    /// The function call item taking arguments, by its place in `items`.
    private var openCall: Int?
    private var usage: ChatUsage?
    /// The finish reason the upstream reported, if any yet.
    public private(set) var finishReason: FinishReason?

    /// A translator answering `request`; `responseID` and `model` default to values derived from the first chunk.
    public init(request: ResponsesRequest, createdAt: Int, responseID: String? = nil, model: String? = nil) {
        echo = ResponsesEcho(request)
        self.createdAt = createdAt
        self.responseID = responseID
        self.model = model ?? ""
        modelFromChunk = model == nil
    }

    /// Consumes one chunk (only choice 0 is translated: Responses has no `n`).
    public mutating func feed(_ chunk: ChatCompletionChunk) -> [ResponsesStreamEvent] {
        guard !finished else { return [] }
        var events: [ResponsesStreamEvent] = []
        startIfNeeded(chunkID: chunk.id, chunkModel: chunk.model, into: &events)
        if let reported = chunk.usage { usage = reported }
        for choice in chunk.choices where choice.index == 0 {
            if let text = choice.delta.content, !text.isEmpty {
                let at = openMessageIfNeeded(into: &events)
                items[at].content += text
                emit(.outputTextDelta(position(at), delta: text), into: &events)
            }
            for call in choice.delta.toolCalls ?? [] {
                let at = openCallIfNeeded(call, into: &events)
                guard let fragment = call.function?.arguments, !fragment.isEmpty else { continue }
                items[at].content += fragment
                // A fragment for a call already closed (chat streams may interleave calls) only reaches the
                // final response.
                if items[at].status == nil {
                    emit(.functionCallArgumentsDelta(position(at), delta: fragment), into: &events)
                }
            }
            if let reason = choice.finishReason { finishReason = reason }
        }
        return events
    }

    /// Ends the response: closes the open items, then `response.completed`, or `response.incomplete` when the
    /// answer was cut short.
    public mutating func finish() -> [ResponsesStreamEvent] {
        guard !finished else { return [] }
        var events: [ResponsesStreamEvent] = []
        startIfNeeded(chunkID: nil, chunkModel: nil, into: &events)
        let status = ResponsesResponse.status(for: finishReason)
        closeAll(status: status, into: &events)
        var response = snapshot(status: status)
        response.incompleteReason = ResponsesResponse.incompleteReason(for: finishReason)
        response.usage = usage.map(ResponsesUsage.init(chat:))
        emit(status == .completed ? .completed(response) : .incomplete(response), into: &events)
        finished = true
        return events
    }

    /// Ends a stream that broke: `response.failed` with what was said so far (and `response.created` first, when
    /// nothing was sent yet, since the SDK's `responses.stream()` needs it before anything else).
    public mutating func fail(message: String) -> [ResponsesStreamEvent] {
        guard !finished else { return [] }
        var events: [ResponsesStreamEvent] = []
        startIfNeeded(chunkID: nil, chunkModel: nil, into: &events)
        var response = snapshot(status: .failed)
        response.error = ResponsesError(code: "server_error", message: message)
        emit(.failed(response), into: &events)
        finished = true
        return events
    }

    // MARK: items

    private mutating func openMessageIfNeeded(into events: inout [ResponsesStreamEvent]) -> Int {
        if let openMessage { return openMessage }
        closeAll(status: .completed, into: &events)
        let base = WireIDs.outputMessageID(fromCompletionID: completionID)
        let messages = items.filter { $0.callID == nil }.count
        let at = items.count
        items.append(Item(id: messages == 0 ? base : "\(base)_\(messages)"))
        openMessage = at
        emit(.outputItemAdded(outputIndex: at, item: item(at, status: .inProgress)), into: &events)
        emit(.contentPartAdded(position(at)), into: &events)
        return at
    }

    private mutating func openCallIfNeeded(
        _ call: ChatCompletionChunk.ToolCallDelta, into events: inout [ResponsesStreamEvent]
    ) -> Int {
        if let known = calls[call.index] { return known }
        // Items follow one another, as on OpenAI's own streams.
        closeAll(status: .completed, into: &events)
        let callID = call.id ?? "call_\(completionID)_\(call.index)"
        let at = items.count
        items.append(Item(
            id: WireIDs.functionCallItemID(fromCallID: callID), callID: callID, name: call.function?.name ?? ""))
        calls[call.index] = at
        openCall = at
        emit(.outputItemAdded(outputIndex: at, item: item(at, status: .inProgress)), into: &events)
        return at
    }

    /// Closes every open item, in output order.
    private mutating func closeAll(status: ResponsesResponse.Status, into events: inout [ResponsesStreamEvent]) {
        for at in [openMessage, openCall].compactMap({ $0 }).sorted() { close(at, status: status, into: &events) }
    }

    private mutating func close(_ at: Int, status: ResponsesResponse.Status, into events: inout [ResponsesStreamEvent]) {
        let entry = items[at]
        if entry.callID == nil {
            emit(.outputTextDone(position(at), text: entry.content), into: &events)
            emit(.contentPartDone(position(at), text: entry.content), into: &events)
            openMessage = nil
        } else {
            emit(.functionCallArgumentsDone(position(at), name: entry.name, arguments: entry.content), into: &events)
            openCall = nil
        }
        items[at].status = status
        emit(.outputItemDone(outputIndex: at, item: item(at, status: status)), into: &events)
    }

    private func item(_ at: Int, status: ResponsesResponse.Status) -> ResponsesOutputItem {
        let entry = items[at]
        guard let callID = entry.callID else { return .message(id: entry.id, status: status, text: entry.content) }
        return .functionCall(id: entry.id, status: status, callID: callID, name: entry.name, arguments: entry.content)
    }

    private func position(_ at: Int) -> ResponsesStreamEvent.Position {
        ResponsesStreamEvent.Position(itemID: items[at].id, outputIndex: at)
    }

    // MARK: the response

    private mutating func startIfNeeded(chunkID: String?, chunkModel: String?, into events: inout [ResponsesStreamEvent]) {
        guard !started else { return }
        started = true
        completionID = chunkID ?? ""
        if responseID == nil { responseID = WireIDs.responseID(fromCompletionID: completionID) }
        if modelFromChunk { model = chunkModel ?? "" }
        let shell = snapshot(status: .inProgress)
        emit(.created(shell), into: &events)
        emit(.inProgress(shell), into: &events)
    }

    /// The response as it stands: items closed keep their status, items still open are `incomplete`.
    private func snapshot(status: ResponsesResponse.Status) -> ResponsesResponse {
        let output = status == .inProgress ? [] : items.indices.map { at in
            item(at, status: items[at].status ?? .incomplete)
        }
        return ResponsesResponse(
            id: responseID ?? "resp_", createdAt: createdAt, status: status, model: model, output: output, echo: echo)
    }

    private mutating func emit(_ kind: ResponsesStreamEvent.Kind, into events: inout [ResponsesStreamEvent]) {
        events.append(ResponsesStreamEvent(sequenceNumber: nextSequence, kind))
        nextSequence += 1
    }
}

import SwitchyardJSON
extension ResponsesResponse {
    /// Translates the first choice of a chat completion into the Responses object answering `request`.
    ///
    /// The text becomes one `message` item, each tool call a `function_call` item after it. A completion cut by
    /// its token limit is `incomplete` with reason `max_output_tokens`, one stopped by a content filter with
    /// reason `content_filter`.
    public init(translating response: ChatCompletionResponse, request: ResponsesRequest, createdAt: Int) {
        let choice = response.choices.first
        let finish = choice?.finishReason
        let status = ResponsesResponse.status(for: finish)
        var output: [ResponsesOutputItem] = []
        if let text = choice?.message.textContent, !text.isEmpty {
            output.append(.message(
                id: WireIDs.outputMessageID(fromCompletionID: response.id), status: status, text: text))
        }
        for call in choice?.message.toolCalls ?? [] {
            output.append(.functionCall(
                id: WireIDs.functionCallItemID(fromCallID: call.id), status: .completed, callID: call.id,
                name: call.function.name, arguments: call.function.arguments))
        }
        self.init(
            id: WireIDs.responseID(fromCompletionID: response.id), createdAt: createdAt, status: status,
            incompleteReason: ResponsesResponse.incompleteReason(for: finish), model: response.model, output: output,
            usage: response.usage.map(ResponsesUsage.init(chat:)), echo: ResponsesEcho(request))
    }

    /// `incomplete` for a completion cut short (by its token limit or a filter), else `completed`.
    static func status(for finish: FinishReason?) -> Status {
        incompleteReason(for: finish) == nil ? .completed : .incomplete
    }

    /// The `incomplete_details.reason` a chat finish reason stands for, if it cut the answer short.
    static func incompleteReason(for finish: FinishReason?) -> String? {
        if finish == .length { return "max_output_tokens" }
        if finish == .contentFilter { return "content_filter" }
        return nil
    }
}

import SwitchyardJSON

/// The pure parts of sending a Responses request to an upstream that serves the Responses API itself: what the
/// upstream is sent, and what the gateway reads from (or changes in) its answer. The transports do the I/O.
public enum ResponsesPassThrough {
    /// The request as the upstream gets it: addressed to `upstreamModel`, streamed when `streaming`, and without
    /// what the gateway owns. `previous_response_id` is gone (the conversation it names is already in `input`)
    /// and `store` is false: the gateway keeps responses itself and routes every request anew, so a response kept
    /// by one upstream could not be continued on the next. Everything else goes as the client sent it.
    public static func upstreamRequest(
        _ request: ResponsesRequest, upstreamModel: String, streaming: Bool
    ) -> ResponsesRequest {
        var sent = request
        sent.model = upstreamModel
        sent.stream = streaming ? true : nil
        sent.store = false
        sent.previousResponseID = nil
        return sent
    }

    /// The token usage a response object reports (`usage`), cached and reasoning tokens included; nil without one.
    public static func usage(of response: JSONValue) -> ResponsesUsage? {
        guard let usage = response["usage"], let input = usage["input_tokens"]?.intValue,
              let output = usage["output_tokens"]?.intValue
        else { return nil }
        return ResponsesUsage(
            inputTokens: max(0, input), cachedTokens: max(0, usage["input_tokens_details"]?["cached_tokens"]?.intValue ?? 0),
            outputTokens: max(0, output),
            reasoningTokens: max(0, usage["output_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0))
    }

    /// `response` as the client's request gets it: under the gateway's id `id` when the gateway keeps it (the id a
    /// later `previous_response_id` or `GET /v1/responses/{id}` names), with `store` and `previous_response_id` as
    /// for the client, not as the gateway sent them upstream.
    public static func restored(_ response: JSONValue, for request: ResponsesRequest, id: String?) -> JSONValue {
        guard var object = response.objectValue else { return response }
        if let id { object["id"] = .string(id) }
        object["store"] = .bool(request.store ?? false)
        object["previous_response_id"] = request.previousResponseID.map(JSONValue.string) ?? .null
        return .object(object)
    }

    /// A stream event whose `response` (created, in progress, completed …) is `restored`; other events are
    /// returned unchanged.
    public static func restoredEvent(_ event: JSONValue, for request: ResponsesRequest, id: String?) -> JSONValue {
        guard var object = event.objectValue, let response = object["response"], response.objectValue != nil else {
            return event
        }
        object["response"] = restored(response, for: request, id: id)
        return .object(object)
    }

    /// A new gateway response id: `resp_` and 24 hex digits, OpenAI's shape.
    public static func newResponseID() -> String {
        let hex = (0..<2).map { _ in
            let word = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }
        return "resp_" + hex.joined().prefix(24)
    }

    /// The conversation after a natively answered `response` to `request`: the request's input, then the
    /// response's output items as input items. A reasoning item without `encrypted_content` is left out: the
    /// upstream kept nothing it could be looked up by (the gateway sends `store: false`).
    public static func conversation(request: ResponsesRequest, response: JSONValue) -> [ResponsesInputItem] {
        let output = response["output"]?.arrayValue ?? []
        let replayable = output.filter { item in
            item["type"]?.stringValue != "reasoning" || (item["encrypted_content"]?.stringValue.map { !$0.isEmpty } ?? false)
        }
        return request.inputItems + replayable.compactMap { try? ResponsesInputItem(wire: $0) }
    }

    /// Whether a stream event of `type` carries model output: the first one tells the gateway the stream began
    /// (it can no longer fall back).
    public static func carriesContent(_ type: String) -> Bool {
        contentTypes.contains(type)
    }

    private static let contentTypes: Set<String> = [
        "response.output_text.delta", "response.function_call_arguments.delta", "response.refusal.delta",
        "response.reasoning_summary_text.delta", "response.output_item.done", "response.completed",
        "response.incomplete",
    ]

    /// The event types that end a stream the upstream finished: the response is whole.
    public static let closingTypes: Set<String> = ["response.completed", "response.incomplete"]

    /// The error a `response.failed` or `error` stream event reports: its code (`server_error`,
    /// `rate_limit_exceeded` …) and message; nil for any other event.
    public static func streamError(_ event: JSONValue) -> (code: String?, message: String)? {
        switch event["type"]?.stringValue {
        case "error":
            let error = event["error"] ?? event
            return (error["code"]?.stringValue, error["message"]?.stringValue ?? "upstream error")
        case "response.failed":
            let error = event["response"]?["error"]
            return (error?["code"]?.stringValue, error?["message"]?.stringValue ?? "the response failed")
        default:
            return nil
        }
    }

    /// The `response.failed` event ending a stream that broke after it began: the last response the stream
    /// announced (`snapshot`), marked failed with `message`; a bare `error` event when there was none.
    public static func failedEvent(snapshot: JSONValue?, message: String, sequenceNumber: Int) -> JSONValue {
        let error: JSONValue = ["code": "server_error", "message": .string(message)]
        guard var response = snapshot?.objectValue else {
            return ["type": "error", "code": "server_error", "message": .string(message), "param": nil,
                    "sequence_number": .int(sequenceNumber)]
        }
        response["status"] = "failed"
        response["error"] = error
        return ["type": "response.failed", "sequence_number": .int(sequenceNumber), "response": .object(response)]
    }
}

import SwitchyardJSON

/// One ConverseStream event, read from an event-stream message's `:event-type` and JSON payload.
public enum ConverseStreamEvent: Hashable, Sendable {
    /// `messageStart {role}`.
    case messageStart(role: String)
    /// `contentBlockStart {contentBlockIndex, start: {toolUse: {toolUseId, name}}}`; text blocks have none.
    case contentBlockStart(index: Int, toolUseID: String?, name: String?)
    /// `contentBlockDelta {contentBlockIndex, delta: {text} | {toolUse: {input}}}`.
    case contentBlockDelta(index: Int, delta: Delta)
    /// `contentBlockStop {contentBlockIndex}`.
    case contentBlockStop(index: Int)
    /// `messageStop {stopReason}`.
    case messageStop(stopReason: String)
    /// `metadata {usage, metrics: {latencyMs}}`.
    case metadata(usage: ConverseUsage, latencyMs: Int?)
    /// An exception message (`:message-type` `exception`): `throttlingException`, `modelStreamErrorException`, ….
    case exception(type: String, message: String)
    /// An event this gateway has no use for (kept so the stream reads on).
    case other(String)

    /// What a `contentBlockDelta` adds.
    public enum Delta: Hashable, Sendable {
        /// More answer text.
        case text(String)
        /// More of a tool call's input, a piece of JSON text.
        case toolInput(String)
        /// Reasoning or citation deltas, not relayed.
        case other
    }

    /// Reads an event-stream message; throws when a known event's payload has the wrong shape.
    public init(_ message: EventStreamMessage) throws {
        let json = message.payload.isEmpty ? JSONValue.object([:]) : try JSONParser.parse(message.payload)
        let kind = message.kind ?? ""
        switch message.messageType {
        case "exception", "error":
            self = .exception(type: kind, message: json["message"]?.stringValue ?? json["Message"]?.stringValue ?? "")
            return
        default: break
        }
        let c = try WireObject(json)
        switch kind {
        case "messageStart":
            self = .messageStart(role: try c.optional("role") ?? "assistant")
        case "contentBlockStart":
            let use = json["start"]?["toolUse"]
            self = .contentBlockStart(index: try c.value("contentBlockIndex"),
                                      toolUseID: use?["toolUseId"]?.stringValue, name: use?["name"]?.stringValue)
        case "contentBlockDelta":
            let delta = json["delta"]
            let parsed: Delta = if let text = delta?["text"]?.stringValue {
                .text(text)
            } else if let input = delta?["toolUse"]?["input"]?.stringValue {
                .toolInput(input)
            } else {
                .other
            }
            self = .contentBlockDelta(index: try c.value("contentBlockIndex"), delta: parsed)
        case "contentBlockStop":
            self = .contentBlockStop(index: try c.value("contentBlockIndex"))
        case "messageStop":
            self = .messageStop(stopReason: try c.value("stopReason"))
        case "metadata":
            self = .metadata(usage: try c.optional("usage") ?? ConverseUsage(inputTokens: 0, outputTokens: 0),
                             latencyMs: json["metrics"]?["latencyMs"]?.intValue)
        default:
            self = .other(kind)
        }
    }

    /// The Anthropic error type that stands for a Bedrock exception, so a stream's failure is classified alike.
    public static func anthropicErrorType(forException type: String) -> String {
        switch type.lowercased() {
        case "throttlingexception", "servicequotaexceededexception", "modelnotreadyexception": "rate_limit_error"
        case "serviceunavailableexception": "overloaded_error"
        case "validationexception": "invalid_request_error"
        case "accessdeniedexception": "permission_error"
        case "resourcenotfoundexception": "not_found_error"
        default: "api_error"  // modelStreamErrorException, internalServerException, modelTimeoutException
        }
    }
}

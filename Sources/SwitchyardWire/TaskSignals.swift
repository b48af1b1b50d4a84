import SwitchyardJSON

/// What task routing reads from a request, the same for every wire format: the texts it matches and the
/// structural facts (images, tools, a response format, reasoning asked for) that decide a task on their own.
public struct TaskSignals: Sendable, Hashable {
    /// An image part anywhere in the conversation (tool results included).
    public var hasImages = false
    /// Tools are offered.
    public var offersTools = false
    /// A JSON schema or JSON object response format is asked for.
    public var wantsStructuredOutput = false
    /// Reasoning effort or extended thinking is asked for (`reasoning_effort`, `reasoning`, `thinking`).
    public var requestsReasoning = false
    /// The prompt's estimated tokens (as admission reserves them).
    public var estimatedTokens = 0
    /// The text of the last user message (its text parts joined).
    public var lastUserText = ""
    /// The system prompt's text (OpenAI's system and developer messages, Anthropic's `system`).
    public var systemText = ""
    /// The task the client named in the body (`metadata.task`), if any.
    public var declaredTask: String?

    public init() {}
}

extension ClientRequest {
    /// The signals task routing reads from this request, whose prompt is estimated at `estimatedTokens` (the
    /// ingress has counted them already; `estimatedInputTokens` counts them).
    public func taskSignals(estimatedTokens: Int) -> TaskSignals {
        var signals: TaskSignals
        switch self {
        case .chat(let r): signals = r.taskSignals
        case .messages(let r): signals = r.taskSignals
        case .embeddings: signals = TaskSignals()
        }
        signals.estimatedTokens = estimatedTokens
        return signals
    }

    /// The prompt's estimated tokens (as admission reserves them).
    public var estimatedInputTokens: Int {
        switch self {
        case .chat(let r): TokenEstimate.inputTokens(r)
        case .messages(let r): TokenEstimate.inputTokens(r)
        case .embeddings(let r): TokenEstimate.inputTokens(r)
        }
    }

    /// The request without the routing metadata a client may put in its body (`metadata.task`), which no
    /// upstream is told about.
    public var withoutTaskMetadata: ClientRequest {
        switch self {
        case .chat(var r):
            r.extra["metadata"] = r.extra["metadata"].flatMap(Self.removingTask)
            return .chat(r)
        case .messages(var r):
            r.metadata = r.metadata.flatMap(Self.removingTask)
            return .messages(r)
        case .embeddings: return self
        }
    }

    /// `metadata` without its `task` member; nil when nothing else is left.
    static func removingTask(_ metadata: JSONValue) -> JSONValue? {
        guard case .object(var members) = metadata, members["task"] != nil else { return metadata }
        members["task"] = nil
        return members.isEmpty ? nil : .object(members)
    }

    static func declaredTask(_ metadata: JSONValue?) -> String? {
        guard case .string(let task)? = metadata?["task"] else { return nil }
        return task
    }
}

extension ChatCompletionRequest {
    var taskSignals: TaskSignals {
        var s = TaskSignals()
        s.offersTools = !(tools ?? []).isEmpty
        if case .object(let format)? = responseFormat, case .string(let type)? = format["type"] {
            s.wantsStructuredOutput = type == "json_schema" || type == "json_object"
        }
        s.requestsReasoning = extra["reasoning_effort"].map { $0 != .null } ?? false
            || extra["reasoning"].map { $0 != .null } ?? false
        var system: [String] = []
        var lastUser: ChatMessage?
        for message in messages {
            if case .parts(let parts)? = message.content,
               parts.contains(where: { if case .imageURL = $0 { true } else { false } }) {
                s.hasImages = true
            }
            switch message.role {
            case .system, .developer: system.append(message.content?.text ?? "")
            case .user: lastUser = message
            default: break
            }
        }
        // Only the last user message's text is read: earlier turns are what was asked before.
        s.lastUserText = lastUser?.content?.text ?? ""
        s.systemText = system.joined(separator: "\n")
        s.declaredTask = ClientRequest.declaredTask(extra["metadata"])
        return s
    }
}

extension MessagesRequest {
    var taskSignals: TaskSignals {
        var s = TaskSignals()
        s.offersTools = !(tools ?? []).isEmpty
        if case .object(let thinking)? = extra["thinking"], case .string(let type)? = thinking["type"] {
            s.requestsReasoning = type != "disabled"
        }
        s.systemText = system?.text ?? ""
        var lastUser: AnthropicMessage?
        for message in messages {
            if Self.containsImage(message.content.blocks) { s.hasImages = true }
            // A turn of tool results only is not what the user asked.
            if message.role == "user", message.content.blocks.contains(where: { $0.text != nil }) || lastUser == nil {
                lastUser = message
            }
        }
        s.lastUserText = lastUser.map { $0.content.blocks.compactMap(\.text).joined(separator: "\n") } ?? ""
        s.declaredTask = ClientRequest.declaredTask(metadata)
        return s
    }

    private static func containsImage(_ blocks: [AnthropicContentBlock]) -> Bool {
        blocks.contains { block in
            switch block {
            case .image: true
            case .toolResult(let result): containsImage(result.content?.blocks ?? [])
            default: false
            }
        }
    }
}

extension ResponsesRequest {
    /// The request without `metadata.task`, for an upstream that takes it natively.
    public var withoutTaskMetadata: ResponsesRequest {
        var r = self
        r.metadata = r.metadata.flatMap(ClientRequest.removingTask)
        return r
    }
}

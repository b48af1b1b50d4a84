import SwitchyardJSON
/// A Responses API `response` object, as `POST /v1/responses` answers and its stream's lifecycle events carry.
/// Written only: the gateway builds it from a chat answer and never reads one.
public struct ResponsesResponse: Encodable, WireEncodable, Hashable, Sendable {
    /// `in_progress`, `completed`, `incomplete` or `failed`.
    public struct Status: WireString {
        /// The wire string.
        public var rawValue: String
        /// Wraps a wire string.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// `in_progress`.
        public static let inProgress: Status = "in_progress"
        /// `completed`.
        public static let completed: Status = "completed"
        /// `incomplete`.
        public static let incomplete: Status = "incomplete"
        /// `failed`.
        public static let failed: Status = "failed"
    }

    /// `resp_…`.
    public var id: String
    /// Unix seconds.
    public var createdAt: Int
    /// The `status` member.
    public var status: Status
    /// Why the response is `failed`: `{"code","message"}`.
    public var error: ResponsesError?
    /// Why it is `incomplete`: `max_output_tokens` or `content_filter`.
    public var incompleteReason: String?
    /// The `model` member.
    public var model: String
    /// The `output` member.
    public var output: [ResponsesOutputItem]
    /// Set once the model is done.
    public var usage: ResponsesUsage?
    /// The request's settings the response repeats.
    public var echo: ResponsesEcho

    /// Creates a value from its members.
    public init(
        id: String, createdAt: Int, status: Status, error: ResponsesError? = nil, incompleteReason: String? = nil,
        model: String, output: [ResponsesOutputItem], usage: ResponsesUsage? = nil, echo: ResponsesEcho
    ) {
        self.id = id
        self.createdAt = createdAt
        self.status = status
        self.error = error
        self.incompleteReason = incompleteReason
        self.model = model
        self.output = output
        self.usage = usage
        self.echo = echo
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON, every member OpenAI's responses carry (null when unset).
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(id, "id")
        w.put("response", "object")
        w.put(createdAt, "created_at")
        w.put(status, "status")
        w.put(false, "background")
        w.putNullable(status == .completed ? createdAt : nil, "completed_at")
        w.putNullable(error, "error")
        w.key("incomplete_details")
        if let incompleteReason {
            w.beginObject()
            w.put(incompleteReason, "reason")
            w.endObject()
        } else {
            w.null()
        }
        w.putNullable(echo.instructions, "instructions")
        w.putNullable(echo.maxOutputTokens, "max_output_tokens")
        w.put(JSONValue.null, "max_tool_calls")
        w.put(model, "model")
        w.put(output, "output")
        w.put(echo.parallelToolCalls, "parallel_tool_calls")
        w.putNullable(echo.previousResponseID, "previous_response_id")
        w.put(echo.reasoning, "reasoning")
        w.put(echo.store, "store")
        w.putNullable(echo.temperature, "temperature")
        w.put(echo.text, "text")
        w.put(echo.toolChoice, "tool_choice")
        w.put(echo.tools, "tools")
        w.putNullable(echo.topP, "top_p")
        w.put("disabled", "truncation")
        w.putNullable(usage, "usage")
        w.putNullable(echo.user, "user")
        w.putNullable(echo.safetyIdentifier, "safety_identifier")
        w.put(echo.metadata, "metadata")
        w.endObject()
    }
}

/// What a response repeats of the request that asked for it, with OpenAI's defaults for what was not set.
public struct ResponsesEcho: Hashable, Sendable {
    /// The `instructions` member.
    public var instructions: String?
    /// The `max_output_tokens` member.
    public var maxOutputTokens: Int?
    /// The `parallel_tool_calls` member (default true).
    public var parallelToolCalls: Bool
    /// The `reasoning` member (default `{"effort":null,"summary":null}`).
    public var reasoning: JSONValue
    /// The `temperature` member.
    public var temperature: Double?
    /// The `text` member (default `{"format":{"type":"text"}}`).
    public var text: JSONValue
    /// The `tool_choice` member (default `"auto"`).
    public var toolChoice: JSONValue
    /// The `tools` member.
    public var tools: [ResponsesTool]
    /// The `top_p` member.
    public var topP: Double?
    /// The `user` member.
    public var user: String?
    /// The `safety_identifier` member.
    public var safetyIdentifier: String?
    /// The `metadata` member (default `{}`).
    public var metadata: JSONValue
    /// The response this one continues.
    public var previousResponseID: String?
    /// Whether the gateway keeps the response: the request's `store` as the ingress settled it (false unless it
    /// set it true, which it does only when it will keep the response).
    public var store: Bool

    /// The settings of `request`.
    public init(_ request: ResponsesRequest) {
        instructions = request.instructions
        maxOutputTokens = request.maxOutputTokens
        parallelToolCalls = request.parallelToolCalls ?? true
        reasoning = request.reasoning ?? ["effort": .null, "summary": .null]
        temperature = request.temperature
        text = request.text ?? ["format": ["type": "text"]]
        toolChoice = request.toolChoice ?? "auto"
        tools = request.tools ?? []
        topP = request.topP
        user = request.user
        safetyIdentifier = request.safetyIdentifier
        metadata = request.metadata ?? .object([:])
        previousResponseID = request.previousResponseID
        store = request.store ?? false
    }
}

/// `error` of a failed response: `{"code","message"}`.
public struct ResponsesError: Encodable, WireEncodable, Hashable, Sendable {
    /// One of OpenAI's codes (`server_error`, `rate_limit_exceeded`, …).
    public var code: String
    /// The `message` member.
    public var message: String

    /// Creates a value from its members.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(code, "code")
        w.put(message, "message")
        w.endObject()
    }
}

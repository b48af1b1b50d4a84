import SwitchyardJSON
/// `POST /v1/responses` request body (OpenAI's Responses API). The gateway serves it as a chat completion
/// (`ChatCompletionRequest(translating:)`), so only what chat can carry is modelled; `unsupported` names the rest.
public struct ResponsesRequest: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `model` member.
    public var model: String
    /// A string (one user message) or a list of items.
    public var input: ResponsesInput
    /// A system message put before the input.
    public var instructions: String?
    /// The `tools` member.
    public var tools: [ResponsesTool]?
    /// `"auto"`, `"none"`, `"required"`, `{"type":"function","name":…}` or a shape the gateway refuses; kept as sent.
    public var toolChoice: JSONValue?
    /// `{"format":{"type":"text"|"json_object"|"json_schema",…}}`, kept as sent.
    public var text: JSONValue?
    /// The `max_output_tokens` member.
    public var maxOutputTokens: Int?
    /// The `temperature` member.
    public var temperature: Double?
    /// The `top_p` member.
    public var topP: Double?
    /// `{"effort":…,"summary":…}`, kept as sent.
    public var reasoning: JSONValue?
    /// The `metadata` member, echoed on the response.
    public var metadata: JSONValue?
    /// The `user` member.
    public var user: String?
    /// The `safety_identifier` member, OpenAI's successor to `user`.
    public var safetyIdentifier: String?
    /// The `parallel_tool_calls` member.
    public var parallelToolCalls: Bool?
    /// The `stream` member.
    public var stream: Bool?
    /// The `store` member: false asks that the response not be kept (kept only when the gateway stores responses).
    public var store: Bool?
    /// The stored response this request continues; the gateway folds its conversation into `input`.
    public var previousResponseID: String?
    /// The `conversation` member, refused like `previous_response_id`.
    public var conversation: JSONValue?
    /// The `background` member; `true` is refused.
    public var background: Bool?
    /// Every member not modelled above, written back unchanged on encode.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        model: String, input: ResponsesInput, instructions: String? = nil, tools: [ResponsesTool]? = nil,
        toolChoice: JSONValue? = nil, text: JSONValue? = nil, maxOutputTokens: Int? = nil, temperature: Double? = nil,
        topP: Double? = nil, reasoning: JSONValue? = nil, metadata: JSONValue? = nil, user: String? = nil,
        safetyIdentifier: String? = nil, parallelToolCalls: Bool? = nil, stream: Bool? = nil, store: Bool? = nil,
        previousResponseID: String? = nil, conversation: JSONValue? = nil, background: Bool? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.model = model
        self.input = input
        self.instructions = instructions
        self.tools = tools
        self.toolChoice = toolChoice
        self.text = text
        self.maxOutputTokens = maxOutputTokens
        self.temperature = temperature
        self.topP = topP
        self.reasoning = reasoning
        self.metadata = metadata
        self.user = user
        self.safetyIdentifier = safetyIdentifier
        self.parallelToolCalls = parallelToolCalls
        self.stream = stream
        self.store = store
        self.previousResponseID = previousResponseID
        self.conversation = conversation
        self.background = background
        self.extra = extra
    }

    /// Whether the client asked for a stream.
    public var isStreaming: Bool { stream ?? false }

    static let known: Set<String> = [
        "model", "input", "instructions", "tools", "tool_choice", "text", "max_output_tokens", "temperature", "top_p",
        "reasoning", "metadata", "user", "safety_identifier", "parallel_tool_calls", "stream", "store",
        "previous_response_id", "conversation", "background",
    ]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        model = try c.value("model")
        input = try c.optional("input") ?? .items([])
        instructions = try c.optional("instructions")
        tools = try c.optional("tools")
        toolChoice = try c.optional("tool_choice")
        text = try c.optional("text")
        maxOutputTokens = try c.optional("max_output_tokens")
        temperature = try c.optional("temperature")
        topP = try c.optional("top_p")
        reasoning = try c.optional("reasoning")
        metadata = try c.optional("metadata")
        user = try c.optional("user")
        safetyIdentifier = try c.optional("safety_identifier")
        parallelToolCalls = try c.optional("parallel_tool_calls")
        stream = try c.optional("stream")
        store = try c.optional("store")
        previousResponseID = try c.optional("previous_response_id")
        conversation = try c.optional("conversation")
        background = try c.optional("background")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(model, "model")
        w.put(input, "input")
        w.putIfPresent(instructions, "instructions")
        w.putIfPresent(tools, "tools")
        w.putIfPresent(toolChoice, "tool_choice")
        w.putIfPresent(text, "text")
        w.putIfPresent(maxOutputTokens, "max_output_tokens")
        w.putIfPresent(temperature, "temperature")
        w.putIfPresent(topP, "top_p")
        w.putIfPresent(reasoning, "reasoning")
        w.putIfPresent(metadata, "metadata")
        w.putIfPresent(user, "user")
        w.putIfPresent(safetyIdentifier, "safety_identifier")
        w.putIfPresent(parallelToolCalls, "parallel_tool_calls")
        w.putIfPresent(stream, "stream")
        w.putIfPresent(store, "store")
        w.putIfPresent(previousResponseID, "previous_response_id")
        w.putIfPresent(conversation, "conversation")
        w.putIfPresent(background, "background")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }
}

/// `input`: a plain string (one user message) or a list of items.
public enum ResponsesInput: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// A plain string.
    case text(String)
    /// Messages, function calls and their outputs, in conversation order.
    case items([ResponsesInputItem])

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        if case .string(let s) = json {
            self = .text(s)
        } else {
            self = .items(try [ResponsesInputItem](wire: json))
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .text(let s): w.string(s)
        case .items(let items): items.writeWire(to: &w)
        }
    }
}

import SwitchyardJSON

/// `POST /v1/completions` body: OpenAI's legacy text completion. The gateway serves it as a chat completion
/// (`ChatCompletionRequest(translating:)`) with the prompt as one user message; `unsupported` names what a chat
/// completion cannot carry.
public struct CompletionsRequest: Decodable, WireDecodable, Hashable, Sendable {
    public var model: String
    /// One prompt (a string, or an array holding one string).
    public var prompt: String?
    /// What else `prompt` held, refused (several prompts, token arrays).
    public var promptProblem: String?
    /// The legacy API's default is 16 tokens when none is given.
    public var maxTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var n: Int?
    public var stream: Bool?
    public var streamOptions: ChatCompletionRequest.StreamOptions?
    public var stop: StopSequences?
    public var seed: Int?
    public var user: String?
    /// `logprobs`, `echo`, `best_of`, `suffix`: the legacy-only features chat cannot serve.
    public var logprobs: JSONValue?
    public var echo: Bool?
    public var bestOf: Int?
    public var suffix: String?
    /// `presence_penalty`, `frequency_penalty`, `logit_bias` and anything else, passed on to chat as sent.
    public var extra: [String: JSONValue]

    /// The legacy API's completion ceiling when the request sets none.
    public static let defaultMaxTokens = 16

    static let known: Set<String> = [
        "model", "prompt", "max_tokens", "temperature", "top_p", "n", "stream", "stream_options", "stop", "seed",
        "user", "logprobs", "echo", "best_of", "suffix",
    ]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        model = try c.value("model")
        switch json["prompt"] {
        case .string(let text)?:
            prompt = text
        case .array(let items)? where items.count == 1:
            if case .string(let text) = items[0] { prompt = text } else { promptProblem = "token arrays are not supported; send the prompt as text" }
        case .array(let items)? where items.isEmpty:
            promptProblem = "'prompt' must not be empty"
        case .array?:
            promptProblem = "one prompt per request: send each prompt as its own request"
        case nil, .null?:
            promptProblem = "'prompt' is required"
        case let other?:
            throw WireDecodingFailure.mismatch("a string or an array of strings", other)
        }
        maxTokens = try c.optional("max_tokens")
        temperature = try c.optional("temperature")
        topP = try c.optional("top_p")
        n = try c.optional("n")
        stream = try c.optional("stream")
        streamOptions = try c.optional("stream_options")
        stop = try c.optional("stop")
        seed = try c.optional("seed")
        user = try c.optional("user")
        logprobs = try c.optional("logprobs")
        echo = try c.optional("echo")
        bestOf = try c.optional("best_of")
        suffix = try c.optional("suffix")
        extra = c.extras(excluding: Self.known)
    }

    public var isStreaming: Bool { stream ?? false }

    /// The first thing in the body a chat completion cannot serve, with the parameter it is about.
    public var unsupported: (param: String, message: String)? {
        if let promptProblem { return ("prompt", promptProblem) }
        if let logprobs, logprobs != .null { return ("logprobs", "'logprobs' is not supported by this gateway's completions") }
        if echo == true { return ("echo", "'echo' is not supported by this gateway's completions") }
        if let bestOf, bestOf > 1 { return ("best_of", "'best_of' greater than 1 is not supported by this gateway's completions") }
        if let suffix, !suffix.isEmpty { return ("suffix", "'suffix' (insertion) is not supported by this gateway's completions") }
        return nil
    }
}

extension ChatCompletionRequest {
    /// The chat completion a legacy completion is served as: the prompt as one user message, `max_tokens`
    /// defaulting to the legacy 16. Streams always ask for usage (the ledger needs it); the client sees the usage
    /// chunk only if it asked.
    public init(translating request: CompletionsRequest) {
        self.init(
            model: request.model,
            messages: [.text(.user, request.prompt ?? "")],
            stream: request.stream,
            streamOptions: request.isStreaming ? StreamOptions(includeUsage: true) : nil,
            n: request.n,
            stop: request.stop,
            maxTokens: request.maxTokens ?? CompletionsRequest.defaultMaxTokens,
            temperature: request.temperature,
            topP: request.topP,
            user: request.user,
            seed: request.seed,
            extra: request.extra
        )
    }
}

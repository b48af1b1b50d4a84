import SwitchyardJSON

/// The operation a client asked for, parsed, in the wire format it spoke: what the ingress hands the engine with
/// a request, and what a transport turns into the upstream's format.
public enum ClientRequest: Sendable, Hashable {
    case chat(ChatCompletionRequest)
    case messages(MessagesRequest)
    case embeddings(EmbeddingsRequest)

    public var isStreaming: Bool {
        switch self {
        case .chat(let r): r.isStreaming
        case .messages(let r): r.isStreaming
        case .embeddings: false
        }
    }

    /// The same request asking for a complete answer instead of a stream.
    public var unstreamed: ClientRequest {
        switch self {
        case .chat(var r):
            r.stream = nil
            r.streamOptions = nil
            return .chat(r)
        case .messages(var r):
            r.stream = nil
            return .messages(r)
        case .embeddings: return self
        }
    }

    /// Whether a streamed chat answer should end with a usage chunk (`stream_options.include_usage`).
    public var includesStreamUsage: Bool {
        if case .chat(let r) = self { return r.includeUsage }
        return false
    }
}

/// The wire families of the market: OpenAI's, Anthropic's and Google's Gemini API.
public enum WireFormat: Sendable, Hashable {
    case openAI, anthropic
    case gemini
}

/// A complete response in the client's format.
public enum ClientReply: Sendable, Hashable {
    case chat(ChatCompletionResponse)
    case messages(MessagesResponse)
    case embeddings(EmbeddingsResponse)
    /// A Responses API `response` object as an upstream that serves the API natively wrote it, kept whole.
    case responses(JSONValue)
}

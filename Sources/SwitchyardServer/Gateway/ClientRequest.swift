import SwitchyardWire

/// A parsed client request, in the wire format the client spoke. The ingress attaches it to the engine's
/// request; the HTTP transport turns it into the upstream's format.
enum ClientRequest: Sendable {
    case chat(ChatCompletionRequest)
    case messages(MessagesRequest)
    case embeddings(EmbeddingsRequest)

    var isStreaming: Bool {
        switch self {
        case .chat(let r): r.isStreaming
        case .messages(let r): r.isStreaming
        case .embeddings: false
        }
    }
}

/// The two wire families of the market.
enum WireFormat: Sendable {
    case openAI, anthropic
}

/// A complete response in the client's format.
enum ClientReply: Sendable {
    case chat(ChatCompletionResponse)
    case messages(MessagesResponse)
    case embeddings(EmbeddingsResponse)
}

import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// A client operation the ingress routes: where it is posted, what in its decoded body the gateway refuses, and
/// what the engine is told about it. One route (`GatewayIngress.route`) serves every operation through this.
protocol IngressOperation: WireDecodable, Decodable, Sendable {
    /// The wire format its clients speak, for errors.
    static var format: WireFormat { get }
    /// The path it is posted to, for traces.
    static var endpoint: String { get }
    /// The model group asked for.
    var model: String { get }
    /// The first thing the gateway refuses in an otherwise well-formed body (no messages, a number out of range).
    var violation: ClientNumbers.Violation? { get }
    /// The prompt's estimated tokens, which admission reserves by.
    var estimatedInputTokens: Int { get }
    /// The completion ceiling, `fallback` when the client set none.
    func outputCeiling(fallback: Int) -> Int
    /// Whether the answer streams.
    var streams: Bool { get }
    /// The operation as the engine carries it.
    var operation: ClientRequest { get }
    /// How the engine's answer is written for this operation's clients.
    var replyShape: ReplyShape { get }
    /// The Responses request itself, for deployments that serve the Responses API natively; nil for every other.
    var nativeResponses: ResponsesRequest? { get }
    /// The operation with the stored state it continues folded in, and how its answer is written; or why that
    /// cannot be. `key` is the caller's virtual key, which stored state is scoped to.
    func prepared(responses: StoredResponses?, key: String?) async -> PreparedOperation<Self>
}

extension IngressOperation {
    var replyShape: ReplyShape { .asAnswered }
    var nativeResponses: ResponsesRequest? { nil }
    func prepared(responses: StoredResponses?, key: String?) async -> PreparedOperation<Self> {
        .ready(self, replyShape)
    }
}

/// An operation ready for the engine, or the ingress's refusal of it.
enum PreparedOperation<Operation: Sendable>: Sendable {
    case ready(Operation, ReplyShape)
    case refused(status: Int, message: String, param: String?, code: String?)
}

extension ChatCompletionRequest: IngressOperation {
    static var format: WireFormat { .openAI }
    static var endpoint: String { "/v1/chat/completions" }
    var violation: ClientNumbers.Violation? {
        if messages.isEmpty {
            return .init(param: "messages", message: "'messages' must contain at least one message")
        }
        return ClientNumbers.violation(self)
    }
    var estimatedInputTokens: Int { TokenEstimate.inputTokens(self) }
    func outputCeiling(fallback: Int) -> Int { maxOutputTokens ?? fallback }
    var streams: Bool { isStreaming }
    var operation: ClientRequest { .chat(self) }
}

extension MessagesRequest: IngressOperation {
    static var format: WireFormat { .anthropic }
    static var endpoint: String { "/v1/messages" }
    var violation: ClientNumbers.Violation? {
        if messages.isEmpty { return .init(param: "messages", message: "messages: at least one message is required") }
        return ClientNumbers.violation(self)
    }
    var estimatedInputTokens: Int { TokenEstimate.inputTokens(self) }
    func outputCeiling(fallback: Int) -> Int { maxTokens }
    var streams: Bool { isStreaming }
    var operation: ClientRequest { .messages(self) }
}

extension EmbeddingsRequest: IngressOperation {
    static var format: WireFormat { .openAI }
    static var endpoint: String { "/v1/embeddings" }
    var violation: ClientNumbers.Violation? { nil }
    var estimatedInputTokens: Int { TokenEstimate.inputTokens(self) }
    /// Embeddings produce no completion.
    func outputCeiling(fallback: Int) -> Int { 0 }
    var streams: Bool { false }
    var operation: ClientRequest { .embeddings(self) }
}

/// Served as the chat completion it translates into, so every deployment kind serves it; the answer is re-shaped
/// into a Responses object or event stream on the way out. A deployment whose provider has the Responses API
/// itself is sent the request natively instead (`nativeResponses`), its answer passed back as it came.
extension ResponsesRequest: IngressOperation {
    static var format: WireFormat { .openAI }
    static var endpoint: String { "/v1/responses" }
    var violation: ClientNumbers.Violation? {
        if let refusal = unsupported { return .init(param: refusal.param, message: refusal.message) }
        if case .items(let items) = input, items.isEmpty {
            return .init(param: "input", message: "'input' must contain at least one item")
        }
        return ClientNumbers.violation(self)
    }
    var estimatedInputTokens: Int { TokenEstimate.inputTokens(ChatCompletionRequest(translating: self)) }
    func outputCeiling(fallback: Int) -> Int { maxOutputTokens ?? fallback }
    var streams: Bool { isStreaming }
    var operation: ClientRequest { .chat(ChatCompletionRequest(translating: self)) }
    var replyShape: ReplyShape { .responses(self, createdAt: Int(Date().timeIntervalSince1970), keeper: nil) }
    var nativeResponses: ResponsesRequest? { self }
}

/// Served as the chat completion it translates into (the prompt as one user message); the answer is re-shaped
/// into a text completion or its stream on the way out.
extension CompletionsRequest: IngressOperation {
    static var format: WireFormat { .openAI }
    static var endpoint: String { "/v1/completions" }
    var violation: ClientNumbers.Violation? {
        if let refusal = unsupported { return .init(param: refusal.param, message: refusal.message) }
        return ClientNumbers.violation(ChatCompletionRequest(translating: self))
    }
    var estimatedInputTokens: Int { TokenEstimate.inputTokens(ChatCompletionRequest(translating: self)) }
    func outputCeiling(fallback: Int) -> Int { maxTokens ?? CompletionsRequest.defaultMaxTokens }
    var streams: Bool { isStreaming }
    var operation: ClientRequest { .chat(ChatCompletionRequest(translating: self)) }
    var replyShape: ReplyShape { .completions(includeUsage: streamOptions?.includeUsage ?? false) }
}

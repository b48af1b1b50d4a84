import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// Google's `models/{model}:generateContent` and `:streamGenerateContent`, served as the chat completion the body
/// translates into, so every deployment kind serves it; the answer is re-shaped into Gemini's responses (or its
/// SSE chunks) on the way out. The model and whether it streams come from the path (`addressed(to:stream:)`).
struct GeminiGenerateCall: IngressOperation {
    static var format: WireFormat { .gemini }
    static var endpoint: String { "/v1beta/models/{model}:generateContent" }

    var body: GeminiGenerateContentRequest
    private(set) var model = ""
    private(set) var stream = false
    /// The body as the chat request the engine serves.
    private(set) var chat: ChatCompletionRequest

    init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    init(wire json: JSONValue) throws {
        body = try GeminiGenerateContentRequest(wire: json)
        chat = ChatCompletionRequest(translating: body, model: "", stream: false)
    }

    /// The call as the path addresses it: `model`, streaming when `stream`.
    mutating func address(model: String, stream: Bool) {
        self.model = model
        self.stream = stream
        chat = ChatCompletionRequest(translating: body, model: model, stream: stream)
    }

    var violation: ClientNumbers.Violation? {
        if let refusal = body.unsupported {
            return .init(param: refusal.param, message: "\(refusal.param): \(refusal.message)")
        }
        if body.contents.isEmpty {
            return .init(param: "contents", message: "contents: at least one content is required")
        }
        if !chat.messages.contains(where: { $0.role != .system }) {
            return .init(param: "contents", message: "contents: no part holds text, an image or a function call")
        }
        if let cap = body.generationConfig?.maxOutputTokens, !InputBounds.tokens.contains(cap) {
            return .init(param: "generationConfig.maxOutputTokens",
                         message: "generationConfig.maxOutputTokens: must be an integer "
                             + "\(InputBounds.describe(InputBounds.tokens)), got \(cap)")
        }
        return nil
    }

    var estimatedInputTokens: Int { TokenEstimate.inputTokens(chat) }
    func outputCeiling(fallback: Int) -> Int { body.generationConfig?.maxOutputTokens ?? fallback }
    var streams: Bool { stream }
    var operation: ClientRequest { .chat(chat) }
    var replyShape: ReplyShape { .gemini(model: model) }
}

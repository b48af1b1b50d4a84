import Foundation
import SwitchyardJSON
import SwitchyardWire

/// How the ingress writes the engine's answer: as the engine gave it, or re-shaped for an operation the engine
/// serves as another (a Responses request, served as a chat completion).
enum ReplyShape: Sendable {
    /// Chat completions, Anthropic messages and embeddings: written as answered.
    case asAnswered
    /// A chat answer written as a Responses object or event stream for `request`, created at `createdAt`; `keeper`
    /// keeps the finished response when the gateway stores responses.
    case responses(ResponsesRequest, createdAt: Int, keeper: ResponseKeeper?)
    /// A chat answer written as a legacy text completion (`POST /v1/completions`); `includeUsage` when the client
    /// asked for a streamed usage chunk.
    case completions(includeUsage: Bool)
    /// A chat answer written as a Gemini response or SSE chunks for a client that asked `model`.
    case gemini(model: String)

    /// The JSON body of a complete answer; nil when it cannot be encoded.
    func body(_ reply: ClientReply) -> Data? {
        switch (self, reply) {
        case (.responses(let request, _, let keeper), .responses(let answered)):
            // Answered natively: passed back whole, under the gateway's id when the gateway keeps it.
            let id = keeper.map { _ in ResponsesPassThrough.newResponseID() }
            let response = ResponsesPassThrough.restored(answered, for: request, id: id)
            keeper?.keep(native: response, answering: request)
            return try? WireCoding.encode(response)
        case (_, .responses(let answered)): return try? WireCoding.encode(answered)
        case (.responses(let request, let createdAt, let keeper), .chat(let r)):
            let response = ResponsesResponse(translating: r, request: request, createdAt: createdAt)
            keeper?.keep(response, answering: request)
            return try? WireCoding.encode(response)
        case (.completions, .chat(let r)):
            return try? WireCoding.encode(TextCompletion(translating: r))
        case (.gemini(let model), .chat(let r)):
            return try? WireCoding.encode(GeminiGenerateContentResponse(translating: r, model: model))
        case (_, .chat(let r)): return try? WireCoding.encode(r)
        case (_, .messages(let r)): return try? WireCoding.encode(r)
        case (_, .embeddings(let r)): return try? WireCoding.encode(r)
        }
    }

    /// The relay of a stream of Responses events an upstream answered natively: the gateway's id put in, the
    /// response kept when it completes, a break written as `response.failed`.
    var nativeResponsesRelay: FrameReshaper? {
        guard case .responses(let request, _, let keeper) = self else { return nil }
        return .nativeResponses(NativeResponsesRelay(request: request, keeper: keeper))
    }

    /// The translator re-shaping a streamed answer's frames, when this shape needs one.
    var frameTranslator: FrameReshaper? {
        switch self {
        case .asAnswered: nil
        case .responses(let request, let createdAt, let keeper):
            .responses(ResponsesFrameTranslator(request: request, createdAt: createdAt, keeper: keeper))
        case .completions(let includeUsage): .completions(CompletionsFrameTranslator(includeUsage: includeUsage))
        case .gemini(let model): .gemini(GeminiFrameTranslator(model: model))
        }
    }
}

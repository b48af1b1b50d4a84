import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// Provider kind `gemini`: Google's Gemini API at `/v1beta/models/{model}:generateContent` (streams at
/// `:streamGenerateContent?alt=sse`), keyed by `x-goog-api-key`. Every client operation the engine carries is
/// sent as the chat request it is (or translates into) and answered back through chat, so OpenAI, Anthropic,
/// Responses, completions and Gemini clients alike are served.
enum GeminiUpstream {
    /// The body for `request`: its chat form in Gemini's shape (the model and the stream flag go in the path).
    static func body(for request: ClientRequest) throws(UpstreamFailure) -> Data {
        let chat: ChatCompletionRequest
        switch request {
        case .chat(let r): chat = r
        case .messages(let r): chat = ChatCompletionRequest(translating: r)
        case .embeddings:
            throw UpstreamFailure(errorClass: .other, status: 400,
                                  message: "embeddings are not served by Gemini-wire providers")
        }
        guard (chat.n ?? 1) <= 1 else {
            throw UpstreamFailure(errorClass: .other, status: 400,
                                  message: "n > 1 is not supported by Gemini-wire deployments")
        }
        do {
            return try WireCoding.encode(GeminiGenerateContentRequest(translating: chat))
        } catch {
            throw UpstreamFailure(errorClass: .other, status: 400, message: "cannot encode the upstream request: \(error)")
        }
    }

    /// A complete answer, read into the client's format with its token usage.
    static func read(
        _ data: Data, request: ClientRequest, estimatedInput: Int, provider: String
    ) -> Result<UpstreamSuccess, UpstreamFailure> {
        guard let answer = try? WireCoding.decode(GeminiGenerateContentResponse.self, from: data) else {
            return .failure(UpstreamFailure(errorClass: .server, message: "malformed response body from \(provider)"))
        }
        let chat = ChatCompletionResponse(translating: answer, model: "", created: Int(Date().timeIntervalSince1970))
        let usage = answer.usageMetadata.map { TokenUsage(input: $0.inputTokens, output: $0.outputTokens) }
            ?? TokenUsage(input: estimatedInput, output: 0)
        let reply: ClientReply
        switch request {
        case .chat: reply = .chat(chat)
        case .messages: reply = .messages(MessagesResponse(translating: chat))
        case .embeddings:
            return .failure(UpstreamFailure(errorClass: .other, status: 400,
                                            message: "embeddings are not served by Gemini-wire providers"))
        }
        return .success(UpstreamSuccess(inputTokens: usage.input, outputTokens: usage.output, body: .complete(reply)))
    }

    /// A non-200 answer classified by its HTTP status and Google's `error.status` and `ErrorInfo` reason: an
    /// invalid key (400 `API_KEY_INVALID`) and an account that cannot serve (400 `FAILED_PRECONDITION`, billing
    /// or region) are the deployment's credential failing, not the client's request; `DEADLINE_EXCEEDED` is a
    /// timeout; `RESOURCE_EXHAUSTED` a rate limit, whose `RetryInfo` delay stands in for `retry-after`.
    static func failure(status: Int, headers: HTTPHeaders, body: ByteBuffer?, provider: String) -> UpstreamFailure {
        let detail = body.flatMap { try? WireCoding.decode(GeminiErrorBody.self, from: Data($0.readableBytesView)) }?.error
        guard let detail else {
            return UpstreamFailureClassifier.failure(status: status, headers: headers, body: body, provider: provider)
        }
        if let errorClass = errorClass(status: status, detail: detail), errorClass == .credential {
            // Google's messages may quote the key's project or the key itself: only the code names go out.
            let reason = detail.reason.map { ", \($0)" } ?? ""
            return UpstreamFailure(
                errorClass: .credential, status: status,
                message: "credential rejected: \(provider) answered \(status) (\(detail.status)\(reason))")
        }
        var failure = UpstreamFailureClassifier.failure(status: status, headers: headers, body: body, provider: provider)
        if let errorClass = errorClass(status: status, detail: detail) { failure.errorClass = errorClass }
        if failure.retryAfter == nil, let delay = detail.retryDelay {
            failure.retryAfter = min(delay, InputBounds.durationSeconds.upperBound)
        }
        return failure
    }

    /// The class Google's codes give an error, where it differs from what the HTTP status alone says.
    static func errorClass(status: Int, detail: GeminiErrorBody.Detail) -> ErrorClass? {
        if detail.reason == "API_KEY_INVALID" || detail.reason == "API_KEY_EXPIRED" { return .credential }
        switch detail.status {
        case "UNAUTHENTICATED", "PERMISSION_DENIED", "FAILED_PRECONDITION": return .credential
        case "RESOURCE_EXHAUSTED": return .rateLimited
        case "DEADLINE_EXCEEDED": return .timeout
        case "UNAVAILABLE", "INTERNAL": return .server
        default: return nil
        }
    }

    /// An error event met mid-stream (`data: {"error":{…}}`), classified like the status it stands for; even a
    /// client error here means the upstream failed this stream.
    static func streamFailure(_ body: GeminiErrorBody) -> UpstreamFailure {
        let detail = body.error
        let status = detail.code > 0 ? detail.code : GeminiErrorBody.httpStatus(forStatusName: detail.status) ?? 500
        let classified = errorClass(status: status, detail: detail) ?? ErrorClass.classify(status: status)
        return UpstreamFailure(errorClass: classified == .other ? .server : classified, status: status,
                               message: "upstream \(detail.status): \(detail.message)")
    }
}

extension UpstreamEndpoint {
    /// `{base}/v1beta/models/{model}:generateContent`, or `:streamGenerateContent?alt=sse` for a stream. A base
    /// URL that already names the API version (`…/v1beta`, `…/v1`) keeps it; an upstream model given as
    /// `models/{id}` is not prefixed twice.
    func geminiPath(for request: ClientRequest, upstreamModel: String) -> String {
        let versioned = basePath.hasSuffix("/v1beta") || basePath.hasSuffix("/v1") || basePath.hasSuffix("/v1alpha")
        let model = upstreamModel.hasPrefix("models/") ? String(upstreamModel.dropFirst("models/".count)) : upstreamModel
        let method = request.isStreaming ? ":streamGenerateContent?alt=sse" : ":generateContent"
        return basePath + (versioned ? "" : "/v1beta") + "/models/" + PercentEncoding.component(model) + method
    }
}

/// A Gemini SSE stream read into the client's frames: chat chunks for chat clients (usage last, when asked,
/// then `data: [DONE]`), Anthropic events for messages clients. Usage is metered from every chunk that reports
/// it; the stream ended cleanly once a chunk carried a finish reason.
struct GeminiStreamReader {
    private var toChat: GeminiToChatStream
    private var toAnthropic: OpenAIToAnthropicStream?
    private let includeUsage: Bool

    init(client: ClientRequest, estimatedInput: Int) {
        toChat = GeminiToChatStream(created: Int(Date().timeIntervalSince1970))
        if case .messages = client {
            toAnthropic = OpenAIToAnthropicStream(inputTokens: estimatedInput)
            includeUsage = true
        } else if case .chat(let r) = client {
            includeUsage = r.includeUsage
        } else {
            includeUsage = false
        }
    }

    /// Whether the upstream finished its answer.
    var completed: Bool { toChat.finishReason != nil }

    mutating func feed(_ event: SSEEvent, meter: UsageMeter) throws(UpstreamFailure) -> StreamTranslator.Output {
        let malformed = UpstreamFailure(errorClass: .server, message: "malformed stream chunk from upstream")
        guard let parsed = try? WireCoding.parse(Data(event.data.utf8)) else { throw malformed }
        if parsed["error"] != nil {
            let body = (try? WireCoding.decode(GeminiErrorBody.self, from: parsed))
                ?? GeminiErrorBody(code: 500, message: parsed["error"]?["message"]?.stringValue ?? "upstream error")
            throw GeminiUpstream.streamFailure(body)
        }
        guard let chunk = try? WireCoding.decode(GeminiGenerateContentResponse.self, from: parsed) else { throw malformed }
        if let usage = chunk.usageMetadata {
            meter.report(TokenUsage(input: usage.inputTokens, output: usage.outputTokens))
        }
        for part in chunk.first?.content?.parts ?? [] where part.thought != true {
            meter.addStreamed(characters: part.text?.count ?? 0)
        }
        let chunks = toChat.feed(chunk)
        let hasContent = chunks.contains { chunk in
            chunk.choices.contains { !($0.delta.content ?? "").isEmpty || $0.delta.toolCalls != nil || $0.finishReason != nil }
        }
        return StreamTranslator.Output(frames: try encode(chunks), hasContent: hasContent)
    }

    /// The frames closing the client's stream after the upstream's clean end.
    mutating func finish() -> [Data] {
        let usage = toChat.usageChunk()
        if var anthropic = toAnthropic {
            var events = usage.map { anthropic.feed($0) } ?? []
            events += anthropic.finish()
            toAnthropic = anthropic
            return events.compactMap { try? SSEEncoder.anthropic($0) }
        }
        var frames: [Data] = []
        if includeUsage, let usage, let frame = try? SSEEncoder.openAI(usage) { frames.append(frame) }
        frames.append(Data(SSEEncoder.done.utf8))
        return frames
    }

    private mutating func encode(_ chunks: [ChatCompletionChunk]) throws(UpstreamFailure) -> [Data] {
        do {
            if var anthropic = toAnthropic {
                let events = chunks.flatMap { anthropic.feed($0) }
                toAnthropic = anthropic
                return try events.map { try SSEEncoder.anthropic($0) }
            }
            return try chunks.map { try SSEEncoder.openAI($0) }
        } catch {
            throw UpstreamFailure(errorClass: .server, message: "cannot encode stream event")
        }
    }
}

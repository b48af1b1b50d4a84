import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// Turns one upstream SSE stream into frames in the client's format, one event at a time, noting usage,
/// whether content has started (the first byte worth sending) and whether the upstream ended cleanly.
package struct StreamTranslator {
    private enum Mode {
        case openAIPassThrough(includeUsage: Bool)
        case anthropicPassThrough
        case anthropicToOpenAI(AnthropicToOpenAIStream)
        case openAIToAnthropic(OpenAIToAnthropicStream)
        case gemini(GeminiStreamReader)
        /// Responses API events from an upstream serving the API itself, relayed one by one.
        case responsesPassThrough
    }

    /// Frames produced by one event and whether they carry content (text, a tool call or a finish).
    struct Output {
        var frames: [Data] = []
        var hasContent = false
    }

    private var mode: Mode
    private let meter: UsageMeter
    private var inputTokens: Int
    /// The upstream said it was done (`[DONE]`, `message_stop`, or a Gemini chunk with a finish reason).
    private(set) var completed = false

    package init(upstream: WireFormat, client: ClientRequest, meter: UsageMeter, estimatedInput: Int) {
        self.meter = meter
        inputTokens = estimatedInput
        let now = Int(Date().timeIntervalSince1970)
        switch (upstream, client) {
        case (.openAI, .messages):
            mode = .openAIToAnthropic(OpenAIToAnthropicStream(inputTokens: estimatedInput))
        case (.anthropic, .chat(let r)):
            mode = .anthropicToOpenAI(AnthropicToOpenAIStream(created: now, includeUsage: r.includeUsage))
        case (.anthropic, _):
            mode = .anthropicPassThrough
        case (.openAI, .chat(let r)):
            mode = .openAIPassThrough(includeUsage: r.includeUsage)
        case (.openAI, .embeddings):
            mode = .openAIPassThrough(includeUsage: false)
        case (.gemini, _):
            mode = .gemini(GeminiStreamReader(client: client, estimatedInput: estimatedInput))
        }
    }

    /// Relays the Responses API events of an upstream that served a Responses request natively.
    package init(nativeResponses meter: UsageMeter, estimatedInput: Int) {
        self.meter = meter
        inputTokens = estimatedInput
        mode = .responsesPassThrough
    }

    mutating func feed(_ event: SSEEvent) throws(UpstreamFailure) -> Output {
        switch mode {
        case .responsesPassThrough:
            return try responsesEvent(event)

        case .openAIPassThrough(let includeUsage):
            if event.isDone {
                completed = true
                return Output()
            }
            let chunk = try openAIChunk(event)
            var out = Output(hasContent: Self.hasContent(chunk))
            // The gateway always asks upstreams for usage; a client that didn't ask doesn't get the usage chunk.
            if chunk.choices.isEmpty, chunk.usage != nil, !includeUsage { return out }
            out.frames = [Data("data: \(event.data)\n\n".utf8)]
            return out

        case .openAIToAnthropic(var translator):
            if event.isDone {
                completed = true
                return Output()
            }
            let chunk = try openAIChunk(event)
            let events = translator.feed(chunk)
            mode = .openAIToAnthropic(translator)
            return Output(frames: try encode(events), hasContent: Self.hasContent(chunk))

        case .anthropicPassThrough:
            let decoded = try anthropicEvent(event)
            let name = event.event ?? decoded.type
            return Output(frames: [Data("event: \(name)\ndata: \(event.data)\n\n".utf8)],
                          hasContent: Self.hasContent(decoded))

        case .anthropicToOpenAI(var translator):
            let decoded = try anthropicEvent(event)
            let chunks: [ChatCompletionChunk]
            do {
                chunks = try translator.feed(decoded)
            } catch {
                throw Self.failure(error)
            }
            mode = .anthropicToOpenAI(translator)
            var frames: [Data] = []
            for chunk in chunks {
                guard let data = try? SSEEncoder.openAI(chunk) else { continue }
                frames.append(data)
            }
            return Output(frames: frames, hasContent: Self.hasContent(decoded))

        case .gemini(var reader):
            let out = try reader.feed(event, meter: meter)
            completed = reader.completed
            mode = .gemini(reader)
            return out
        }
    }

    /// Frames that close the client's stream after a clean upstream end.
    mutating func finish() -> [Data] {
        switch mode {
        case .openAIPassThrough, .anthropicToOpenAI:
            return [Data("data: [DONE]\n\n".utf8)]
        case .anthropicPassThrough, .responsesPassThrough:
            return []
        case .openAIToAnthropic(var translator):
            let events = translator.finish()
            mode = .openAIToAnthropic(translator)
            return (try? encode(events)) ?? []
        case .gemini(var reader):
            let frames = reader.finish()
            mode = .gemini(reader)
            return frames
        }
    }

    // MARK: upstream events

    private func openAIChunk(_ event: SSEEvent) throws(UpstreamFailure) -> ChatCompletionChunk {
        if let parsed = try? WireCoding.parse(Data(event.data.utf8)), let error = parsed["error"] {
            let message = error["message"]?.stringValue ?? "upstream error"
            throw UpstreamFailure(errorClass: .server, message: "upstream stream error: \(message)")
        }
        let chunk: ChatCompletionChunk
        do {
            chunk = try WireCoding.decode(ChatCompletionChunk.self, from: event.data)
        } catch {
            throw UpstreamFailure(errorClass: .server, message: "malformed stream chunk from upstream")
        }
        if let usage = chunk.usage {
            meter.report(TokenUsage(input: usage.promptTokens, output: usage.completionTokens))
        }
        for choice in chunk.choices { meter.addStreamed(characters: choice.delta.content?.count ?? 0) }
        return chunk
    }

    /// One Responses event, relayed as its own frame: usage read from the closing event, an `error` or
    /// `response.failed` event the upstream's failure.
    private mutating func responsesEvent(_ event: SSEEvent) throws(UpstreamFailure) -> Output {
        guard let parsed = try? WireCoding.parse(Data(event.data.utf8)), let type = parsed["type"]?.stringValue else {
            throw UpstreamFailure(errorClass: .server, message: "malformed stream event from upstream")
        }
        if let error = ResponsesPassThrough.streamError(parsed) {
            let limited = error.code?.contains("rate_limit") ?? false
            throw UpstreamFailure(errorClass: limited ? .rateLimited : .server, status: limited ? 429 : nil,
                                  message: "upstream \(error.code ?? type): \(error.message)")
        }
        switch type {
        case "response.output_text.delta", "response.function_call_arguments.delta":
            meter.addStreamed(characters: parsed["delta"]?.stringValue?.count ?? 0)
        case _ where ResponsesPassThrough.closingTypes.contains(type):
            completed = true
            if let usage = parsed["response"].flatMap(ResponsesPassThrough.usage(of:)) {
                meter.report(TokenUsage(input: usage.inputTokens, output: usage.outputTokens))
            }
        default:
            break
        }
        return Output(frames: [Data(SSEEncoder.encode(event: type, data: event.data).utf8)],
                      hasContent: ResponsesPassThrough.carriesContent(type))
    }

    private mutating func anthropicEvent(_ event: SSEEvent) throws(UpstreamFailure) -> AnthropicStreamEvent {
        let decoded: AnthropicStreamEvent
        do {
            decoded = try WireCoding.decode(AnthropicStreamEvent.self, from: event.data)
        } catch {
            throw UpstreamFailure(errorClass: .server, message: "malformed stream event from upstream")
        }
        switch decoded {
        case .messageStart(let message):
            inputTokens = message.usage.totalInputTokens
            meter.report(TokenUsage(input: inputTokens, output: message.usage.outputTokens))
        case .messageDelta(let delta):
            meter.report(TokenUsage(input: delta.usage.inputTokens ?? inputTokens, output: delta.usage.outputTokens))
        case .contentBlockDelta(_, .text(let text)):
            meter.addStreamed(characters: text.count)
        case .messageStop:
            completed = true
        case .error(let detail):
            throw Self.failure(AnthropicErrorBody(type: detail.type, message: detail.message))
        default:
            break
        }
        return decoded
    }

    private func encode(_ events: [AnthropicStreamEvent]) throws(UpstreamFailure) -> [Data] {
        do {
            return try events.map { try SSEEncoder.anthropic($0) }
        } catch {
            throw UpstreamFailure(errorClass: .server, message: "cannot encode stream event")
        }
    }

    private static func hasContent(_ chunk: ChatCompletionChunk) -> Bool {
        chunk.choices.contains { c in
            !(c.delta.content ?? "").isEmpty || c.delta.toolCalls != nil || c.finishReason != nil
        }
    }

    private static func hasContent(_ event: AnthropicStreamEvent) -> Bool {
        switch event {
        case .contentBlockDelta, .messageDelta, .messageStop: true
        case .contentBlockStart(_, .toolUse): true
        default: false
        }
    }

    /// An error event inside an Anthropic stream, classified like the status it stands for.
    static func failure(_ body: AnthropicErrorBody) -> UpstreamFailure {
        let status = AnthropicErrorBody.status(forErrorType: body.error.type)
        let classified = ErrorClass.classify(status: status)
        // Mid-stream, even a "client" error type means the upstream failed this stream.
        return UpstreamFailure(errorClass: classified == .other ? .server : classified, status: status,
                               message: "upstream \(body.error.type): \(body.error.message)")
    }
}

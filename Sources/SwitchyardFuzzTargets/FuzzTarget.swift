import Foundation
import SwitchyardConfig
import SwitchyardControlAPI
import SwitchyardCore
import SwitchyardJSON
import SwitchyardTUI
import SwitchyardWire

/// Every parser and decoder that reads bytes someone else chose, as one function of those bytes each. The
/// libFuzzer entry (`switchyard-fuzz`) and the corpus replay test call the same functions. Bad input is
/// expected and may throw; a target must never trap, hang or grow without bound.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The JSON parser, and writing back what it read.
    case json
    /// The server-sent events parser, fed in two pieces split where the input says.
    case sse
    /// Every wire type (requests, responses, stream chunks and events, errors) decoded from JSON, translated
    /// between the OpenAI and Anthropic formats both ways (and from OpenAI's Responses API and Google's Gemini API
    /// to chat and back), estimated and encoded again.
    case wire
    /// The YAML configuration reader, through to the catalog it builds.
    case config
    /// The request filter language of the dashboard and `ctl traces`.
    case filter
    /// The dashboard's theme files.
    case theme
    /// The control API's request bodies: decoded into every body type, checked as the management routes check
    /// them, commands applied to an engine, and the bodies `ctl` writes read back the same.
    case control

    /// Runs the target on one input.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .json: Self.json(bytes)
        case .sse: Self.sse(bytes)
        case .wire: Self.wire(bytes)
        case .config: Self.config(bytes)
        case .filter: Self.filter(bytes)
        case .theme: Self.theme(bytes)
        case .control: ControlFuzzing.run(bytes)
        }
    }

    private static func json(_ bytes: [UInt8]) {
        guard let value = try? WireCoding.parse(Data(bytes)) else { return }
        // What was read writes back as JSON that reads again and writes the same text. (Not the same value:
        // JSON has one number type, so `-0` or `1e-900` may come back as an integer 0.)
        let written = value.jsonString()
        guard let again = try? WireCoding.parse(Data(written.utf8)) else {
            fatalError("written JSON does not parse: \(written.prefix(300))")
        }
        let rewritten = again.jsonString()
        precondition(rewritten == written, "JSON text changed on a round trip: \(written.prefix(300)) became \(rewritten.prefix(300))")
    }

    private static func sse(_ bytes: [UInt8]) {
        var parser = SSEParser()
        let split = bytes.first.map { Int($0) % (bytes.count + 1) } ?? 0
        var events = parser.feed(bytes[..<split])
        events += parser.feed(bytes[split...])
        events += parser.finish()
        for event in events where event.data.utf8.first == UInt8(ascii: "{") {
            wire(Array(event.data.utf8))
        }
    }

    private static func wire(_ bytes: [UInt8]) {
        BedrockFuzzing.eventStream(bytes)
        guard let value = try? WireCoding.parse(Data(bytes)) else { return }
        BedrockFuzzing.json(value)
        if let chat = try? WireCoding.decode(ChatCompletionRequest.self, from: value) {
            _ = TokenEstimate.inputTokens(chat)
            let messages = MessagesRequest(translating: chat)
            _ = try? WireCoding.encode(chat)
            _ = try? WireCoding.encode(messages)
        }
        if let messages = try? WireCoding.decode(MessagesRequest.self, from: value) {
            _ = TokenEstimate.inputTokens(messages)
            let chat = ChatCompletionRequest(translating: messages)
            _ = try? WireCoding.encode(messages)
            _ = try? WireCoding.encode(chat)
        }
        if let responses = try? WireCoding.decode(ResponsesRequest.self, from: value) {
            _ = responses.unsupported
            let chat = ChatCompletionRequest(translating: responses)
            _ = TokenEstimate.inputTokens(chat)
            _ = try? WireCoding.encode(responses)
            _ = try? WireCoding.encode(chat)
        }
        if let embeddings = try? WireCoding.decode(EmbeddingsRequest.self, from: value) {
            _ = TokenEstimate.inputTokens(embeddings)
            _ = try? WireCoding.encode(embeddings)
        }
        if let completion = try? WireCoding.decode(ChatCompletionResponse.self, from: value) {
            _ = try? WireCoding.encode(MessagesResponse(translating: completion))
            _ = try? WireCoding.encode(ResponsesResponse(translating: completion, request: responsesRequest, createdAt: 0))
        }
        if let message = try? WireCoding.decode(MessagesResponse.self, from: value) {
            _ = try? WireCoding.encode(ChatCompletionResponse(translating: message, created: 0))
        }
        if let chunk = try? WireCoding.decode(ChatCompletionChunk.self, from: value) {
            var stream = OpenAIToAnthropicStream()
            var events = stream.feed(chunk)
            events += stream.finish()
            for event in events { _ = try? WireCoding.encode(event) }
            var responses = ChatToResponsesStream(request: responsesRequest, createdAt: 0)
            var answer = responses.feed(chunk)
            answer += responses.feed(chunk)
            answer += responses.finish()
            for event in answer { _ = try? SSEEncoder.responses(event) }
        }
        if let event = try? WireCoding.decode(AnthropicStreamEvent.self, from: value) {
            var stream = AnthropicToOpenAIStream(created: 0, includeUsage: true)
            if let chunks = try? stream.feed(event) {
                for chunk in chunks { _ = try? WireCoding.encode(chunk) }
            }
        }
        _ = try? WireCoding.decode(OpenAIErrorBody.self, from: value)
        _ = try? WireCoding.decode(AnthropicErrorBody.self, from: value)
        _ = try? WireCoding.decode(EmbeddingsResponse.self, from: value)
        if let count = try? WireCoding.decode(CountTokensRequest.self, from: value) { _ = TokenEstimate.inputTokens(count.request) }
        if let models = try? WireCoding.decode(AnthropicModelList.self, from: value) { _ = try? WireCoding.encode(models) }
        if let models = try? WireCoding.decode(ModelList.self, from: value) { _ = try? WireCoding.encode(models) }
        GeminiFuzzing.run(value)
    }

    /// The Responses request whose settings translated answers repeat.
    private static let responsesRequest = ResponsesRequest(model: "m", input: .text("x"))

    /// No built-in catalog: reading it per input would cost more than the config itself.
    private static let prices = try? PriceCatalog(json: Data("{}".utf8))

    private static func config(_ bytes: [UInt8]) {
        // Past the reader's size limit it refuses unread; the fuzzer's inputs stay far below it.
        _ = try? ConfigLoader.parse(yaml: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml", catalog: prices,
                                    environment: ["SET": "value", "EMPTY": ""])
    }

    private static func filter(_ bytes: [UInt8]) {
        guard let filter = try? RequestFilter(parsing: String(decoding: bytes, as: UTF8.self)) else { return }
        // The canonical text of a filter parses back to the same filter.
        guard let again = try? RequestFilter(parsing: filter.description) else {
            fatalError("canonical filter text does not parse: \(filter.description)")
        }
        precondition(again == filter, "filter changed on a round trip: \(filter.description)")
    }

    private static func theme(_ bytes: [UInt8]) {
        _ = try? ThemeParser.parse(String(decoding: bytes, as: UTF8.self), name: "fuzz", file: "fuzz.theme")
    }
}

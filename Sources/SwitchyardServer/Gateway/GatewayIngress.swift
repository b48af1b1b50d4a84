import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardWire

/// The OpenAI- and Anthropic-compatible HTTP surface: parses requests, runs them through the engine, and
/// writes answers (JSON or SSE) and errors in the format the client spoke.
public struct GatewayIngress: Sendable {
    let engine: GatewayEngine
    let maxBodyBytes: Int
    /// Checks virtual keys; nil serves every request anonymously (tests of the data plane alone).
    let governor: Governor?
    let modelNames: [String]
    let started = Int(Date().timeIntervalSince1970)

    /// An ingress over `engine`; bodies over `maxBodyBytes` get a 413; `governor` authenticates callers.
    public init(engine: GatewayEngine, maxBodyBytes: Int, governor: Governor? = nil) {
        self.engine = engine
        self.maxBodyBytes = maxBodyBytes
        self.governor = governor
        modelNames = engine.catalog.models.map(\.name)
    }

    /// Registers every route on `router`.
    public func addRoutes(to router: Router<GatewayContext>) {
        router.post("/v1/chat/completions") { request, context in await chat(request, context) }
        router.post("/v1/embeddings") { request, context in await embeddings(request, context) }
        router.post("/v1/messages") { request, context in await messages(request, context) }
        router.get("/v1/models") { request, _ in models(request) }
        router.get("/health") { _, _ in IngressResponses.json(Data(#"{"status":"ok"}"#.utf8)) }
        MetricsRoute(engine: engine).add(to: router)
    }

    // MARK: routes

    func chat(_ request: Request, _ context: GatewayContext) async -> Response {
        let id = Self.requestID(request)
        let caller: Principal
        switch authenticate(request, format: .openAI, id: id) {
        case .rejected(let response): return response
        case .accepted(let principal): caller = principal
        }
        let parsed: ChatCompletionRequest
        switch await decode(ChatCompletionRequest.self, request, format: WireFormat.openAI, id: id) {
        case .rejected(let response): return response
        case .parsed(let value): parsed = value
        }
        if parsed.messages.isEmpty {
            return IngressResponses.error(.openAI, status: 400, message: "'messages' must contain at least one message",
                                          param: "messages", headers: Self.idHeader(id))
        }
        let gatewayRequest = GatewayRequest(
            id: id, model: parsed.model, key: caller.key, team: caller.team,
            inputTokens: TokenEstimate.inputTokens(parsed),
            maxOutputTokens: parsed.maxOutputTokens ?? defaultMaxTokens, stream: parsed.isStreaming,
            payload: RequestPayload(ClientRequest.chat(parsed)), trace: Self.trace(request))
        return await serve(gatewayRequest, format: .openAI, context: context)
    }

    func embeddings(_ request: Request, _ context: GatewayContext) async -> Response {
        let id = Self.requestID(request)
        let caller: Principal
        switch authenticate(request, format: .openAI, id: id) {
        case .rejected(let response): return response
        case .accepted(let principal): caller = principal
        }
        let parsed: EmbeddingsRequest
        switch await decode(EmbeddingsRequest.self, request, format: WireFormat.openAI, id: id) {
        case .rejected(let response): return response
        case .parsed(let value): parsed = value
        }
        let gatewayRequest = GatewayRequest(
            id: id, model: parsed.model, key: caller.key, team: caller.team,
            inputTokens: TokenEstimate.inputTokens(parsed), maxOutputTokens: 0,
            payload: RequestPayload(ClientRequest.embeddings(parsed)), trace: Self.trace(request))
        return await serve(gatewayRequest, format: .openAI, context: context)
    }

    func messages(_ request: Request, _ context: GatewayContext) async -> Response {
        let id = Self.requestID(request)
        let caller: Principal
        switch authenticate(request, format: .anthropic, id: id) {
        case .rejected(let response): return response
        case .accepted(let principal): caller = principal
        }
        let parsed: MessagesRequest
        switch await decode(MessagesRequest.self, request, format: WireFormat.anthropic, id: id) {
        case .rejected(let response): return response
        case .parsed(let value): parsed = value
        }
        if parsed.messages.isEmpty {
            return IngressResponses.error(.anthropic, status: 400, message: "messages: at least one message is required",
                                          headers: Self.idHeader(id))
        }
        let gatewayRequest = GatewayRequest(
            id: id, model: parsed.model, key: caller.key, team: caller.team,
            inputTokens: TokenEstimate.inputTokens(parsed),
            maxOutputTokens: parsed.maxTokens, stream: parsed.isStreaming,
            payload: RequestPayload(ClientRequest.messages(parsed)), trace: Self.trace(request))
        return await serve(gatewayRequest, format: .anthropic, context: context)
    }

    func models(_ request: Request) -> Response {
        let list = ModelList(data: modelNames.map { ModelList.Model(id: $0, created: started, ownedBy: "switchyard") })
        return IngressResponses.encodable(list, headers: Self.idHeader(Self.requestID(request)))
    }

    // MARK: serving

    /// Completion tokens assumed (and reserved against budgets) for a chat request without `max_tokens`.
    var defaultMaxTokens: Int { governor?.policy.defaultMaxTokens ?? 4096 }

    /// Who is calling: the virtual key's name and team, or the 401 that explains what is wrong with the key.
    /// Checked before the body is read: an unauthenticated client gets nothing parsed for it.
    private func authenticate(_ request: Request, format: WireFormat, id: String) -> Authenticated {
        guard let governor else { return .accepted(Principal(key: nil, team: nil)) }
        let result = governor.authenticate(
            authorization: request.headers[.authorization], apiKey: request.headers[.apiKey],
            now: Date().timeIntervalSince1970)
        switch result {
        case .success(let principal):
            return .accepted(principal)
        case .failure(let error):
            engine.recordRejected(GatewayRequest(id: id, model: "", inputTokens: 0), error: error)
            return .rejected(IngressResponses.error(format, error, headers: Self.idHeader(id)))
        }
    }

    /// Reads and decodes the body: 413 over the limit, 400 with the parser's reason when it isn't valid.
    private func decode<T: WireDecodable & Decodable>(
        _ type: T.Type, _ request: Request, format: WireFormat, id: String
    ) async -> Decoded<T> {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            return .rejected(IngressResponses.error(
                format, status: 413, message: "request body exceeds the gateway's limit of \(maxBodyBytes) bytes",
                headers: Self.idHeader(id)))
        }
        do {
            return .parsed(try WireCoding.decode(type, from: Data(buffer.readableBytesView)))
        } catch {
            return .rejected(IngressResponses.error(
                format, status: 400, message: "invalid request body: \(Self.describe(error))", headers: Self.idHeader(id)))
        }
    }

    private func serve(_ request: GatewayRequest, format: WireFormat, context: GatewayContext) async -> Response {
        let response = await handleWatchingClient(request, channel: context.channel)
        var headers = Self.idHeader(request.id)
        if let trace = request.trace { headers[.traceID] = trace.traceID }
        headers[.attempts] = String(response.attempts.count)
        if let served = response.servedBy {
            headers[.servedBy] = served.id
            headers[.servedModel] = served.model
        }
        if let limits = response.rateLimit { headers.addRateLimit(limits) }
        if let original = response.downgradedFrom { headers[.downgradedFrom] = original }
        // What the ledger charged, in full precision: clients and tests can reconcile against it.
        if response.settlement == nil, case .success = response.result {
            // A deployment without a price has an unknown cost, which is not $0.
            let priced = response.servedBy?.price.isKnown ?? false
            headers[.cost] = priced ? "\(response.cost)" : "unknown"
        }
        switch response.result {
        case .failure(let error):
            return IngressResponses.error(format, error, headers: headers)
        case .success(let success):
            switch success.body {
            case .complete(let reply as ClientReply):
                switch reply {
                case .chat(let r): return IngressResponses.encodable(r, headers: headers)
                case .messages(let r): return IngressResponses.encodable(r, headers: headers)
                case .embeddings(let r): return IngressResponses.encodable(r, headers: headers)
                }
            case .stream(let stream as ClientStream):
                guard let settlement = response.settlement else {
                    return IngressResponses.error(format, status: 500, message: "stream without settlement", headers: headers)
                }
                return streaming(stream, settlement: settlement, format: format, headers: headers)
            default:
                return IngressResponses.error(format, status: 502, message: "upstream gave no body", headers: headers)
            }
        }
    }

    /// Writes SSE frames as they come; a failure after the first byte ends the stream with an error event in
    /// the client's format (never a silent clean end). The engine is settled however the stream ends.
    private func streaming(
        _ stream: ClientStream, settlement: StreamSettlement, format: WireFormat, headers: HTTPFields
    ) -> Response {
        var fields = headers
        fields[.contentType] = "text/event-stream"
        fields[.cacheControl] = "no-cache"
        let engine = self.engine
        return Response(status: .ok, headers: fields, body: ResponseBody { writer in
            var failure: UpstreamFailure?
            var clientGone = false
            // The terminator goes out only once the ledger holds the request: a client that saw the stream
            // complete was charged for it, even if the gateway dies a moment later.
            var terminator: Data?
            do {
                for try await frame in stream.frames {
                    if Self.isTerminator(frame) {
                        terminator = frame
                        continue
                    }
                    do {
                        try await writer.write(ByteBuffer(data: frame))
                    } catch {
                        clientGone = true
                        break
                    }
                }
            } catch {
                let f = error as? UpstreamFailure ?? UpstreamFailure(errorClass: .server, message: "\(error)")
                failure = f
                do {
                    try await writer.write(ByteBuffer(data: IngressResponses.streamErrorFrame(format, message: f.message)))
                } catch {
                    clientGone = true
                }
            }
            let usage = stream.usage.value
            await engine.settle(settlement, inputTokens: usage.input, outputTokens: usage.output, failure: failure,
                                clientGone: clientGone)
            if !clientGone, let terminator { try await writer.write(ByteBuffer(data: terminator)) }
            if !clientGone { try await writer.finish(nil) }
        })
    }

    /// Runs the request, cancelling it if the client hangs up first (the upstream call is cancelled too).
    private func handleWatchingClient(_ request: GatewayRequest, channel: any Channel) async -> GatewayResponse {
        let engine = self.engine
        return await withTaskGroup(of: GatewayResponse?.self) { group in
            group.addTask { await engine.handle(request) }
            group.addTask {
                // Poll rather than hook closeFuture: a keep-alive connection would pile up callbacks.
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: 100_000_000)
                    if !channel.isActive { return nil }
                }
                return nil
            }
            var answer: GatewayResponse?
            while let next = await group.next() {
                if let response = next {
                    answer = response
                    group.cancelAll()
                } else if answer == nil {
                    group.cancelAll()
                }
            }
            return answer ?? GatewayResponse(
                requestID: request.id,
                result: .failure(GatewayError(kind: .cancelled, status: 499, message: "client closed the request")),
                servedBy: nil, attempts: [], cost: 0)
        }
    }

    /// OpenAI's `data: [DONE]` or Anthropic's `message_stop` event: the frame that tells a client it has it all.
    static func isTerminator(_ frame: Data) -> Bool {
        frame.starts(with: doneFrame) || frame.starts(with: messageStopFrame)
    }

    private static let doneFrame = Data("data: [DONE]".utf8)
    private static let messageStopFrame = Data("event: message_stop".utf8)

    /// The caller, or the 401 response refusing them.
    enum Authenticated {
        case accepted(Principal)
        case rejected(Response)
    }

    /// A decoded body, or the error response that explains why there is none.
    enum Decoded<T> {
        case parsed(T)
        case rejected(Response)
    }

    /// The parser's reason in client terms: the field path and what was wrong.
    static func describe(_ error: any Error) -> String {
        (error as? DecodingError)?.wireDescription ?? "\(error)"
    }

    // MARK: request ids

    /// The client's `x-request-id` when it sent a sane one, else a new one.
    static func requestID(_ request: Request) -> String {
        if let sent = request.headers[.requestID], !sent.isEmpty, sent.count <= 128,
           sent.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
            return sent
        }
        return "req_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// The client's W3C trace, continued, or a new one when it sent no valid `traceparent`.
    static func trace(_ request: Request) -> TraceContext {
        request.headers[.traceparent].flatMap(TraceContext.init(traceparent:)) ?? TraceContext.new()
    }

    static func idHeader(_ id: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.requestID] = id
        return fields
    }
}

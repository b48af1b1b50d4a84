import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardHTTP
import SwitchyardJSON
import SwitchyardWire

/// The OpenAI-, Anthropic- and Gemini-compatible HTTP surface: parses requests, runs them through the engine, and
/// writes answers (JSON or SSE) and errors in the format the client spoke.
public struct GatewayIngress: HTTPResponder {
    let engine: GatewayEngine
    let maxBodyBytes: Int
    /// Checks virtual keys; nil serves every request anonymously (tests of the data plane alone).
    let governor: Governor?
    /// Every name a client may send, task-routed models (`auto`) included, as the catalog in force has them.
    var modelNames: [String] {
        let catalog = engine.catalog
        return catalog.models.map(\.name) + catalog.taskRouting.models.map(\.name)
    }
    let started = Int(Date().timeIntervalSince1970)
    /// Set when the gateway drains; holds the streams being written.
    public let drain: DrainState
    /// One line per request, when the gateway keeps an access log.
    let accessLog: AccessLog?
    /// Kept Responses answers, when the gateway stores them (`responses: {store: true}`).
    let responses: StoredResponses?

    /// An ingress over `engine`; bodies over `maxBodyBytes` get a 413; `governor` authenticates callers; every
    /// request gets a line in `accessLog`; Responses answers are kept in `responses` when given.
    public init(
        engine: GatewayEngine, maxBodyBytes: Int, governor: Governor? = nil, drain: DrainState = DrainState(),
        accessLog: AccessLog? = nil, responses: StoredResponses? = nil
    ) {
        self.engine = engine
        self.responses = responses
        self.maxBodyBytes = maxBodyBytes
        self.governor = governor
        self.drain = drain
        self.accessLog = accessLog
    }

    /// Routes a request. Runs on the connection's event loop; the server cancels it if the client hangs up
    /// before the answer's head is out, which cancels the upstream call too.
    public func respond(to request: ServerRequest) async -> ServerResponse {
        if drain.isDraining, request.method == .POST,
           request.path.hasPrefix("/v1/") || request.path.hasPrefix("/v1beta/") {
            // Draining: load balancers have been told by /ready; a request that still arrives gets a retryable 503.
            return IngressResponses.error(Self.format(of: request.path), status: 503,
                                          message: "the gateway is shutting down; retry on another instance",
                                          retryAfter: 1, headers: Self.idHeader(Self.requestID(request)))
        }
        if let gemini = GeminiRoute.parse(request) { return await serveGemini(gemini, request) }
        switch (request.method, request.path) {
        case (.POST, "/v1/chat/completions"): return await route(ChatCompletionRequest.self, request)
        case (.POST, "/v1/messages"): return await route(MessagesRequest.self, request)
        case (.POST, "/v1/messages/count_tokens"): return await countTokens(request)
        case (.POST, "/v1/embeddings"): return await route(EmbeddingsRequest.self, request)
        case (.POST, "/v1/responses"): return await route(ResponsesRequest.self, request)
        case (.POST, "/v1/completions"): return await route(CompletionsRequest.self, request)
        case (.GET, "/v1/models"): return models(request)
        case (.GET, _) where request.path.hasPrefix("/v1/models/"): return model(request)
        case (.GET, _) where request.path.hasPrefix("/v1/responses/"),
             (.DELETE, _) where request.path.hasPrefix("/v1/responses/"):
            return await storedResponse(request)
        case (.GET, "/health"): return IngressResponses.json(Data(#"{"status":"ok"}"#.utf8))
        case (.GET, "/ready"): return readiness()
        case (.GET, "/metrics"): return MetricsRoute.response(engine)
        case (_, "/v1/chat/completions"), (_, "/v1/messages"), (_, "/v1/messages/count_tokens"), (_, "/v1/embeddings"),
             (_, "/v1/responses"), (_, "/v1/completions"):
            return Self.methodNotAllowed(request, allow: "POST")
        case (_, "/v1/models"), (_, "/health"), (_, "/ready"), (_, "/metrics"):
            return Self.methodNotAllowed(request, allow: "GET")
        case (_, _) where request.path.hasPrefix("/v1/models/"):
            return Self.methodNotAllowed(request, allow: "GET")
        case (_, _) where request.path.hasPrefix("/v1/responses/"):
            return Self.methodNotAllowed(request, allow: "GET, DELETE")
        default:
            return IngressResponses.error(Self.format(of: request.path), status: 404,
                                          message: "no route for \(request.method.rawValue) \(request.path)")
        }
    }

    /// The server's own refusals (a body that stopped arriving) in the format of the path's clients.
    public func refusal(_ status: HTTPResponseStatus, message: String, path: Substring) -> ServerResponse {
        IngressResponses.error(Self.format(of: path), status: Int(status.code), message: message)
    }

    /// The 405 for a known path asked with the wrong method, naming the one it takes.
    static func methodNotAllowed(_ request: ServerRequest, allow: String) -> ServerResponse {
        var headers = HTTPHeaders()
        headers.add(name: "allow", value: allow)
        return IngressResponses.error(format(of: request.path), status: 405,
                                      message: "\(request.method.rawValue) is not allowed on \(request.path)",
                                      headers: headers)
    }

    /// Anthropic's clients call `/v1/messages`, Google's `/v1beta/…` (and `/v1/models/…:…`); every other path
    /// speaks OpenAI's format.
    static func format(of path: Substring) -> WireFormat {
        if GeminiRoute.isGeminiPath(path) { return .gemini }
        return path.hasPrefix("/v1/messages") ? .anthropic : .openAI
    }

    // MARK: routes

    /// Serves one client operation: its key, its body and what the gateway refuses in it, then the engine.
    /// `address` completes the decoded body with what the path says (Gemini's model and stream flag).
    func route<Operation: IngressOperation>(
        _ type: Operation.Type, _ request: ServerRequest, address: (inout Operation) -> Void = { _ in }
    ) async -> ServerResponse {
        let intake: Intake<Operation>
        switch take(Operation.self, request, format: Operation.format, endpoint: Operation.endpoint) {
        case .rejected(let response): return response
        case .accepted(let value): intake = value
        }
        var addressed = intake.body
        address(&addressed)
        if let bad = addressed.violation {
            return refuse(id: intake.id, model: addressed.model, context: intake.context, trace: intake.trace,
                          message: bad.message) {
                IngressResponses.error(Operation.format, status: 400, message: bad.message, param: bad.param,
                                       headers: Self.idHeader(intake.id))
            }
        }
        let parsed: Operation
        let shape: ReplyShape
        switch await addressed.prepared(responses: responses, key: intake.caller.key) {
        case .ready(let operation, let replyShape): (parsed, shape) = (operation, replyShape)
        case .refused(let status, let message, let param, let code):
            return refuse(id: intake.id, model: addressed.model, context: intake.context, trace: intake.trace,
                          status: status, message: message) {
                IngressResponses.error(Operation.format, status: status, message: message, param: param, code: code,
                                       headers: Self.idHeader(intake.id))
            }
        }
        var gatewayRequest = GatewayRequest(
            id: intake.id, model: parsed.model, key: intake.caller.key, team: intake.caller.team,
            inputTokens: parsed.estimatedInputTokens, maxOutputTokens: parsed.outputCeiling(fallback: defaultMaxTokens),
            stream: parsed.streams, payload: parsed.operation, trace: intake.context, ingress: intake.trace.timing)
        gatewayRequest.nativeResponses = parsed.nativeResponses
        gatewayRequest.declaredTask = request.header(IngressHeader.task).flatMap { $0.isEmpty ? nil : $0 }
        gatewayRequest.keyMetadata = intake.caller.metadata
        return await serve(gatewayRequest, format: Operation.format, shape: shape, trace: intake.trace)
    }

    /// `POST /v1/messages/count_tokens`: counted by an Anthropic deployment of the model that may take traffic
    /// (`x-switchyard-token-count: upstream`, and which one in `x-switchyard-deployment`), else the gateway's own
    /// estimate, about four characters a token, the one admission control reserves by (`…: estimate`). Keyed and
    /// permission-checked like `/v1/messages`; never an attempt, never charged or ledgered.
    func countTokens(_ request: ServerRequest) async -> ServerResponse {
        let parsed: CountTokensRequest
        let intake: Intake<CountTokensRequest>
        switch take(CountTokensRequest.self, request, format: .anthropic, endpoint: "/v1/messages/count_tokens") {
        case .rejected(let response): return response
        case .accepted(let accepted): (parsed, intake) = (accepted.body, accepted)
        }
        var headers = Self.idHeader(intake.id)
        guard modelNames.contains(parsed.model) else {
            let error = GatewayError.unknownModel(parsed.model, available: modelNames)
            return IngressResponses.error(.anthropic, error, headers: headers)
        }
        if let refusal = governor?.permissionRefusal(model: parsed.model, principal: intake.caller) {
            return IngressResponses.error(.anthropic, refusal, headers: headers)
        }
        let (tokens, source) = await engine.countTokens(parsed, requestID: intake.id)
        switch source {
        case .upstream(let deployment):
            headers.add(name: IngressHeader.tokenCount, value: "upstream")
            headers.add(name: IngressHeader.servedBy, value: deployment)
        case .estimate:
            headers.add(name: IngressHeader.tokenCount, value: "estimate")
        }
        let body = JSONValue.object(["input_tokens": .int(tokens)])
        return IngressResponses.json((try? WireCoding.encode(body)) ?? Data(), headers: headers)
    }

    /// `GET /ready`: 200 while serving; 503 while draining, or while no model has a deployment that may take
    /// traffic (every one disabled, at weight 0, cooling down or with its breaker open).
    func readiness() -> ServerResponse {
        if drain.isDraining {
            return IngressResponses.json(Data(#"{"status":"draining"}"#.utf8), status: .serviceUnavailable)
        }
        let unavailable = engine.unavailableModels()
        // The model groups alone: task-routed names have no deployments of their own.
        let groups = engine.catalog.models.count
        if groups > 0, unavailable.count == groups {
            let body = JSONValue.object([
                "status": .string("unavailable"), "unavailable_models": .array(unavailable.map(JSONValue.string)),
            ])
            return IngressResponses.json((try? WireCoding.encode(body)) ?? Data(), status: .serviceUnavailable)
        }
        return IngressResponses.json(Data(#"{"status":"ready"}"#.utf8))
    }

    /// The served model groups, in Anthropic's shape when the client sent `anthropic-version` (as Anthropic's SDKs
    /// do), OpenAI's otherwise.
    func models(_ request: ServerRequest) -> ServerResponse {
        let headers = Self.idHeader(Self.requestID(request))
        if Self.speaksAnthropic(request) {
            return IngressResponses.encodable(AnthropicModelList(data: modelNames.map(anthropicModel)), headers: headers)
        }
        let list = ModelList(data: modelNames.map(openAIModel))
        return IngressResponses.encodable(list, headers: headers)
    }

    /// `GET /v1/models/{id}`: one served model group, in the caller's shape; 404 in its format when not served.
    func model(_ request: ServerRequest) -> ServerResponse {
        let raw = request.path.dropFirst("/v1/models/".count)
        let id = String(raw).removingPercentEncoding ?? String(raw)
        let headers = Self.idHeader(Self.requestID(request))
        let anthropic = Self.speaksAnthropic(request)
        guard modelNames.contains(id) else {
            var error = GatewayError.unknownModel(id, available: modelNames)
            // OpenAI's own code for it, which its SDK's users match on.
            if !anthropic { error.code = "model_not_found" }
            return IngressResponses.error(anthropic ? .anthropic : .openAI, error, headers: headers)
        }
        if anthropic { return IngressResponses.encodable(anthropicModel(id), headers: headers) }
        return IngressResponses.encodable(openAIModel(id), headers: headers)
    }

    private func openAIModel(_ id: String) -> ModelList.Model {
        ModelList.Model(id: id, created: started, ownedBy: "switchyard")
    }

    private func anthropicModel(_ id: String) -> AnthropicModel {
        AnthropicModel(id: id, displayName: id, createdAt: LogTime.rfc3339(Double(started)))
    }

    /// Anthropic's SDKs send `anthropic-version` on every call; OpenAI's never do.
    private static func speaksAnthropic(_ request: ServerRequest) -> Bool {
        request.headers.first(name: "anthropic-version") != nil
    }

    // MARK: serving

    /// Completion tokens assumed (and reserved against budgets) for a chat request without `max_tokens`.
    var defaultMaxTokens: Int { governor?.policy.defaultMaxTokens ?? 4096 }

    /// A request past the key check and the parser, with what was learned on the way.
    struct Intake<Body> {
        var id: String
        var context: TraceContext
        var trace: IngressTrace
        var caller: Principal
        var body: Body
    }

    enum Taken<Body> {
        case accepted(Intake<Body>)
        case rejected(ServerResponse)
    }

    /// The steps every keyed route starts with: the request id and trace context, the key check, then the body
    /// read and decoded; a refusal at either step is the answer.
    private func take<Body: WireDecodable & Decodable>(
        _ type: Body.Type, _ request: ServerRequest, format: WireFormat, endpoint: String
    ) -> Taken<Body> {
        let id = Self.requestID(request)
        var trace = IngressTrace(engine: engine)
        let context = Self.trace(request)
        let caller: Principal
        switch authenticate(request, format: format, id: id, context: context, trace: &trace) {
        case .rejected(let response): return .rejected(response)
        case .accepted(let principal): caller = principal
        }
        switch decode(type, request, format: format, id: id, context: context, endpoint: endpoint, trace: &trace) {
        case .rejected(let response): return .rejected(response)
        case .parsed(let body):
            return .accepted(Intake(id: id, context: context, trace: trace, caller: caller, body: body))
        }
    }

    /// Who is calling: the virtual key's name and team, or the 401 that explains what is wrong with the key.
    /// Checked before the body is read: an unauthenticated client gets nothing parsed for it. The refusal is
    /// recorded (and traced, with the failed `auth` span).
    func authenticate(
        _ request: ServerRequest, format: WireFormat, id: String, context: TraceContext, trace: inout IngressTrace
    ) -> Authenticated {
        guard let governor else { return .accepted(Principal(key: nil, team: nil)) }
        let started = trace.now()
        // Only the outcome is traced: the header values (the secret) never are.
        let result = governor.authenticate(
            authorization: request.header(IngressHeader.authorization),
            apiKey: request.header(IngressHeader.apiKey) ?? GeminiRoute.googleKey(request),
            now: Date().timeIntervalSince1970)
        switch result {
        case .success(let principal):
            var attributes = [TraceAttribute("auth.mode", governor.policy.auth.rawValue)]
            if let key = principal.key { attributes.append(TraceAttribute("key", key)) }
            if let team = principal.team { attributes.append(TraceAttribute("team", team)) }
            trace.add(.auth, since: started, attributes: attributes)
            return .accepted(principal)
        case .failure(let error):
            var attributes = [TraceAttribute("auth.mode", governor.policy.auth.rawValue),
                              TraceAttribute("http.status", int: error.status)]
            if let code = error.code { attributes.append(TraceAttribute("code", code)) }
            trace.add(.auth, since: started, status: .error, message: error.message, attributes: attributes)
            let rejected = engine.recordRejected(
                GatewayRequest(id: id, model: "", inputTokens: 0, trace: context, ingress: trace.timing), error: error)
            let writeStart = trace.now()
            let response = IngressResponses.error(format, error, headers: Self.idHeader(id))
            trace.finish(rejected.trace, since: writeStart)
            if let record = rejected.record { accessLog?.log(record, traceID: context.traceID) }
            return .rejected(response)
        }
    }

    /// Reads and decodes the body: 413 over the limit, 400 with the parser's reason when it isn't valid. Timed as
    /// the `ingress.parse` span; a refusal is traced (it never reaches the engine).
    private func decode<T: WireDecodable & Decodable>(
        _ type: T.Type, _ request: ServerRequest, format: WireFormat, id: String, context: TraceContext,
        endpoint: String, trace: inout IngressTrace
    ) -> Decoded<T> {
        let started = trace.now()
        let wire = switch format {
        case .openAI: "openai"
        case .anthropic: "anthropic"
        case .gemini: "gemini"
        }
        let buffer = request.body
        if request.bodyTooLarge {
            let message = "request body exceeds the gateway's limit of \(maxBodyBytes) bytes"
            trace.add(.parse, since: started, status: .error, message: message,
                      attributes: [TraceAttribute("endpoint", endpoint), TraceAttribute("wire.format", wire)])
            return .rejected(refuse(id: id, model: "", context: context, trace: trace, status: 413, message: message) {
                IngressResponses.error(format, status: 413, message: message, headers: Self.idHeader(id))
            })
        }
        trace.keepRequestBody(buffer.readableBytesView)
        var attributes = [TraceAttribute("endpoint", endpoint), TraceAttribute("wire.format", wire),
                          TraceAttribute("body.bytes", int: buffer.readableBytes)]
        do {
            let value = try WireCoding.decode(type, from: Data(buffer.readableBytesView))
            trace.add(.parse, since: started, attributes: attributes)
            return .parsed(value)
        } catch {
            let message = "invalid request body: \(Self.describe(error))"
            attributes.append(TraceAttribute("http.status", int: 400))
            trace.add(.parse, since: started, status: .error, message: message, attributes: attributes)
            return .rejected(refuse(id: id, model: "", context: context, trace: trace, message: message) {
                IngressResponses.error(format, status: 400, message: message, headers: Self.idHeader(id))
            })
        }
    }

    /// Records a request refused by the ingress after authentication (its body) in the trace and the access log,
    /// then builds and times the error response.
    private func refuse(
        id: String, model: String, context: TraceContext, trace: IngressTrace, status: Int = 400, message: String,
        _ response: () -> ServerResponse
    ) -> ServerResponse {
        let kind: GatewayError.Kind = status == 400 || status == 413 ? .invalidRequest : .unavailable
        let refused = engine.refusedAtIngress(
            GatewayRequest(id: id, model: model, inputTokens: 0, trace: context, ingress: trace.timing),
            error: GatewayError(kind: kind, status: status, message: message))
        let writeStart = trace.now()
        let built = response()
        trace.finish(refused.trace, since: writeStart)
        accessLog?.log(refused.record, traceID: context.traceID)
        return built
    }

    private func serve(
        _ request: GatewayRequest, format: WireFormat, shape: ReplyShape, trace: IngressTrace
    ) async -> ServerResponse {
        let response = await engine.handle(request)
        if let record = response.record { accessLog?.log(record, traceID: request.trace?.traceID) }
        let writeStart = trace.now()
        var headers = Self.idHeader(request.id)
        if let trace = request.trace { headers.add(name: IngressHeader.traceID, value: trace.traceID) }
        headers.add(name: IngressHeader.attempts, value: String(response.attempts.count))
        if let served = response.servedBy {
            headers.add(name: IngressHeader.servedBy, value: served.id)
            headers.add(name: IngressHeader.servedModel, value: served.model)
        }
        if let limits = response.rateLimit { headers.addRateLimit(limits) }
        if let original = response.downgradedFrom { headers.add(name: IngressHeader.downgradedFrom, value: original) }
        if let clamp = response.clamp { headers.add(name: IngressHeader.budgetClamp, value: IngressHeader.describe(clamp)) }
        if let task = response.task { headers.add(name: IngressHeader.task, value: task.decision.task.rawValue) }
        if let from = response.escalatedFrom { headers.add(name: IngressHeader.escalatedFrom, value: from) }
        // What the ledger charged, in full precision: clients and tests can reconcile against it.
        if response.lease == nil, case .success = response.result {
            // A deployment without a price has an unknown cost, which is not $0.
            let priced = response.servedBy?.price.isKnown ?? false
            headers.add(name: IngressHeader.cost, value: priced ? "\(response.cost)" : "unknown")
        }
        switch response.result {
        case .failure(let error):
            let written = IngressResponses.error(format, error, headers: headers)
            trace.finish(response.trace, since: writeStart)
            return written
        case .success(let success):
            switch success.body {
            case .complete(let reply) where request.stream:
                // A stream the engine held back for its check: the answer that stood, written as that stream.
                var frames = ReplyReplay.frames(reply, includeUsage: request.payload?.includesStreamUsage ?? false)
                if var reshaper = shape.frameTranslator { frames = reshaper.frames(frames) }
                let body = frames.reduce(into: Data()) { $0.append($1) }
                trace.finish(response.trace, since: writeStart, attributes: [TraceAttribute("body.bytes", int: body.count)])
                return IngressResponses.eventStream(body, headers: headers)
            case .complete(let reply):
                guard let encoded = shape.body(reply) else {
                    let message = "cannot encode the response"
                    trace.finish(response.trace, since: writeStart, status: .error, message: message)
                    return IngressResponses.error(format, status: 500, message: message, headers: headers)
                }
                let written = IngressResponses.json(encoded, headers: headers)
                // The JSON answer is handed to the server whole: the span is its encoding and hand-off.
                trace.finish(response.trace, since: writeStart,
                             attributes: [TraceAttribute("body.bytes", int: encoded.count)],
                             body: trace.bodyCap.map { TraceBody.capture(encoded, maxBytes: $0) })
                return written
            case .stream(let stream):
                guard let lease = response.lease else {
                    let message = "stream without a lease"
                    trace.finish(response.trace, since: writeStart, status: .error, message: message)
                    return IngressResponses.error(format, status: 500, message: message, headers: headers)
                }
                let reshaper = stream.isNativeResponses ? shape.nativeResponsesRelay : shape.frameTranslator
                return streaming(stream, lease: lease, format: format, reshaper: reshaper,
                                 headers: headers, trace: trace)
            case nil:
                let message = "upstream gave no body"
                trace.finish(response.trace, since: writeStart, status: .error, message: message)
                return IngressResponses.error(format, status: 502, message: message, headers: headers)
            }
        }
    }

    /// Writes SSE frames as they come; a failure after the first byte ends the stream with an error event in
    /// the client's format (never a silent clean end). The engine is settled however the stream ends; the trace's
    /// `response.write` span runs from the first frame written to the last (the terminator).
    private func streaming(
        _ stream: ClientStream, lease: StreamLease, format: WireFormat, reshaper: FrameReshaper?,
        headers: HTTPHeaders, trace: IngressTrace
    ) -> ServerResponse {
        var fields = headers
        fields.add(name: "content-type", value: "text/event-stream")
        fields.add(name: "cache-control", value: "no-cache")
        let drain = self.drain
        let accessLog = self.accessLog
        return ServerResponse(status: .ok, headers: fields, body: .stream { writer in
            let token = drain.open(stream.abort)
            defer { drain.close(token) }
            try await Self.writeStream(stream, lease: lease, format: format, reshaper: reshaper, trace: trace,
                                       accessLog: accessLog, to: writer)
        })
    }

    /// The body of `streaming`'s response: frames (re-shaped by `reshaper`, when there is one), the lease
    /// finished, then the terminator.
    private static func writeStream(
        _ stream: ClientStream, lease: StreamLease, format: WireFormat, reshaper: FrameReshaper?,
        trace: IngressTrace, accessLog: AccessLog?, to writer: ResponseBodyWriter
    ) async throws {
        var reshaper = reshaper
        var failure: UpstreamFailure?
        var clientGone = false
        // The terminator goes out only once the ledger holds the request: a client that saw the stream
        // complete was charged for it, even if the gateway dies a moment later.
        var terminator: Data?
        var kept = trace.bodyCap.map { TraceBodyBuffer(maxBytes: $0) }
        var firstWrite: Double?
        var frames = 0
        var bytes = 0
        func written(_ frame: Data) {
            frames += 1
            bytes += frame.count
            kept?.append(frame)
        }
        do {
            for try await answered in stream.frames {
                let batch = reshaper?.frames(answered) ?? answered
                var outgoing: [Data] = []
                outgoing.reserveCapacity(batch.count)
                for frame in batch {
                    if Self.isTerminator(frame) { terminator = frame } else { outgoing.append(frame) }
                }
                guard !outgoing.isEmpty else { continue }
                if firstWrite == nil, trace.isActive { firstWrite = trace.now() }
                // One write per batch: the frames of one upstream read leave in one system call.
                var buffer = ByteBuffer()
                buffer.reserveCapacity(outgoing.reduce(0) { $0 + $1.count })
                for frame in outgoing { buffer.writeBytes(frame) }
                do {
                    try await writer.write(buffer)
                    outgoing.forEach(written)
                } catch {
                    clientGone = true
                    break
                }
            }
        } catch {
            let f = error as? UpstreamFailure ?? UpstreamFailure(errorClass: .server, message: "\(error)")
            failure = f
            if firstWrite == nil, trace.isActive { firstWrite = trace.now() }
            let frames = reshaper?.failure(message: f.message) ?? [IngressResponses.streamErrorFrame(format, message: f.message)]
            do {
                var buffer = ByteBuffer()
                for frame in frames { buffer.writeBytes(frame) }
                try await writer.write(buffer)
                frames.forEach(written)
            } catch {
                clientGone = true
            }
        }
        let usage = stream.usage.value
        guard let settled = await lease.finish(inputTokens: usage.input, outputTokens: usage.output,
                                               failure: failure, clientGone: clientGone)
        else { return }
        accessLog?.log(settled.record, traceID: lease.traceID)
        var finished: (any Error)?
        if !clientGone, let terminator {
            do {
                try await writer.write(ByteBuffer(data: terminator))
                written(terminator)
            } catch {
                finished = error
            }
        }
        if trace.isActive {
            var attributes = [TraceAttribute("frames", int: frames), TraceAttribute("body.bytes", int: bytes)]
            if clientGone || finished != nil { attributes.append(TraceAttribute("client_gone", "true")) }
            trace.finish(settled.trace, since: firstWrite ?? trace.now(),
                         status: clientGone || finished != nil || failure != nil ? .error : .ok,
                         message: clientGone || finished != nil ? "client closed the stream" : failure?.message,
                         attributes: attributes, body: kept?.finish())
        }
        if let finished { throw finished }
        if clientGone { throw ChannelError.ioOnClosedChannel }
    }

    /// OpenAI's `data: [DONE]`, Anthropic's `message_stop` event, the Responses API's closing
    /// `response.completed` (`response.incomplete`) or Gemini's closing chunk: the frame that tells a client it
    /// has it all.
    static func isTerminator(_ frame: Data) -> Bool {
        terminators.contains { frame.starts(with: $0) } || GeminiFrameTranslator.isClosing(frame)
    }

    private static let terminators = [
        "data: [DONE]", "event: message_stop", "event: response.completed", "event: response.incomplete",
    ].map { Data($0.utf8) }

    /// The caller, or the 401 response refusing them.
    enum Authenticated {
        case accepted(Principal)
        case rejected(ServerResponse)
    }

    /// A decoded body, or the error response that explains why there is none.
    enum Decoded<T> {
        case parsed(T)
        case rejected(ServerResponse)
    }

    /// The parser's reason in client terms: the field path and what was wrong.
    static func describe(_ error: any Error) -> String {
        (error as? DecodingError)?.wireDescription ?? "\(error)"
    }

    // MARK: request ids

    /// The client's `x-request-id` when it sent a sane one, else a new one.
    static func requestID(_ request: ServerRequest) -> String {
        if let sent = request.header(IngressHeader.requestID), !sent.isEmpty, sent.count <= 128,
           sent.allSatisfy({ $0.isASCII && !$0.isWhitespace }) {
            return sent
        }
        return "req_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// The client's W3C trace, continued, or a new one when it sent no valid `traceparent`.
    static func trace(_ request: ServerRequest) -> TraceContext {
        request.header(IngressHeader.traceparent).flatMap {
            TraceContext(traceparent: $0, tracestate: request.header(IngressHeader.tracestate))
        } ?? TraceContext.new()
    }

    static func idHeader(_ id: String) -> HTTPHeaders {
        var fields = HTTPHeaders()
        fields.add(name: IngressHeader.requestID, value: id)
        return fields
    }
}

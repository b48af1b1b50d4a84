import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SwitchyardConfig
import SwitchyardCore
import SwitchyardHTTP
import SwitchyardWire
import Synchronization

/// Calls real providers over HTTP: keep-alive connections pooled per event loop (`HTTPClientPool`), the client's
/// request written in the upstream's wire format, the answer read back into the client's, with connect,
/// first-token, response and total timeouts per provider and model group.
public final class HTTPUpstreamTransport: UpstreamTransport {
    /// Where each deployment's calls go; a reload swaps it.
    let routes: Mutex<UpstreamRoutes>
    let client: HTTPClientPool
    /// Upstream error bodies are read up to this size for their message; success bodies up to `maxBody`.
    private let maxErrorBody = 64 * 1024
    private let maxBody = 64 * 1024 * 1024

    /// Endpoints for every provider of `config`; API keys come from `environment` or the providers' key files,
    /// proxies and `SSL_CERT_FILE` from `environment` (`UpstreamEgress`).
    public init(config: GatewayConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        routes = Mutex(try UpstreamRoutes(config: config, environment: environment))
        client = try HTTPClientPool()
    }

    /// Where calls would go under `config`, with keys read again from `environment` and the key files (a rotated
    /// `api_key_file` takes effect here), proxies and CA bundles too; throws as `init` does. Nothing changes until
    /// `install`.
    func prepare(config: GatewayConfig, environment: [String: String]) throws -> UpstreamRoutes {
        try UpstreamRoutes(config: config, environment: environment)
    }

    /// Calls from now on go where `next` says; deployments it dropped keep their endpoints for the requests still
    /// on them. Returns the providers whose key changed.
    func install(_ next: UpstreamRoutes) -> Set<String> {
        routes.withLock { routes in
            let renewed = routes.providersWithNewKeys(in: next)
            routes = routes.replaced(by: next)
            return renewed
        }
    }

    /// Closes every pooled connection.
    public func shutdown() async {
        await client.shutdown()
    }

    public func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
        let (endpoint, limits) = routes.withLock { $0.route(for: call.deployment) }
        guard let endpoint else {
            return .failure(UpstreamFailure(errorClass: .other, status: 500, message: "no endpoint for provider \(call.deployment.provider)"))
        }
        guard let target = endpoint.target else {
            return .failure(UpstreamFailure(errorClass: .other, status: 500, message: "\(endpoint.name) has no http(s) base_url"))
        }
        guard let request = call.request.payload else {
            return .failure(UpstreamFailure(errorClass: .other, status: 500, message: "request has no body to forward"))
        }
        let started = NIODeadline.now()
        let total = limits.total ?? 600
        // Streams must show a first token in time; a JSON answer must be whole within `response`.
        let firstTokenLimit = request.isStreaming ? limits.firstToken : nil
        let answerLimit = request.isStreaming ? total : min(total, limits.response ?? total)
        // The head waits for whichever limit is shorter; the body is held to the answer's limit.
        let headLimit = min(answerLimit, firstTokenLimit ?? answerLimit)
        // A Responses request goes to a provider's own Responses API when it has one; every other is translated.
        let native = endpoint.servesResponses ? call.request.nativeResponses : nil
        let model = call.deployment.upstreamModel
        let response: ClientResponse
        do {
            let body = if let native {
                try UpstreamBodyBuilder.body(responses: native, upstreamModel: model, streaming: request.isStreaming)
            } else if endpoint.isBedrock {
                try BedrockExchange.body(for: request)
            } else {
                try UpstreamBodyBuilder.body(for: request, format: endpoint.format, upstreamModel: model)
            }
            let uri = native != nil ? endpoint.responsesPath : endpoint.path(for: request, upstreamModel: model)
            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: uri,
                                       headers: endpoint.headers(requestID: call.request.id, trace: call.request.trace,
                                                                 spanID: call.spanID))
            head.headers.add(name: "content-length", value: String(body.count))
            if let signer = endpoint.signer { BedrockExchange.sign(&head.headers, uri: head.uri, body: body, signer: signer) }
            response = try await client.execute(
                head, body: ByteBuffer(data: body), to: target, connectTimeout: endpoint.connectTimeout,
                headDeadline: started + .duration(seconds: headLimit),
                finishDeadline: started + .duration(seconds: answerLimit))
        } catch {
            let shortLimit: TimeoutError.Limit = request.isStreaming ? .firstToken : .response
            return .failure(Self.failure(error, provider: endpoint.name, headLimit: headLimit, answerLimit: answerLimit,
                                         total: total, shortLimit: shortLimit))
        }
        // The time to the response head: connect, upload and the provider's think time together.
        let head = Self.seconds(since: started)
        guard response.status == .ok else {
            let errorBody = try? await response.collect(upTo: maxErrorBody)
            let status = Int(response.status.code)
            // Each provider family names its errors its own way.
            if endpoint.isBedrock {
                return .failure(BedrockExchange.failure(
                    status: status, headers: response.headers, body: errorBody, provider: endpoint.name))
            }
            if endpoint.format == .gemini {
                return .failure(GeminiUpstream.failure(
                    status: status, headers: response.headers, body: errorBody, provider: endpoint.name))
            }
            return .failure(UpstreamFailureClassifier.failure(
                status: status, headers: response.headers, body: errorBody, provider: endpoint.name))
        }
        if request.isStreaming {
            let remaining = firstTokenLimit.map { max(0.001, $0 - head) }
            var opened = await openStream(response, request: request, call: call, endpoint: endpoint,
                                          native: native != nil, firstTokenLimit: remaining, started: started,
                                          total: total)
            if case .success(var success) = opened {
                success.timeToHead = head
                opened = .success(success)
            }
            return opened
        }
        let bytes: ByteBuffer
        do {
            bytes = try await response.collect(upTo: maxBody)
        } catch {
            let failure = Self.failure(error, provider: endpoint.name, headLimit: answerLimit, answerLimit: answerLimit,
                                       total: total, shortLimit: .response)
            return .failure(failure.errorClass == .connect
                ? UpstreamFailureClassifier.bodyFailure(error, provider: endpoint.name) : failure)
        }
        let answer = Data(bytes.readableBytesView)
        var reply = native != nil
            ? UpstreamReplyReader.readResponses(answer, estimatedInput: call.request.inputTokens, provider: endpoint.name)
            : endpoint.isBedrock
            ? BedrockExchange.read(answer, request: request,
                                   estimatedInput: call.request.inputTokens, provider: endpoint.name,
                                   requestID: call.request.id, model: call.deployment.upstreamModel)
            : UpstreamReplyReader.read(answer, request: request,
                                       format: endpoint.format, estimatedInput: call.request.inputTokens,
                                       provider: endpoint.name)
        if case .success(var success) = reply {
            success.timeToHead = head
            reply = .success(success)
        }
        return reply
    }

    /// Starts relaying a stream; returns once its first content arrived (so a stream that fails before any
    /// content can still be retried elsewhere), or the failure that came first. The relay runs on the upstream
    /// connection's loop as the body arrives; the exchange's own deadline cuts a stream still running `total`
    /// seconds after the call started.
    private func openStream(
        _ response: ClientResponse, request: ClientRequest, call: UpstreamCall, endpoint: UpstreamEndpoint,
        native: Bool, firstTokenLimit: Double?, started: NIODeadline, total: Double
    ) async -> Result<UpstreamSuccess, UpstreamFailure> {
        let meter = UsageMeter(estimatedInput: call.request.inputTokens)
        let translator = native
            ? StreamTranslator(nativeResponses: meter, estimatedInput: call.request.inputTokens)
            : StreamTranslator(upstream: endpoint.format, client: request, meter: meter,
                               estimatedInput: call.request.inputTokens)
        let (frames, sink) = AsyncThrowingStream<[Data], any Error>.makeStream()
        let loop = response.eventLoop
        let first = loop.makePromise(of: UpstreamFailure?.self)
        let provider = endpoint.name
        let isBedrock = endpoint.isBedrock
        let messageID = BedrockExchange.messageID(call.request.id)
        let model = call.deployment.upstreamModel
        let start: @Sendable () -> Void = {
            let source: any UpstreamEventSource = isBedrock
                ? BedrockEventSource(id: messageID, model: model, provider: provider) : SSEParser()
            let relay = FrameRelay(translator, source: source, frames: sink, provider: provider, total: total) {
                first.succeed($0)
            }
            relay.cancelUpstream = { response.cancel() }
            relay.armFirstToken(firstTokenLimit, on: loop)
            let bound = NIOLoopBound(relay, eventLoop: loop)
            response.stream { event in bound.value.handle(event) }
        }
        if loop.inEventLoop { start() } else { loop.execute(start) }
        // A client that stops reading (or leaves) ends the upstream exchange.
        sink.onTermination = { _ in response.cancel() }
        let outcome: UpstreamFailure?
        do {
            outcome = try await withTaskCancellationHandler {
                try await first.futureResult.get()
            } onCancel: {
                response.cancel()
            }
        } catch {
            response.cancel()
            return .failure(UpstreamFailureClassifier.failure(error, provider: provider))
        }
        if let outcome {
            response.cancel()
            return .failure(outcome)
        }
        let usage = meter.value
        return .success(UpstreamSuccess(
            inputTokens: usage.input, outputTokens: 0, timeToFirstToken: Self.seconds(since: started),
            body: .stream(ClientStream(frames: frames, usage: meter, abort: { sink.finish(throwing: $0) },
                                       isNativeResponses: native))))
    }

    /// A failed exchange in the gateway's terms: which limit ran out, or how the connection failed.
    private static func failure(
        _ error: any Error, provider: String, headLimit: Double, answerLimit: Double, total: Double,
        shortLimit: TimeoutError.Limit
    ) -> UpstreamFailure {
        switch error as? HTTPClientError {
        case .headTimeout?:
            return UpstreamFailureClassifier.failure(
                TimeoutError(seconds: headLimit, limit: headLimit < total ? shortLimit : .total), provider: provider)
        case .finishTimeout?:
            return UpstreamFailureClassifier.failure(
                TimeoutError(seconds: answerLimit, limit: answerLimit < total ? .response : .total), provider: provider)
        default:
            return UpstreamFailureClassifier.failure(error, provider: provider)
        }
    }

    static func seconds(since start: NIODeadline) -> Double {
        Double((NIODeadline.now() - start).nanoseconds) / 1e9
    }
}

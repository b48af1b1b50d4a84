import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardConfig
import SwitchyardCore
import SwitchyardWire

/// Calls real providers over HTTP: pooled keep-alive clients per provider, the client's request written in
/// the upstream's wire format, the answer read back into the client's, with connect, first-token and total
/// timeouts per provider and model group.
public final class HTTPUpstreamTransport: UpstreamTransport {
    /// By deployment id: the provider's endpoint with the client matching the deployment's connect timeout.
    private let endpoints: [String: UpstreamEndpoint]
    /// By provider name, for deployments the config did not list.
    private let providerEndpoints: [String: UpstreamEndpoint]
    private let timeouts: [String: Timeouts]
    private let clients: [HTTPClient]
    /// Upstream error bodies are read up to this size for their message; success bodies up to `maxBody`.
    private let maxErrorBody = 64 * 1024
    private let maxBody = 64 * 1024 * 1024

    /// Builds clients for every provider of `config`; API keys come from `environment`.
    public init(config: GatewayConfig, environment: [String: String] = ProcessInfo.processInfo.environment) {
        // The connect timeout is a client setting, so each (provider, connect timeout) pair gets its own pool:
        // a model group that overrides its provider's connect timeout connects under its own limit.
        var pools: [String: HTTPClient] = [:]
        func client(_ provider: String, connect: Double) -> HTTPClient {
            let key = "\(provider) \(connect)"
            if let existing = pools[key] { return existing }
            let created = Self.makeClient(connect: connect)
            pools[key] = created
            return created
        }
        var providerEndpoints: [String: UpstreamEndpoint] = [:]
        for provider in config.providers {
            let connect = provider.timeouts.over(config.timeouts).over(.defaults).connect ?? 5
            let key = provider.spec.apiKeyEnv.flatMap { environment[$0] }
            providerEndpoints[provider.spec.name] = UpstreamEndpoint(
                provider: provider, apiKey: key, client: client(provider.spec.name, connect: connect))
        }
        var endpoints: [String: UpstreamEndpoint] = [:]
        var timeouts: [String: Timeouts] = [:]
        for deployment in config.deployments {
            let limits = config.timeouts(for: deployment)
            timeouts[deployment.id] = limits
            guard let provider = config.providers.first(where: { $0.spec.name == deployment.provider }) else { continue }
            let key = provider.spec.apiKeyEnv.flatMap { environment[$0] }
            endpoints[deployment.id] = UpstreamEndpoint(
                provider: provider, apiKey: key, client: client(provider.spec.name, connect: limits.connect ?? 5))
        }
        self.endpoints = endpoints
        self.providerEndpoints = providerEndpoints
        self.clients = Array(pools.values)
        self.timeouts = timeouts
    }

    /// A pooled keep-alive client whose connects give up after `connect` seconds.
    private static func makeClient(connect: Double) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .milliseconds(Int64(connect * 1000))),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
        )
        configuration.httpVersion = .automatic
        // A refused connection must fail the attempt at once so the engine can fall back; left on, the
        // client retries it quietly until the connect timeout, stalling every request to a dead provider.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes every pooled connection.
    public func shutdown() async {
        for client in clients { try? await client.shutdown() }
    }

    public func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
        guard let endpoint = endpoints[call.deployment.id] ?? providerEndpoints[call.deployment.provider] else {
            return .failure(UpstreamFailure(errorClass: .other, status: 500, message: "no endpoint for provider \(call.deployment.provider)"))
        }
        guard let request = call.request.payload?.value as? ClientRequest else {
            return .failure(UpstreamFailure(errorClass: .other, status: 500, message: "request has no body to forward"))
        }
        let limits = timeouts[call.deployment.id] ?? Timeouts.defaults
        let started = ContinuousClock.now
        do {
            let body = try UpstreamBodyBuilder.body(for: request, format: endpoint.format,
                                                    upstreamModel: call.deployment.upstreamModel)
            var http = HTTPClientRequest(url: endpoint.url(for: request))
            http.method = .POST
            http.headers = endpoint.headers(requestID: call.request.id, trace: call.request.trace, spanID: call.spanID)
            http.body = .bytes(ByteBuffer(data: body))
            let total = limits.total ?? 600
            let finishBy = started + .milliseconds(Int64(total * 1000))
            // Streams must show a first token in time; a JSON answer must be whole within `response`.
            let firstTokenLimit = request.isStreaming ? limits.firstToken : nil
            let answerLimit = request.isStreaming ? total : min(total, limits.response ?? total)
            let answerBy = started + .milliseconds(Int64(answerLimit * 1000))
            // The client's deadline only covers the response head (the body is held to its limit below), so the
            // head waits for whichever limit is shorter.
            let headLimit = min(answerLimit, firstTokenLimit ?? answerLimit)
            let shortLimit: TimeoutError.Limit = request.isStreaming ? .firstToken : .response
            let response: HTTPClientResponse
            do {
                response = try await endpoint.client.execute(
                    http, deadline: NIODeadline.now() + .milliseconds(Int64(headLimit * 1000)))
            } catch let error as HTTPClientError where error == .deadlineExceeded && headLimit < total {
                throw TimeoutError(seconds: headLimit, limit: shortLimit)
            }
            // AsyncHTTPClient does not report when the connection was made, so the trace gets the time to the
            // response head (connect, upload and the provider's think time together) and the rest of the total.
            let head = Self.seconds(ContinuousClock.now - started)
            guard response.status == .ok else {
                let errorBody = try? await response.body.collect(upTo: maxErrorBody)
                return .failure(UpstreamFailureClassifier.failure(
                    status: Int(response.status.code), headers: response.headers, body: errorBody, provider: endpoint.name))
            }
            if request.isStreaming {
                let elapsed = Self.seconds(ContinuousClock.now - started)
                let remaining = firstTokenLimit.map { max(0.001, $0 - elapsed) }
                var opened = await openStream(response, request: request, call: call, endpoint: endpoint,
                                              firstTokenLimit: remaining, started: started, finishBy: finishBy,
                                              total: total)
                if case .success(var success) = opened {
                    success.timeToHead = head
                    opened = .success(success)
                }
                return opened
            }
            let maxBody = self.maxBody
            let bytes: ByteBuffer
            do {
                bytes = try await withTimeout(Self.seconds(answerBy - ContinuousClock.now),
                                              limit: answerLimit < total ? .response : .total) {
                    try await response.body.collect(upTo: maxBody)
                }
            } catch {
                return .failure(UpstreamFailureClassifier.bodyFailure(error, provider: endpoint.name))
            }
            var reply = UpstreamReplyReader.read(Data(bytes.readableBytesView), request: request,
                                                 format: endpoint.format, estimatedInput: call.request.inputTokens,
                                                 provider: endpoint.name)
            if case .success(var success) = reply {
                success.timeToHead = head
                reply = .success(success)
            }
            return reply
        } catch {
            return .failure(UpstreamFailureClassifier.failure(error, provider: endpoint.name))
        }
    }

    /// Starts relaying a stream; returns once its first content arrived (so a stream that fails before any
    /// content can still be retried elsewhere), or the failure that came first. The stream is cut with a
    /// timeout failure if it is still running at `finishBy` (`total` seconds after the call started).
    private func openStream(
        _ response: HTTPClientResponse, request: ClientRequest, call: UpstreamCall, endpoint: UpstreamEndpoint,
        firstTokenLimit: Double?, started: ContinuousClock.Instant, finishBy: ContinuousClock.Instant, total: Double
    ) async -> Result<UpstreamSuccess, UpstreamFailure> {
        let meter = UsageMeter(estimatedInput: call.request.inputTokens)
        let translator = StreamTranslator(upstream: endpoint.format, client: request, meter: meter,
                                          estimatedInput: call.request.inputTokens)
        let (frames, sink) = AsyncThrowingStream<[Data], any Error>.makeStream()
        let (firstSignal, firstSink) = AsyncStream<UpstreamFailure?>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let provider = endpoint.name
        // The pump stays on this loop (the connection's, see `EventLoopExecutor`) rather than the shared pool.
        let pump = Task(executorPreference: EventLoopExecutor.current) {
            var relay = FrameRelay(translator, frames: sink, first: firstSink)
            var parser = SSEParser()
            do {
                for try await buffer in response.body {
                    try relay.relay(parser.feed(buffer.readableBytesView))
                }
                try relay.relay(parser.finish())
                try relay.finish(provider: provider)
            } catch {
                relay.fail(ContinuousClock.now >= finishBy
                    ? UpstreamFailureClassifier.totalTimeout(total, provider: provider)
                    : UpstreamFailureClassifier.bodyFailure(error, provider: provider))
            }
        }
        // Past the total timeout the pump is cancelled; it reports that as a timeout (see its catch).
        let watchdog = Task(executorPreference: EventLoopExecutor.current) {
            try? await EventLoopSleep.sleep(seconds: Self.seconds(finishBy - ContinuousClock.now))
            if !Task.isCancelled { pump.cancel() }
        }
        sink.onTermination = { _ in
            pump.cancel()
            watchdog.cancel()
        }
        do {
            let first = try await withTaskCancellationHandler {
                try await withTimeout(firstTokenLimit) { () -> UpstreamFailure? in
                    for await outcome in firstSignal { return outcome }
                    return UpstreamFailure(errorClass: .server, message: "stream from \(provider) ended empty")
                }
            } onCancel: {
                pump.cancel()
            }
            if let failure = first {
                pump.cancel()
                return .failure(failure)
            }
        } catch {
            pump.cancel()
            return .failure(UpstreamFailureClassifier.failure(error, provider: provider))
        }
        let ttft = Self.seconds(ContinuousClock.now - started)
        let usage = meter.value
        return .success(UpstreamSuccess(
            inputTokens: usage.input, outputTokens: 0, timeToFirstToken: ttft,
            body: .stream(ClientStream(frames: frames, usage: meter))))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

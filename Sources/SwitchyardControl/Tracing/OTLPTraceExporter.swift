import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import SwitchyardCore
import Synchronization

/// Pushes finished traces to an OpenTelemetry collector over OTLP/HTTP, off the request path: the recorder drops
/// each trace into `queue` (bounded; a full queue drops the newest), and this service sends batches of at most
/// `batchSize` spans every `scheduleDelay`, or as soon as a full batch waits. A failed send (no connection, a
/// timeout, 429, 502, 503, 504) is retried with exponential backoff and jitter for at most `retry.maxElapsed`
/// while later traces queue up behind it; a collector that refuses a batch (another status) loses that batch,
/// logged. On shutdown whatever waits is sent once more within `shutdownFlushLimit`.
public final class OTLPTraceExporter: Service {
    public let settings: OTLPExporterSettings
    /// Hand it to `TraceRecorder(exportQueue:)`.
    public let queue: TraceExportQueue
    /// By provider name; a reload adds the new providers (and keeps the old, for traces of requests in flight).
    private let upstreams: Mutex<[String: OTLPUpstream]>
    private let version: String?
    private let logger: Logger

    /// Longest the last send at shutdown may take.
    public static let shutdownFlushLimit = 5.0
    /// How often the loop looks for a full batch between scheduled sends.
    static let pollInterval = 0.25

    /// An exporter for `settings`; `upstreams` names the providers on attempt spans.
    public init(
        settings: OTLPExporterSettings, upstreams: [String: OTLPUpstream] = [:], version: String? = nil,
        logger: Logger = Logger(label: "switchyard.otlp")
    ) {
        self.settings = settings
        self.upstreams = Mutex(upstreams)
        self.version = version
        self.logger = logger
        queue = TraceExportQueue(capacity: settings.queueSize)
    }

    /// Names the providers of a reloaded configuration on the spans of their attempts.
    public func update(providers: [ProviderSpec]) {
        let next = OTLPUpstream.directory(providers)
        upstreams.withLock { $0.merge(next) { _, new in new } }
    }

    public func run() async throws {
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(timeout: .init(
                connect: .milliseconds(Int64(settings.timeout * 1_000)),
                read: .milliseconds(Int64(settings.timeout * 1_000)))))
        logger.info("exporting traces to \(settings.endpoint) as \(settings.wireProtocol.rawValue)")
        let carried = await cancelWhenGracefulShutdown { [self] in await exportLoop(client) } ?? nil
        // The loop stopped (shutdown): send what waits once more, in a task of its own so a cancelled caller does
        // not cancel the requests, and for a bounded time.
        let deadline = ContinuousClock.now + .seconds(Self.shutdownFlushLimit)
        await Task { [self] in await flushAll(client, carried: carried ?? [], deadline: deadline) }.value
        try? await client.shutdown()
    }

    /// Sends batches until cancelled; returns a batch it was still retrying, for the last flush.
    func exportLoop(_ client: HTTPClient) async -> [RequestTrace]? {
        var lastSend = ContinuousClock.now
        while !Task.isCancelled {
            let waiting = queue.queuedSpans
            let due = ContinuousClock.now - lastSend >= .seconds(settings.scheduleDelay)
            guard waiting >= settings.batchSize || (due && waiting > 0) else {
                if due { lastSend = ContinuousClock.now }
                do { try await Task.sleep(for: .seconds(Self.pollInterval)) } catch { break }
                continue
            }
            lastSend = ContinuousClock.now
            let batch = queue.take(maxSpans: settings.batchSize)
            if await send(batch, client: client, deadline: nil) == .interrupted { return batch }
        }
        return nil
    }

    /// Sends everything waiting, giving up at `deadline`.
    func flushAll(_ client: HTTPClient, carried: [RequestTrace], deadline: ContinuousClock.Instant) async {
        var batch = carried.isEmpty ? queue.take(maxSpans: settings.batchSize) : carried
        while !batch.isEmpty {
            if await send(batch, client: client, deadline: deadline) != .done {
                queue.dropped(spans: Self.spanCount(batch))
                break
            }
            batch = queue.take(maxSpans: settings.batchSize)
        }
        let left = Self.spanCount(queue.take(maxSpans: Int.max))
        if left > 0 {
            queue.dropped(spans: left)
            logger.warning("stopping with \(left) spans not exported to \(settings.endpoint)")
        }
    }

    enum SendResult { case done, interrupted, outOfTime }

    /// Spans in `batch`, as the queue counts them.
    static func spanCount(_ batch: [RequestTrace]) -> Int {
        batch.reduce(0) { $0 + max(1, $1.spans.count) }
    }

    /// Posts one batch, retrying as the policy allows (within `deadline` when given). Counts its spans as
    /// exported or dropped, except when interrupted by cancellation or by the deadline, when the caller decides.
    func send(_ batch: [RequestTrace], client: HTTPClient, deadline: ContinuousClock.Instant?) async -> SendResult {
        let spans = Self.spanCount(batch)
        guard spans > 0 else { return .done }
        let body = encode(batch)
        let started = ContinuousClock.now
        var retries = 0
        while true {
            let outcome = await post(body, client: client, deadline: deadline)
            switch OTLPRetryPolicy.verdict(status: outcome.status) {
            case .delivered:
                if retries > 0 { logger.info("OTLP collector at \(settings.endpoint) accepting traces again") }
                queue.exported(spans: spans)
                return .done
            case .drop:
                queue.dropped(spans: spans)
                logger.error("OTLP collector at \(settings.endpoint) refused \(spans) spans: HTTP \(outcome.status ?? 0)\(outcome.detail)")
                return .done
            case .retry:
                retries += 1
                let delay = settings.retry.delay(retry: retries, jitter: Double.random(in: 0..<1),
                                                 retryAfter: outcome.retryAfter)
                let elapsed = (ContinuousClock.now - started).seconds
                guard settings.retry.shouldRetry(elapsed: elapsed, nextDelay: delay) else {
                    queue.dropped(spans: spans)
                    logger.error("giving up on \(spans) spans after \(retries) tries over \(Int(elapsed)) s: \(outcome.reason)")
                    return .done
                }
                if let deadline, ContinuousClock.now + .seconds(delay) > deadline { return .outOfTime }
                // Once per outage at warning; every retry at debug.
                if retries == 1 {
                    logger.warning("cannot export traces to \(settings.endpoint) (\(outcome.reason)); retrying with backoff")
                } else {
                    logger.debug("OTLP export retry \(retries) in \(delay) s: \(outcome.reason)")
                }
                do { try await Task.sleep(for: .seconds(delay)) } catch { return .interrupted }
            }
        }
    }

    /// The batch as the request body, in the configured encoding.
    func encode(_ batch: [RequestTrace]) -> [UInt8] {
        let export = OTLPTraceEncoder.export(
            batch, version: version, serviceName: settings.serviceName, upstreams: upstreams.withLock { $0 })
        switch settings.wireProtocol {
        case .json:
            // Encoding these Codable values cannot fail (strings, numbers, no non-finite doubles reach here).
            return (try? Array(JSONEncoder().encode(export))) ?? []
        case .protobuf, .grpc:
            return OTLPProtobufEncoder.encode(export)
        }
    }

    struct PostOutcome {
        /// The HTTP status; nil when no answer came.
        var status: Int?
        /// Seconds from a `Retry-After` header.
        var retryAfter: Double?
        /// Why it failed, for the log.
        var reason: String
        /// The collector's explanation, for the log (short).
        var detail: String = ""
    }

    private func post(_ body: [UInt8], client: HTTPClient, deadline: ContinuousClock.Instant?) async -> PostOutcome {
        var request = HTTPClientRequest(url: settings.endpoint)
        request.method = .POST
        request.headers.add(
            name: "content-type",
            value: settings.wireProtocol == .json ? "application/json" : "application/x-protobuf")
        request.headers.add(name: "user-agent", value: "switchyard/\(version ?? "dev")")
        for header in settings.headers { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        var timeout = settings.timeout
        if let deadline { timeout = min(timeout, max(0.1, (deadline - ContinuousClock.now).seconds)) }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1_000)))
            let answer = try? await response.body.collect(upTo: 16 * 1024)
            let status = Int(response.status.code)
            let retryAfter = response.headers.first(name: "retry-after").flatMap(Double.init)
            var detail = ""
            if !(200..<300).contains(status), let answer, answer.readableBytes > 0,
               settings.wireProtocol == .json || response.headers.first(name: "content-type")?.contains("json") == true {
                detail = ": " + String(String(buffer: answer).prefix(200))
            }
            return PostOutcome(status: status, retryAfter: retryAfter, reason: "HTTP \(status)", detail: detail)
        } catch {
            return PostOutcome(status: nil, retryAfter: nil, reason: "\(error)")
        }
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

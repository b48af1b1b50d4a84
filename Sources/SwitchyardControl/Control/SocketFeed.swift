import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardCore
import SwitchyardWire
import SwitchyardControlAPI

/// A `GatewayFeed` attached to a running gateway over its control socket (HTTP/1.1 + JSON on a Unix socket).
///
/// `snapshots(every:)` follows the NDJSON feed and, when the gateway goes away, keeps reconnecting with
/// exponential backoff until the consumer stops; `connectionStates()` reports attached/connecting/disconnected.
/// Call `shutdown()` when done with the feed.
public final class SocketFeed: GatewayFeed {
    /// The control socket attached to.
    public let socketPath: String
    /// `X-Switchyard-Interface` sent when the actor does not name one ("tui", "ctl" or "api").
    public let interface: String
    /// Delays between reconnect attempts.
    public let backoff: ReconnectBackoff
    private let client: HTTPClient
    private let connection: ConnectionBroadcast

    /// Interfaces the control API knows; an actor "ctl:alice" is sent as interface "ctl".
    private static let interfaces: Set<String> = ["tui", "ctl", "api"]
    /// Longest wait for a command's answer or a status snapshot.
    private static let requestTimeout = TimeAmount.seconds(10)
    /// Largest error or command answer read.
    private static let maxAnswerBytes = 1 << 20

    /// A feed for the gateway listening on `socketPath`.
    public init(socketPath: String, interface: String = "tui", backoff: ReconnectBackoff = ReconnectBackoff()) {
        self.socketPath = socketPath
        self.interface = interface
        self.backoff = backoff
        // The feed sends a line at least every 5 s (the longest interval the server allows), so a silence of
        // 15 s means the gateway hung: the read timeout turns that into a reconnect. The client keeps retrying a
        // failed connect until the connect timeout, so that is kept short: a local socket answers at once or not at all.
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(1), read: .seconds(15))
        )
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        connection = ConnectionBroadcast(.connecting(endpoint: socketPath, attempt: 1))
    }

    /// Closes the HTTP client and ends every connection-state stream.
    public func shutdown() async {
        connection.finish()
        try? await client.shutdown()
    }

    /// `GET /v1/status`.
    public func snapshot() async throws -> GatewaySnapshot {
        let (status, body) = try await exchange(method: .GET, path: ControlPath.status, body: nil, interface: interface)
        guard status == 200 else { throw SocketFeedError.http(status: status, message: Self.errorMessage(body)) }
        return try Self.decode(GatewaySnapshot.self, body)
    }

    /// `GET /v1/feed`, reconnecting with backoff whenever it ends, until the consumer stops iterating.
    /// The stream never throws: connection trouble is reported through `connectionStates()`.
    public func snapshots(every interval: Duration) -> AsyncThrowingStream<GatewaySnapshot, any Error> {
        let (stream, continuation) = AsyncThrowingStream<GatewaySnapshot, any Error>.makeStream(
            bufferingPolicy: .bufferingNewest(4))
        let task = Task { [self] in
            await follow(interval: interval) { _ = continuation.yield($0) }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Sends `command` to its route; HTTP errors come back as a failed `CommandResult` with the server's message.
    /// Throws `SocketFeedError.unreachable` when no gateway answers.
    /// `GET /v1/traces/{id}`; nil on 404.
    public func trace(id: String) async throws -> RequestTrace? {
        let (status, body) = try await exchange(method: .GET, path: ControlPath.trace(id), body: nil,
                                                interface: interface)
        if status == 404 { return nil }
        guard status == 200 else { throw SocketFeedError.http(status: status, message: Self.errorMessage(body)) }
        return try Self.decode(RequestTrace.self, body)
    }

    public func send(_ command: ControlCommand, actor: String) async throws -> CommandResult {
        let route: ControlRoute
        do { route = try ControlRoute(command) } catch {
            return CommandResult(ok: false, message: "\(command.summary): cannot encode the request: \(error)")
        }
        let (status, body) = try await exchange(
            method: HTTPMethod(rawValue: route.method), path: route.path, body: route.body,
            interface: interfaceName(for: actor))
        if let result = try? ControlJSON.decode(CommandResult.self, from: Data(body)) {
            return result
        }
        let detail = (200..<300).contains(status) ? "unreadable answer" : "HTTP \(status)"
        return CommandResult(ok: false, message: "\(command.summary) failed: \(detail): \(Self.errorMessage(body))")
    }

    /// The connection's state now, then every change.
    public func connectionStates() -> AsyncStream<FeedConnection> {
        connection.stream()
    }

    // MARK: - Following the feed

    private func follow(interval: Duration, yield: (GatewaySnapshot) -> Void) async {
        let (seconds, attoseconds) = interval.components
        let millis = max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
        var sinceAttached = 0  // tries since snapshots last flowed, shown as "attempt N"
        var failures = 0  // consecutive failures, for the backoff
        while !Task.isCancelled {
            sinceAttached += 1
            connection.set(.connecting(endpoint: socketPath, attempt: sinceAttached))
            var attached = false
            let reason: String
            do {
                try await streamOnce(intervalMillis: millis) { snapshot in
                    if !attached {
                        attached = true
                        sinceAttached = 0
                        failures = 0
                        connection.set(.attached(endpoint: socketPath))
                    }
                    yield(snapshot)
                }
                reason = "the gateway closed the feed"
            } catch {
                reason = describe(error)
            }
            if Task.isCancelled { break }
            failures += 1
            let delay = backoff.delay(afterFailures: failures, unit: Double.random(in: 0..<1))
            do { try await countDown(delay, reason: reason, attempt: sinceAttached + 1) } catch { break }
        }
    }

    /// One connection: reads NDJSON lines until the body ends or fails.
    private func streamOnce(intervalMillis: Int, onSnapshot: (GatewaySnapshot) -> Void) async throws {
        var request = try self.request(
            method: .GET, path: ControlPath.query(ControlPath.feed, [("interval_ms", "\(intervalMillis)")]), body: nil,
            interface: interface)
        request.headers.add(name: "Accept", value: "application/x-ndjson")
        let response = try await client.execute(request, timeout: Self.requestTimeout)
        guard response.status.code == 200 else {
            let body = (try? await response.body.collect(upTo: Self.maxAnswerBytes)).map { Array($0.readableBytesView) } ?? []
            throw SocketFeedError.http(status: Int(response.status.code), message: Self.errorMessage(body))
        }
        let decoder = ControlJSON.decoder()
        var splitter = NDJSONLineSplitter()
        for try await chunk in response.body {
            for line in try splitter.append(chunk.readableBytesView) {
                do {
                    onSnapshot(try decoder.decode(GatewaySnapshot.self, from: Data(line)))
                } catch {
                    throw SocketFeedError.undecodable("snapshot: \(error)")
                }
            }
        }
    }

    /// Waits `delay` seconds, publishing the remaining time each whole second so the header counts down.
    private func countDown(_ delay: Double, reason: String, attempt: Int) async throws {
        var remaining = delay
        while remaining > 0 {
            connection.set(.disconnected(endpoint: socketPath, reason: reason, attempt: attempt, retryIn: remaining))
            // Sleep to the next whole second of the countdown (2.3 s → 0.3 s, then 1 s steps).
            let step = max(0.001, remaining - (remaining.rounded(.up) - 1))
            try await Task.sleep(for: .seconds(step))
            remaining -= step
        }
    }

    // MARK: - Requests

    private func exchange(method: HTTPMethod, path: String, body: [UInt8]?, interface: String) async throws -> (Int, [UInt8]) {
        let request = try self.request(method: method, path: path, body: body, interface: interface)
        do {
            let response = try await client.execute(request, timeout: Self.requestTimeout)
            let bytes = try await response.body.collect(upTo: Self.maxAnswerBytes)
            return (Int(response.status.code), Array(bytes.readableBytesView))
        } catch let error as SocketFeedError {
            throw error
        } catch {
            throw SocketFeedError.unreachable(socketPath: socketPath, detail: reachabilityDetail(error))
        }
    }

    /// A request on the socket, once the socket is trusted (checked before every connection).
    private func request(method: HTTPMethod, path: String, body: [UInt8]?, interface: String) throws -> HTTPClientRequest {
        do {
            return try ControlSocketRequest.make(
                socketPath: socketPath, path: path, method: method, body: body, interface: interface)
        } catch {
            switch error {
            case .untrusted(let refusal): throw SocketFeedError.untrusted(refusal.description)
            case .unusablePath: throw SocketFeedError.unreachable(socketPath: socketPath, detail: "not a usable socket path")
            }
        }
    }

    private func interfaceName(for actor: String) -> String {
        let prefix = actor.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return Self.interfaces.contains(prefix) ? prefix : interface
    }

    /// A short cause for the header: the common "nothing listening" cases in plain words.
    private func describe(_ error: any Error) -> String {
        switch error {
        case let error as SocketFeedError:
            if case .unreachable = error { return "no gateway at \(socketPath)" }
            return error.description
        case let error as NDJSONLineSplitter.LineTooLong:
            return error.description
        default:
            let detail = reachabilityDetail(error)
            if detail == Self.noSocketFile || detail == Self.refused {
                return SocketFeedError.unreachable(socketPath: socketPath, detail: detail).description
            }
            return detail
        }
    }

    private static let noSocketFile = "no socket file"
    private static let refused = "connection refused"

    private func reachabilityDetail(_ error: any Error) -> String {
        if !FileManager.default.fileExists(atPath: socketPath) { return Self.noSocketFile }
        if ControlSocketRequest.isRefused(error) { return Self.refused }
        let text = String(describing: error)
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout: return "the gateway stopped sending"
            case .remoteConnectionClosed: return "the gateway closed the connection"
            case .connectTimeout: return "connect timed out"
            default: break
            }
        }
        return text
    }

    // MARK: - JSON

    private struct ErrorBody: Decodable { var error: String }

    private static func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
        do { return try ControlJSON.decode(type, from: Data(body)) } catch {
            throw SocketFeedError.undecodable("\(T.self): \(error)")
        }
    }

    /// The `{"error": …}` message, or the body as text when it is not that shape.
    static func errorMessage(_ body: [UInt8]) -> String {
        if let decoded = try? ControlJSON.decode(ErrorBody.self, from: Data(body)) { return decoded.error }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no message" : text
    }
}

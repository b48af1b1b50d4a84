import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardControlAPI
import SwitchyardCore

/// The command line's client for the control socket: AsyncHTTPClient over the Unix socket, one connection per
/// request, the socket's ownership checked before each, and no gateway listening reported as such at once.
public struct ControlClient: Sendable {
    /// The socket the gateway listens on.
    public let socketPath: String
    /// Sent as `X-Switchyard-Interface`: "ctl", "tui" or "api".
    public let interface: String
    /// Seconds to wait for an answer.
    public let timeout: Int

    /// A client for the gateway at `socketPath`.
    public init(socketPath: String, interface: String = "ctl", timeout: Int = 30) {
        self.socketPath = socketPath
        self.interface = interface
        self.timeout = timeout
    }

    /// An HTTP answer.
    public struct Reply: Sendable {
        /// The status code.
        public var status: Int
        /// Header fields, names lowercased.
        public var headers: [String: String]
        /// The body, de-chunked.
        public var body: Data

        /// The `error` of an `{"error":…}` body, if it is one.
        public var errorMessage: String? {
            (try? ControlJSON.decode([String: String].self, from: body))?["error"]
        }
    }

    /// Why a request got no HTTP answer.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// Nothing accepts connections on the path.
        case notListening(path: String)
        /// The socket exists but connecting failed for another reason (e.g. permission).
        case cannotConnect(path: String, reason: String)
        /// The exchange broke off or the answer was not HTTP.
        case protocolError(String)
        /// The socket or its directory could have been put there by someone else.
        case untrusted(ControlSocketTrust.Refusal)

        public var description: String {
            switch self {
            case .notListening(let path):
                "no gateway is listening on \(path) (start one with `switchyard serve` or `switchyard`)"
            case .cannotConnect(let path, let reason): "cannot connect to \(path): \(reason)"
            case .protocolError(let message): "bad answer from the gateway: \(message)"
            case .untrusted(let refusal): refusal.description
            }
        }
    }

    /// Largest answer read (a trace list or an OTLP export is far smaller).
    static let maxAnswerBytes = 64 << 20

    /// Sends one request and reads the whole answer.
    public func send(method: String, path: String, body: Data? = nil) async throws(Failure) -> Reply {
        let request: HTTPClientRequest
        do {
            request = try ControlSocketRequest.make(
                socketPath: socketPath, path: path, method: HTTPMethod(rawValue: method), body: body.map { Array($0) },
                interface: interface)
        } catch {
            switch error {
            case .untrusted(let refusal): throw .untrusted(refusal)
            case .unusablePath: throw .cannotConnect(path: socketPath, reason: "not a usable socket path")
            }
        }
        // A client retries a refused connect until its connect timeout; a socket file nobody serves is known now.
        guard FileManager.default.fileExists(atPath: socketPath) else { throw .notListening(path: socketPath) }
        // A local socket accepts at once or not at all (a stale file): a short connect timeout bounds the retries.
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: .init(connect: .milliseconds(250), read: .seconds(Int64(timeout)))))
        let outcome: Result<Reply, Failure>
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(timeout)))
            let bytes = try await response.body.collect(upTo: Self.maxAnswerBytes)
            var headers: [String: String] = [:]
            for field in response.headers { headers[field.name.lowercased()] = field.value }
            outcome = .success(Reply(status: Int(response.status.code), headers: headers,
                                     body: Data(bytes.readableBytesView)))
        } catch {
            outcome = .failure(failure(error))
        }
        try? await client.shutdown()
        return try outcome.get()
    }

    /// What a failed exchange means for the operator.
    private func failure(_ error: any Error) -> Failure {
        let text = String(describing: error)
        if ControlSocketRequest.isRefused(error) || text.contains("ENOENT") { return .notListening(path: socketPath) }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return .notListening(path: socketPath)
            case .readTimeout, .deadlineExceeded: return .protocolError("no answer within \(timeout) s")
            case .remoteConnectionClosed: return .protocolError("the gateway closed the connection")
            default: break
            }
        }
        if error is NIOTooManyBytesError { return .protocolError("answer larger than \(Self.maxAnswerBytes) bytes") }
        return .cannotConnect(path: socketPath, reason: text)
    }

    /// Sends a GET and decodes a JSON answer; a non-2xx answer is a `ControlClientError`.
    public func get<T: Decodable>(_ type: T.Type, _ path: String) async throws -> T {
        let reply = try await send(method: "GET", path: path)
        guard (200..<300).contains(reply.status) else {
            throw ControlClientError(status: reply.status, message: reply.errorMessage ?? "HTTP \(reply.status)")
        }
        return try ControlJSON.decode(type, from: reply.body)
    }

    /// Sends a request with an optional JSON body and decodes a JSON answer; a non-2xx answer is a
    /// `ControlClientError` carrying the server's message.
    public func request<T: Decodable>(_ type: T.Type, _ method: String, _ path: String, body: Data? = nil) async throws -> T {
        try await exchange(type, method, path, body: body).value
    }

    /// Like `request`, also returning the status (201 tells a creation from an update).
    public func exchange<T: Decodable>(
        _ type: T.Type, _ method: String, _ path: String, body: Data? = nil
    ) async throws -> (status: Int, value: T) {
        let reply = try await send(method: method, path: path, body: body)
        guard (200..<300).contains(reply.status) else {
            throw ControlClientError(status: reply.status, message: reply.errorMessage ?? "HTTP \(reply.status)")
        }
        return (reply.status, try ControlJSON.decode(type, from: reply.body))
    }

    /// A GET's body as sent (e.g. an OTLP export to save); a non-2xx answer is a `ControlClientError`.
    public func body(_ path: String) async throws -> Data {
        let reply = try await send(method: "GET", path: path)
        guard (200..<300).contains(reply.status) else {
            throw ControlClientError(status: reply.status, message: reply.errorMessage ?? "HTTP \(reply.status)")
        }
        return reply.body
    }

    /// POSTs a command and decodes its `CommandResult` (also for 4xx answers that carry one).
    public func command(_ route: ControlRoute) async throws -> (status: Int, result: CommandResult) {
        let reply = try await send(method: route.method, path: route.path, body: route.body.map { Data($0) })
        if let result = try? ControlJSON.decode(CommandResult.self, from: reply.body) {
            return (reply.status, result)
        }
        throw ControlClientError(status: reply.status, message: reply.errorMessage ?? "HTTP \(reply.status)")
    }
}

/// A non-success answer from the control API.
public struct ControlClientError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// The server's message.
    public var message: String

    public var description: String { message }
}

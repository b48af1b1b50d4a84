import Foundation
import SwitchyardCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small blocking HTTP/1.1 client for the control socket: one request per connection
/// (`Connection: close`), so a command line needs no event loop and a refused connect is reported as such.
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
            (try? JSONDecoder().decode([String: String].self, from: body))?["error"]
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

    /// Sends one request and reads the whole answer.
    public func send(method: String, path: String, body: Data? = nil) throws(Failure) -> Reply {
        do {
            try ControlSocketTrust.checkSocket(socketPath)
        } catch {
            throw .untrusted(error)
        }
        let fd: Int32
        do {
            fd = try UnixSocket.connect(path: socketPath)
        } catch {
            if error.code == ENOENT || error.code == ECONNREFUSED { throw .notListening(path: socketPath) }
            throw .cannotConnect(path: socketPath, reason: error.description)
        }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))

        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        head += "X-Switchyard-Interface: \(interface)\r\n"
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        } else if method == "POST" {
            head += "Content-Length: 0\r\n"
        }
        head += "\r\n"
        var request = Data(head.utf8)
        if let body { request.append(body) }
        try writeAll(fd, request)
        return try Self.parse(readAll(fd))
    }

    /// Sends a GET and decodes a JSON answer; a non-2xx answer is a `ControlClientError`.
    public func get<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        let reply = try send(method: "GET", path: path)
        guard (200..<300).contains(reply.status) else {
            throw ControlClientError(status: reply.status, message: reply.errorMessage ?? "HTTP \(reply.status)")
        }
        return try JSONDecoder().decode(type, from: reply.body)
    }

    /// Sends a request with an optional JSON body and decodes a JSON answer; a non-2xx answer is a
    /// `ControlClientError` carrying the server's message.
    public func request<T: Decodable>(_ type: T.Type, _ method: String, _ path: String, body: Data? = nil) throws -> T {
        try exchange(type, method, path, body: body).value
    }

    /// Like `request`, also returning the status (201 tells a creation from an update).
    public func exchange<T: Decodable>(
        _ type: T.Type, _ method: String, _ path: String, body: Data? = nil
    ) throws -> (status: Int, value: T) {
        let reply = try send(method: method, path: path, body: body)
        guard (200..<300).contains(reply.status) else {
            throw ControlClientError(status: reply.status, message: reply.errorMessage ?? "HTTP \(reply.status)")
        }
        return (reply.status, try JSONDecoder().decode(type, from: reply.body))
    }

    /// A GET's body as sent (e.g. an OTLP export to save); a non-2xx answer is a `ControlClientError`.
    public func body(_ path: String) throws -> Data {
        let reply = try send(method: "GET", path: path)
        guard (200..<300).contains(reply.status) else {
            throw ControlClientError(status: reply.status, message: reply.errorMessage ?? "HTTP \(reply.status)")
        }
        return reply.body
    }

    /// POSTs a command and decodes its `CommandResult` (also for 4xx answers that carry one).
    public func command(_ path: String, body: Data? = nil) throws -> (status: Int, result: CommandResult) {
        let reply = try send(method: "POST", path: path, body: body)
        if let result = try? JSONDecoder().decode(CommandResult.self, from: reply.body) {
            return (reply.status, result)
        }
        throw ControlClientError(status: reply.status, message: reply.errorMessage ?? "HTTP \(reply.status)")
    }

    private func writeAll(_ fd: Int32, _ data: Data) throws(Failure) {
        let failed: Int32? = data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failed { throw .protocolError("cannot send the request: \(String(cString: strerror(failed)))") }
    }

    private func readAll(_ fd: Int32) throws(Failure) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return data }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    throw .protocolError("no answer within \(timeout) s")
                }
                throw .protocolError("cannot read the answer: \(String(cString: strerror(errno)))")
            }
            data.append(contentsOf: buffer[0..<n])
        }
    }

    /// Splits status line, headers and body; decodes a chunked body.
    static func parse(_ data: Data) throws(Failure) -> Reply {
        let separator = Data("\r\n\r\n".utf8)
        guard let end = data.range(of: separator) else { throw .protocolError("incomplete HTTP header") }
        let head = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw .protocolError("not an HTTP status line")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunk(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) throws(Failure) -> Data {
        var out = Data()
        var rest = data[...]
        let crlf = Data("\r\n".utf8)
        while let lineEnd = rest.range(of: crlf) {
            let sizeText = String(decoding: rest[rest.startIndex..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else {
                throw .protocolError("bad chunk size '\(sizeText)'")
            }
            if size == 0 { return out }
            let start = lineEnd.upperBound
            guard rest.distance(from: start, to: rest.endIndex) >= size else { throw .protocolError("truncated chunk") }
            let chunkEnd = rest.index(start, offsetBy: size)
            out.append(rest[start..<chunkEnd])
            rest = rest[chunkEnd...].dropFirst(2)
        }
        return out
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

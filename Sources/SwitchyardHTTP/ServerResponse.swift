import NIOCore
import NIOHTTP1

/// What a responder answers: a status, headers, and a body that is either whole or written as it comes.
public struct ServerResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: Body

    public enum Body: Sendable {
        case bytes(ByteBuffer)
        /// Written after the head by the closure, on the connection's event loop; chunked on HTTP/1.1,
        /// close-delimited on HTTP/1.0.
        case stream(@Sendable (ResponseBodyWriter) async throws -> Void)
    }

    public init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: Body = .bytes(ByteBuffer())) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Writes the parts of a streamed body. Each write waits until the bytes were handed to the socket, so a slow
/// client holds the writer back instead of filling memory; a client that left makes it throw.
public struct ResponseBodyWriter: Sendable {
    let write: @Sendable (ByteBuffer) async throws -> Void

    public init(_ write: @escaping @Sendable (ByteBuffer) async throws -> Void) {
        self.write = write
    }

    public func write(_ buffer: ByteBuffer) async throws {
        try await write(buffer)
    }
}

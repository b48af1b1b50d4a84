import NIOCore
import NIOHTTP1

/// One request as the server hands it to its responder: the head and the whole body, read up to the limit.
public struct ServerRequest: Sendable {
    public var method: HTTPMethod
    /// The path without the query.
    public var path: Substring
    /// The query after `?`, if any.
    public var query: Substring?
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The body; empty when it was over the limit (see `bodyTooLarge`).
    public var body: ByteBuffer
    /// The body went over the server's `maxBodyBytes`; the responder answers 413 and the connection is closed
    /// afterwards, since the rest of the body was not read.
    public var bodyTooLarge: Bool

    public init(head: HTTPRequestHead, body: ByteBuffer, bodyTooLarge: Bool = false) {
        method = head.method
        let uri = head.uri[...]
        if let mark = uri.firstIndex(of: "?") {
            path = uri[..<mark]
            query = uri[uri.index(after: mark)...]
        } else {
            path = uri
            query = nil
        }
        version = head.version
        headers = head.headers
        self.body = body
        self.bodyTooLarge = bodyTooLarge
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first(name: name)
    }
}

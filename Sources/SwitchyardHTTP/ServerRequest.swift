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
        path = Self.path(of: head.uri)
        query = path.endIndex < head.uri.endIndex ? head.uri[head.uri.index(after: path.endIndex)...] : nil
        version = head.version
        headers = head.headers
        self.body = body
        self.bodyTooLarge = bodyTooLarge
    }

    /// The path of a request target: what comes before `?`.
    static func path(of uri: String) -> Substring {
        uri[..<(uri.firstIndex(of: "?") ?? uri.endIndex)]
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first(name: name)
    }
}

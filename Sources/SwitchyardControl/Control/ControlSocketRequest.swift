import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A request to a gateway's control socket as `ctl` and `top` send it: the socket's ownership checked before every
/// connection, the interface named for the audit trail, a JSON body when there is one (an empty one for a write
/// without, so it carries its length).
enum ControlSocketRequest {
    /// Why no request could be made.
    enum Problem: Error {
        /// The socket or its directory could have been put there by someone else.
        case untrusted(ControlSocketTrust.Refusal)
        /// The path cannot be turned into a URL.
        case unusablePath
    }

    static func make(
        socketPath: String, path: String, method: HTTPMethod, body: [UInt8]?, interface: String
    ) throws(Problem) -> HTTPClientRequest {
        do {
            try ControlSocketTrust.checkSocket(socketPath)
        } catch {
            throw .untrusted(error)
        }
        guard let url = URL(httpURLWithSocketPath: socketPath, uri: path) else { throw .unusablePath }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "X-Switchyard-Interface", value: interface)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        } else if method == .POST || method == .PUT {
            request.body = .bytes(ByteBuffer())
        }
        return request
    }

    /// Whether a failed exchange means nothing accepts connections on the socket (a stale file).
    static func isRefused(_ error: any Error) -> Bool {
        let text = String(describing: error)
        return text.contains("ECONNREFUSED") || text.contains("Connection refused")
    }
}

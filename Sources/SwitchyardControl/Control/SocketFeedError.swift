/// Why a `SocketFeed` request got no usable answer.
public enum SocketFeedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing answered on the socket (no gateway running, or a refused connection).
    case unreachable(socketPath: String, detail: String)
    /// The gateway answered with an HTTP error.
    case http(status: Int, message: String)
    /// The answer was not the JSON the control API promises.
    case undecodable(String)
    /// The socket or its directory could have been put there by someone else (`ControlSocketTrust`).
    case untrusted(String)

    /// One line for a status line or a header.
    public var description: String {
        switch self {
        case .unreachable(let path, let detail): "no gateway at \(path) (\(detail))"
        case .http(let status, let message): "HTTP \(status): \(message)"
        case .undecodable(let detail): "unreadable answer: \(detail)"
        case .untrusted(let reason): reason
        }
    }
}

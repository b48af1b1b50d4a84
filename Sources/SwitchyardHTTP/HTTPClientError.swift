/// Why an upstream exchange failed, in the terms a gateway classifies: could not connect, gave up waiting, or
/// the upstream broke off.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection within the connect timeout.
    case connectTimeout
    /// The connection was refused or could not be made (DNS, TLS handshake, …).
    case connectFailed(String)
    /// The connection closed before the response head.
    case closedBeforeHead
    /// The connection closed during the body.
    case closedDuringBody
    /// No response head by the deadline.
    case headTimeout
    /// The response did not finish by the deadline.
    case finishTimeout
    /// The body was longer than the reader allows.
    case bodyTooLarge(Int)
    /// The caller gave up (its task was cancelled).
    case cancelled

    public var description: String {
        switch self {
        case .connectTimeout: "connect timed out"
        case .connectFailed(let reason): "could not connect: \(reason)"
        case .closedBeforeHead: "closed the connection without answering"
        case .closedDuringBody: "closed the connection during the answer"
        case .headTimeout: "gave no answer in time"
        case .finishTimeout: "did not finish in time"
        case .bodyTooLarge(let limit): "answered more than \(limit) bytes"
        case .cancelled: "cancelled"
        }
    }
}

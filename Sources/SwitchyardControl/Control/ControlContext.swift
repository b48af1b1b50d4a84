import Hummingbird
import NIOCore

/// Per-request context of the control API: the connection, to learn who is at the other end.
public struct ControlContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// Who is at the other end, once the guard has looked.
    public internal(set) var peer: PeerCredentials?

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies are collected explicitly with the API's limit.
    public var maxUploadSize: Int { .max }
}

import Hummingbird
import NIOCore

/// Per-request context: Hummingbird's core storage plus the connection, to notice a client that hangs up.
public struct GatewayContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// The connection's hang-up watch, found by `EventLoopAffinity` once the request runs on the connection's loop.
    var hangUp: HangUpHandler?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies are collected explicitly with the configured limit, not through Hummingbird's decoder.
    public var maxUploadSize: Int { .max }
}

import Hummingbird
import NIOCore

/// Request context that keeps the connection's channel, so a fault can drop the connection without answering.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client connection this request arrived on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// Prompts with images can be large; real providers accept tens of megabytes.
    var maxUploadSize: Int { 32 * 1024 * 1024 }
}

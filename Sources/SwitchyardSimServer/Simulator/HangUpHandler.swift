import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client hung up. The HTTP server allows remote half-closure, so a client that hangs
/// up mid-stream only shows as end-of-input and the simulator would play on to nobody; HTTP clients do not
/// half-close to end a request, so end-of-input means the client is gone.
final class HangUpHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// An HTTP/1 server whose connections close when their client hangs up.
    static var server: HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: [HangUpHandler()]))
    }
}

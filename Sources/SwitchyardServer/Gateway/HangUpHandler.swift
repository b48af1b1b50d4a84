import Hummingbird
import HummingbirdCore
import NIOHTTPTypes
import NIOCore

/// Closes a connection as soon as its client stops sending. The HTTP server allows remote half-closure, so a
/// client that hangs up while its request waits on an upstream only shows as end-of-input: the channel stays
/// active and the upstream call would run on, unpaid for by anyone. HTTP clients do not half-close to end a
/// request, so end-of-input means the client is gone (nginx treats it the same way: status 499).
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

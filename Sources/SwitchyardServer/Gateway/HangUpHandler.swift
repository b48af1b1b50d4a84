import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Notices a client that hangs up. The HTTP server allows remote half-closure, so a client that hangs up while
/// its request waits on an upstream only shows as end-of-input: the channel stays active and the upstream call
/// would run on, unpaid for by anyone. HTTP clients do not half-close to end a request, so end-of-input means the
/// client is gone (nginx treats it the same way: status 499): the connection is closed, and the request in
/// progress on it, if one registered with `onHangUp`, is told.
final class HangUpHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private struct Watch {
        var gone = false
        var onHangUp: (@Sendable () -> Void)?
    }

    private let watch = Mutex(Watch())

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            hungUp()
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        hungUp()
        context.fireChannelInactive()
    }

    private func hungUp() {
        let action = watch.withLock { w in
            w.gone = true
            defer { w.onHangUp = nil }
            return w.onHangUp
        }
        action?()
    }

    /// Runs `action` once if the client hangs up before `endWatch()` (at once if it already has). One request
    /// at a time is served on a connection, so there is one action at most.
    func onHangUp(_ action: @escaping @Sendable () -> Void) {
        let gone = watch.withLock { w in
            if w.gone { return true }
            w.onHangUp = action
            return false
        }
        if gone { action() }
    }

    /// Forgets the action given to `onHangUp`: the request it cancels is over.
    func endWatch() {
        watch.withLock { $0.onHangUp = nil }
    }

    /// An HTTP/1 server whose connections close when their client hangs up.
    static var server: HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: [HangUpHandler()]))
    }
}

import NIOCore
import NIOHTTP1

/// One pooled upstream connection: writes an exchange's request and passes the response's parts to it; once the
/// response ended with the connection still reusable, gives itself back to its pool.
final class ClientConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let target: UpstreamTarget
    private let release: @Sendable (ClientConnectionHandler, _ reusable: Bool) -> Void
    private var context: ChannelHandlerContext?
    private var exchange: ClientExchange?
    private var keepAlive = true
    private var headSeen = false
    /// The timer that closes the connection after it idled in the pool too long.
    var idleTimer: Scheduled<Void>?

    /// For an http target behind a proxy: the request line names the whole URL (`http://host:port/path`), and
    /// the proxy's credentials go along. Nil when connected to the target itself (or tunnelled to it).
    private let forwarding: (origin: String, authorization: String?)?

    init(target: UpstreamTarget, release: @escaping @Sendable (ClientConnectionHandler, Bool) -> Void) {
        self.target = target
        self.release = release
        forwarding = target.tls ? nil : target.proxy.map { (origin: "http://\(target.hostHeader)", authorization: $0.authorization) }
    }

    var isActive: Bool { context?.channel.isActive ?? false }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Sends `head` and `body` for `exchange`.
    func start(_ exchange: ClientExchange, head: HTTPRequestHead, body: ByteBuffer) {
        guard let context, context.channel.isActive else {
            exchange.fail(.closedBeforeHead)
            return
        }
        self.exchange = exchange
        exchange.connection = self
        keepAlive = head.isKeepAlive
        headSeen = false
        if let forwarding {
            var head = head
            head.uri = forwarding.origin + head.uri
            if let authorization = forwarding.authorization {
                head.headers.replaceOrAdd(name: "proxy-authorization", value: authorization)
            }
            context.write(wrapOutboundOut(.head(head)), promise: nil)
        } else {
            context.write(wrapOutboundOut(.head(head)), promise: nil)
        }
        if body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            // 1xx answers (100 Continue) precede the real head.
            guard head.status.code >= 200 else { return }
            headSeen = true
            keepAlive = keepAlive && head.isKeepAlive
            exchange?.received(head)
        case .body(let chunk):
            exchange?.received(chunk)
        case .end:
            let finished = exchange
            exchange = nil
            finished?.ended()
            release(self, keepAlive && headSeen)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let broken = exchange
        exchange = nil
        broken?.fail(headSeen ? .closedDuringBody : .closedBeforeHead)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let broken = exchange
        exchange = nil
        // Before the head, an error is the connection's (a TLS handshake refused, a reset): the upstream is
        // unreachable rather than broken mid-answer.
        broken?.fail(headSeen ? .closedDuringBody : .connectFailed("\(error)"))
        context.close(promise: nil)
    }

    /// The exchange was given up mid-way: the connection cannot carry another one.
    func abandon() {
        exchange = nil
        context?.close(promise: nil)
    }

    func close() {
        context?.close(promise: nil)
    }
}

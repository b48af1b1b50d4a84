import NIOCore

/// Opens a `CONNECT` tunnel through an HTTP proxy on a fresh connection: sends the request once the connection
/// is up, reads the proxy's answer head and, on a 2xx, removes itself so the bytes that follow are the target's.
/// Any other answer, a close, or no answer within the timeout fails `tunnelled` and closes the connection.
final class ProxyTunnelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The longest answer head read before giving up on the proxy.
    static let maxHeadBytes = 16 * 1024

    private let target: UpstreamTarget
    private let proxy: UpstreamProxy
    private let timeout: TimeAmount
    private let tunnelled: EventLoopPromise<Void>
    private var answer: ByteBuffer?
    private var timer: Scheduled<Void>?
    private var sent = false

    init(target: UpstreamTarget, proxy: UpstreamProxy, timeout: TimeAmount, tunnelled: EventLoopPromise<Void>) {
        self.target = target
        self.proxy = proxy
        self.timeout = timeout
        self.tunnelled = tunnelled
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { sendConnect(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        tunnelled.fail(HTTPClientError.connectFailed("proxy \(proxy) closed the connection before answering CONNECT"))
    }

    func channelActive(context: ChannelHandlerContext) {
        sendConnect(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(context: context, .connectFailed("proxy \(proxy) closed the connection before answering CONNECT"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context, .connectFailed("proxy \(proxy): \(error)"))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        if answer == nil { answer = chunk } else { answer?.writeBuffer(&chunk) }
        guard let buffer = answer else { return }
        let bytes = buffer.readableBytesView
        guard let end = Self.headEnd(bytes) else {
            if bytes.count > Self.maxHeadBytes {
                fail(context: context, .connectFailed("proxy \(proxy) answered CONNECT with an oversized head"))
            }
            return
        }
        let status = Self.statusLine(bytes[..<end])
        guard let code = status.code, (200..<300).contains(code) else {
            let said = status.text.isEmpty ? "no HTTP status" : status.text
            fail(context: context, .connectFailed("proxy \(proxy) refused CONNECT \(target.authority): \(said)"))
            return
        }
        // The target speaks only after the client's TLS hello, so nothing may follow the head yet.
        guard end + 4 == bytes.endIndex else {
            fail(context: context, .connectFailed("proxy \(proxy) sent bytes after its CONNECT answer"))
            return
        }
        timer?.cancel()
        timer = nil
        answer = nil
        tunnelled.succeed()
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func sendConnect(context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        var request = "CONNECT \(target.authority) HTTP/1.1\r\nHost: \(target.authority)\r\n"
        if let authorization = proxy.authorization { request += "Proxy-Authorization: \(authorization)\r\n" }
        request += "\r\n"
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: request)), promise: nil)
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: timeout) {
            let (handler, context) = bound.value
            handler.fail(context: context, .connectTimeout)
        }
    }

    private func fail(context: ChannelHandlerContext, _ error: HTTPClientError) {
        timer?.cancel()
        timer = nil
        tunnelled.fail(error)
        context.close(promise: nil)
    }

    /// The index of the `\r\n\r\n` that ends the head.
    private static func headEnd(_ bytes: ByteBufferView) -> Int? {
        var index = bytes.startIndex
        while index + 3 < bytes.endIndex {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 { return index }
            index += 1
        }
        return nil
    }

    /// The code and the text after the version of `HTTP/1.1 407 Proxy Authentication Required`.
    private static func statusLine(_ head: ByteBufferView.SubSequence) -> (code: Int?, text: String) {
        let line = head.prefix { $0 != 13 && $0 != 10 }.prefix(256)
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("HTTP/1."), let space = text.firstIndex(of: " ") else { return (nil, "") }
        let rest = text[text.index(after: space)...]
        return (Int(rest.prefix(3)), rest.allSatisfy { $0.isASCII && !$0.isNewline } ? String(rest) : "")
    }
}

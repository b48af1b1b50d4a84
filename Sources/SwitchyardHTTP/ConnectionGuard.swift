import NIOCore

/// Sits in front of the HTTP decoder and tells the connection when raw bytes arrive, so the header timeout can
/// start at a request's first byte (the decoder only speaks once the head is complete).
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let connection: HTTPConnectionHandler

    init(_ connection: HTTPConnectionHandler) {
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connection.bytesArrived()
        context.fireChannelRead(data)
    }
}

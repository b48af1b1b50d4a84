import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import SwitchyardTestSupport

/// The JSON answer of an OpenAI chat completion, as the TLS upstream and the forwarding proxy give it.
let cannedChatCompletion = """
    {"id":"chatcmpl-egress","object":"chat.completion","created":1,"model":"gpt-4o","choices":[{"index":0,\
    "message":{"role":"assistant","content":"hello through the tunnel"},"finish_reason":"stop"}],\
    "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}
    """

/// Answers `cannedChatCompletion` to every request, keeping the connection open.
private final class CannedChat: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        var head = HTTPResponseHead(version: .http1_1, status: .ok)
        head.headers.add(name: "content-type", value: "application/json")
        head.headers.add(name: "content-length", value: String(cannedChatCompletion.utf8.count))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: cannedChatCompletion)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// An OpenAI-style upstream over HTTPS with a certificate of `TestCertificates`' CA, counting connections.
final class TLSChatUpstream: Sendable {
    let port: Int
    private let channel: any Channel
    private let counter = Counter()

    init(certificates: TestCertificates) throws {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificates.certificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: certificates.keyPath, format: .pem)))
        let context = try NIOSSLContext(configuration: configuration)
        let counter = self.counter
        channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                counter.bump()
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(CannedChat())
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        port = channel.localAddress?.port ?? 0
    }

    /// Connections accepted so far.
    var connections: Int { counter.value }

    func close() { channel.close(promise: nil) }
}

/// A thread-safe count.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func bump() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// A forward proxy on loopback that records the request line of every request it is sent: `CONNECT host:port`
/// tunnels to the target (or answers `refusal` instead); an absolute-form request is answered with
/// `cannedChatCompletion` itself, as if forwarded.
final class ConnectProxy: Sendable {
    let port: Int
    private let channel: any Channel
    private let log: Log

    /// Request lines and `Proxy-Authorization` values, in arrival order.
    final class Log: Sendable {
        private let entries = Mutex<[(line: String, authorization: String?)]>([])
        func append(_ line: String, _ authorization: String?) { entries.withLock { $0.append((line, authorization)) } }
        var lines: [String] { entries.withLock { $0.map(\.line) } }
        var authorizations: [String?] { entries.withLock { $0.map(\.authorization) } }
    }

    init(refusal: String? = nil) throws {
        let log = Log()
        channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ProxyHead(log: log, refusal: refusal))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        port = channel.localAddress?.port ?? 0
        self.log = log
    }

    var requestLines: [String] { log.lines }
    var authorizations: [String?] { log.authorizations }

    func close() { channel.close(promise: nil) }

    /// Reads a request head as bytes and acts on its request line.
    private final class ProxyHead: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let log: Log
        private let refusal: String?
        private var buffered = ByteBuffer()
        /// Body bytes of an absolute-form request still to be skipped before it is answered; nil between requests.
        private var skipping: Int?

        init(log: Log, refusal: String?) {
            self.log = log
            self.refusal = refusal
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var chunk = unwrapInboundIn(data)
            buffered.writeBuffer(&chunk)
            while true {
                if let remaining = skipping {
                    let skipped = min(remaining, buffered.readableBytes)
                    buffered.moveReaderIndex(forwardBy: skipped)
                    guard remaining == skipped else {
                        skipping = remaining - skipped
                        return
                    }
                    skipping = nil
                    answerForwarded(context: context)
                }
                let text = String(buffer: buffered)
                guard let end = text.range(of: "\r\n\r\n") else { return }
                let lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
                let requestLine = lines.first ?? ""
                func header(_ name: String) -> String? {
                    lines.dropFirst().first { $0.lowercased().hasPrefix(name + ":") }
                        .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
                }
                log.append(requestLine, header("proxy-authorization"))
                buffered.moveReaderIndex(forwardBy: text[..<end.upperBound].utf8.count)
                let parts = requestLine.split(separator: " ")
                guard parts.count == 3, parts[0] == "CONNECT" else {
                    skipping = header("content-length").flatMap { Int($0) } ?? 0
                    continue
                }
                if let refusal {
                    context.writeAndFlush(
                        wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 \(refusal)\r\ncontent-length: 0\r\n\r\n")), promise: nil)
                    context.close(promise: nil)
                } else {
                    tunnel(context: context, to: String(parts[1]))
                }
                return
            }
        }

        /// An absolute-form request, read whole: the canned answer, as if the upstream gave it.
        private func answerForwarded(context: ChannelHandlerContext) {
            let answer = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
                + "\(cannedChatCompletion.utf8.count)\r\n\r\n\(cannedChatCompletion)"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer)), promise: nil)
        }

        private func tunnel(context: ChannelHandlerContext, to authority: String) {
            guard let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]) else {
                context.close(promise: nil)
                return
            }
            var host = String(authority[..<colon])
            if host.hasPrefix("[") { host = String(host.dropFirst().dropLast()) }
            let inbound = context.channel
            let loop = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            ClientBootstrap(group: context.eventLoop)
                .channelInitializer { outbound in
                    outbound.eventLoop.makeCompletedFuture {
                        try outbound.pipeline.syncOperations.addHandler(Relay(partner: inbound))
                    }
                }
                .connect(host: host, port: port)
                .whenComplete { result in
                    let (handler, context) = loop.value
                    switch result {
                    case .failure:
                        context.writeAndFlush(handler.wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 502 Bad Gateway\r\n\r\n")),
                                              promise: nil)
                        context.close(promise: nil)
                    case .success(let outbound):
                        context.writeAndFlush(
                            handler.wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 200 Connection established\r\n\r\n")),
                            promise: nil)
                        _ = try? context.pipeline.syncOperations.addHandler(Relay(partner: outbound))
                        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
                    }
                }
        }
    }

    /// Copies what one side reads to the other, and closes the other when one closes.
    private final class Relay: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer

        private let partner: any Channel

        init(partner: any Channel) { self.partner = partner }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            partner.writeAndFlush(unwrapInboundIn(data), promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            partner.close(promise: nil)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}

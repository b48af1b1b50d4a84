import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server directly on SwiftNIO: keep-alive, pipelining-safe (one request answered at a time per
/// connection, in order), bounded by `HTTPServerLimits`, each request answered by `responder` on its connection's loop.
public final class HTTPServer: Sendable {
    let responder: any HTTPResponder
    let limits: HTTPServerLimits
    let serverName: String
    let logger: Logger
    private let connections: ConnectionRegistry

    public init(responder: any HTTPResponder, limits: HTTPServerLimits, serverName: String = "switchyard",
                logger: Logger) {
        self.responder = responder
        self.limits = limits
        self.serverName = serverName
        self.logger = logger
        connections = ConnectionRegistry(capacity: limits.maxConnections)
    }

    /// Open client connections now.
    public var openConnections: Int { connections.count }

    /// Drains, as a load balancer expects of a server going away: the listener stays up (health checks still get
    /// an answer), every answer from now on closes its connection, idle connections are closed at once, and this
    /// returns when every connection has closed (true) or after `timeout` seconds (false; the caller decides what
    /// happens to the requests still running).
    public func drain(timeout: Double) async -> Bool {
        connections.drain()
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        while connections.count > 0 {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Listens on host:port (port 0 picks a free one, given to `onListening` as "host:port") until the task is
    /// cancelled; then stops listening and closes every connection.
    public func run(host: String, port: Int, onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { [self] channel in initialize(channel) }
            .bind(host: host, port: port).get()
        onListening("\(host):\(channel.localAddress?.port ?? port)")
        let connections = self.connections
        await withTaskCancellationHandler {
            try? await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
            connections.closeAll()
        }
        connections.closeAll()
    }

    private func initialize(_ channel: any Channel) -> EventLoopFuture<Void> {
        guard connections.admit(channel) else {
            // Past the cap the connection is answered at once, before anything is read, and closed.
            if let refused = connections.refused() {
                logger.warning("refused \(refused) connection(s): \(limits.maxConnections) are open (limits.max_connections)")
            }
            let refusal = channel.allocator.buffer(string: Self.overloaded)
            channel.writeAndFlush(refusal).whenComplete { _ in channel.close(promise: nil) }
            return channel.eventLoop.makeSucceededVoidFuture()
        }
        do {
            let handler = HTTPConnectionHandler(responder: responder, limits: limits, serverName: serverName,
                                                draining: connections.draining)
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(ConnectionGuard(handler))
            // Pipelining is handled by the connection handler: NIO's pipelining handler stops reading while an
            // answer is pending, which hides a client that hangs up from the request it should cancel.
            try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
            try pipeline.addHandler(handler)
            return channel.eventLoop.makeSucceededVoidFuture()
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
    }

    private static let overloadedBody =
        #"{"error":{"message":"the gateway is at its connection limit; retry shortly","type":"server_error","param":null,"code":"overloaded"}}"#
    private static let overloaded =
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: \(overloadedBody.utf8.count)\r\n"
        + "retry-after: 1\r\nconnection: close\r\nserver: switchyard\r\n\r\n" + overloadedBody
}

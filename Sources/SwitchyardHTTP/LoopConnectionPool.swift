import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The upstream connections of one event loop, by target: a request running on a loop takes a connection of
/// that loop, so its upstream exchange never leaves the thread its client is served on. Touched only on `loop`.
final class LoopConnectionPool: @unchecked Sendable {
    let loop: any EventLoop
    private let tls: NIOSSLContext?
    private let idleTimeout: TimeAmount
    private let maxIdlePerTarget: Int
    private var idle: [UpstreamTarget: [ClientConnectionHandler]] = [:]

    init(loop: any EventLoop, tls: NIOSSLContext?, idleTimeout: TimeAmount, maxIdlePerTarget: Int) {
        self.loop = loop
        self.tls = tls
        self.idleTimeout = idleTimeout
        self.maxIdlePerTarget = maxIdlePerTarget
    }

    /// Starts `head` + `body` as a new exchange on a pooled or new connection to `target`.
    func start(
        _ head: HTTPRequestHead, body: ByteBuffer, to target: UpstreamTarget, connectTimeout: TimeAmount,
        headDeadline: NIODeadline, finishDeadline: NIODeadline
    ) -> ClientExchange {
        loop.preconditionInEventLoop()
        let exchange = ClientExchange(loop: loop, headDeadline: headDeadline, finishDeadline: finishDeadline)
        if let connection = takeIdle(target) {
            connection.start(exchange, head: head, body: body)
            return exchange
        }
        let bound = NIOLoopBound(exchange, eventLoop: loop)
        connect(target, timeout: connectTimeout).whenComplete { result in
            let exchange = bound.value
            switch result {
            case .success(let connection):
                // The caller gave up or the deadline passed while connecting: the new connection is kept.
                guard !exchange.isFinished else { return self.release(connection, reusable: true) }
                connection.start(exchange, head: head, body: body)
            case .failure(let error):
                exchange.fail(Self.connectError(error))
            }
        }
        return exchange
    }

    private func takeIdle(_ target: UpstreamTarget) -> ClientConnectionHandler? {
        while var list = idle[target], let connection = list.popLast() {
            idle[target] = list
            connection.idleTimer?.cancel()
            connection.idleTimer = nil
            if connection.isActive { return connection }
        }
        return nil
    }

    private func connect(_ target: UpstreamTarget, timeout: TimeAmount) -> EventLoopFuture<ClientConnectionHandler> {
        let tls = target.tls ? (target.trust?.context ?? self.tls) : nil
        let bound = NIOLoopBound(self, eventLoop: loop)
        let release: @Sendable (ClientConnectionHandler, Bool) -> Void = { connection, reusable in
            bound.value.release(connection, reusable: reusable)
        }
        // The request pipeline: TLS (SNI and certificate checks need a name; an IP literal is checked as an
        // address), the HTTP codec, the connection's handler.
        let addHandlers: @Sendable (any Channel) throws -> Void = { channel in
            let pipeline = channel.pipeline.syncOperations
            if let tls {
                let name = Self.isAddressLiteral(target.host) ? nil : target.host
                try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
            }
            try pipeline.addHTTPClientHandlers()
            try pipeline.addHandler(ClientConnectionHandler(target: target, release: release))
        }
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
        let connected: EventLoopFuture<any Channel>
        if let proxy = target.proxy, target.tls {
            // Through a CONNECT tunnel: the request pipeline goes on once the proxy opened it.
            let tunnelled = loop.makePromise(of: Void.self)
            connected = bootstrap
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ProxyTunnelHandler(target: target, proxy: proxy, timeout: timeout, tunnelled: tunnelled))
                    }
                }
                .connect(host: proxy.host, port: proxy.port)
                .flatMapError { error in
                    tunnelled.fail(error)
                    return tunnelled.futureResult.eventLoop.makeFailedFuture(error)
                }
                .flatMap { channel in
                    tunnelled.futureResult.flatMapThrowing {
                        try addHandlers(channel)
                        return channel
                    }
                }
        } else {
            // Direct, or to an HTTP proxy that takes absolute-form requests (see `ClientConnectionHandler`).
            connected = bootstrap
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try addHandlers(channel) }
                }
                .connect(host: target.proxy?.host ?? target.host, port: target.proxy?.port ?? target.port)
        }
        return connected.flatMapThrowing { channel in
            let handler = try channel.pipeline.syncOperations.handler(type: ClientConnectionHandler.self)
            let closing = NIOLoopBound(handler, eventLoop: channel.eventLoop)
            channel.closeFuture.whenComplete { _ in bound.value.forget(closing.value) }
            return handler
        }
    }

    /// Takes a connection back after an exchange; closes it instead if it cannot carry another one or the pool
    /// holds enough for its target.
    func release(_ connection: ClientConnectionHandler, reusable: Bool) {
        guard reusable, connection.isActive, idle[connection.target, default: []].count < maxIdlePerTarget else {
            connection.close()
            return
        }
        idle[connection.target, default: []].append(connection)
        let bound = NIOLoopBound(self, eventLoop: loop)
        let held = NIOLoopBound(connection, eventLoop: loop)
        connection.idleTimer = loop.scheduleTask(in: idleTimeout) {
            bound.value.forget(held.value)
            held.value.close()
        }
    }

    /// Drops a connection that closed (or idled out) from the idle lists.
    private func forget(_ connection: ClientConnectionHandler) {
        connection.idleTimer?.cancel()
        connection.idleTimer = nil
        idle[connection.target]?.removeAll { $0 === connection }
    }

    /// Closes every idle connection.
    func closeIdle() {
        let all = idle.values.flatMap { $0 }
        idle = [:]
        for connection in all { connection.close() }
    }

    static func connectError(_ error: any Error) -> HTTPClientError {
        if let channelError = error as? ChannelError, case .connectTimeout = channelError { return .connectTimeout }
        if let error = error as? HTTPClientError { return error }
        return .connectFailed("\(error)")
    }

    static func isAddressLiteral(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
    }
}

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
        let tls = target.tls ? self.tls : nil
        let bound = NIOLoopBound(self, eventLoop: loop)
        let release: @Sendable (ClientConnectionHandler, Bool) -> Void = { connection, reusable in
            bound.value.release(connection, reusable: reusable)
        }
        return ClientBootstrap(group: loop)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls {
                        // SNI and certificate checks need a name; an IP literal is checked as an address.
                        let name = Self.isAddressLiteral(target.host) ? nil : target.host
                        try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
                    }
                    try pipeline.addHTTPClientHandlers()
                    try pipeline.addHandler(ClientConnectionHandler(target: target, release: release))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .connect(host: target.host, port: target.port)
            .flatMapThrowing { channel in
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

import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Keep-alive HTTP/1.1 connections to upstreams, pooled per event loop (see `LoopConnectionPool`), over TLS for
/// `https` targets, directly or through the target's proxy. A request is sent from the loop its task runs on.
public final class HTTPClientPool: Sendable {
    private let pools: [ObjectIdentifier: LoopConnectionPool]
    /// For tasks that run on no loop of the group (tests, tools): one pool, so they too reuse connections.
    private let elsewhere: LoopConnectionPool
    private let group: MultiThreadedEventLoopGroup

    /// Pools on every loop of NIO's shared group. `tls` is how `https` targets are verified (system roots by
    /// default); idle connections close after `idleTimeout` seconds.
    public init(tls: TLSConfiguration = .makeClientConfiguration(), idleTimeout: Double = 60,
                maxIdlePerTarget: Int = 512) throws {
        group = .singleton
        let context = try NIOSSLContext(configuration: tls)
        var pools: [ObjectIdentifier: LoopConnectionPool] = [:]
        for loop in group.makeIterator() {
            pools[ObjectIdentifier(loop)] = LoopConnectionPool(
                loop: loop, tls: context, idleTimeout: .duration(seconds: idleTimeout),
                maxIdlePerTarget: maxIdlePerTarget)
        }
        self.pools = pools
        let spare = group.next()
        elsewhere = pools[ObjectIdentifier(spare)] ?? LoopConnectionPool(
            loop: spare, tls: context, idleTimeout: .duration(seconds: idleTimeout),
            maxIdlePerTarget: maxIdlePerTarget)
    }

    /// Sends a request and returns once its response head arrived. The head must come by `headDeadline` and the
    /// whole response by `finishDeadline`; cancelling the task closes the connection.
    public func execute(
        _ head: HTTPRequestHead, body: ByteBuffer, to target: UpstreamTarget, connectTimeout: Double,
        headDeadline: NIODeadline, finishDeadline: NIODeadline
    ) async throws -> ClientResponse {
        let pool = self.pool()
        let loop = pool.loop
        let connect = TimeAmount.duration(seconds: max(0.001, connectTimeout))
        let start: @Sendable () -> (NIOLoopBound<ClientExchange>, EventLoopFuture<HTTPResponseHead>) = {
            let exchange = pool.start(head, body: body, to: target, connectTimeout: connect,
                                      headDeadline: headDeadline, finishDeadline: finishDeadline)
            return (NIOLoopBound(exchange, eventLoop: loop), exchange.head.futureResult)
        }
        let (exchange, response) = loop.inEventLoop ? start() : try await loop.submit(start).get()
        let head = try await withTaskCancellationHandler {
            try await response.get()
        } onCancel: {
            loop.execute { exchange.value.cancel() }
        }
        return ClientResponse(head: head, exchange: exchange, loop: loop)
    }

    /// Closes the idle connections of every loop.
    public func shutdown() async {
        for pool in pools.values {
            try? await pool.loop.submit { pool.closeIdle() }.get()
        }
    }

    /// The pool of the loop this task runs on; `elsewhere` when it runs on none.
    private func pool() -> LoopConnectionPool {
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop, let pool = pools[ObjectIdentifier(loop)] {
            return pool
        }
        return elsewhere
    }
}

/// A response whose head arrived; its body is read with `collect` or `stream`.
public struct ClientResponse: Sendable {
    public let head: HTTPResponseHead
    let exchange: NIOLoopBound<ClientExchange>
    let loop: any EventLoop

    /// The loop the exchange runs on: where `stream`'s consumer is called.
    public var eventLoop: any EventLoop { loop }

    public var status: HTTPResponseStatus { head.status }
    public var headers: HTTPHeaders { head.headers }

    /// The whole body, up to `limit` bytes.
    public func collect(upTo limit: Int) async throws -> ByteBuffer {
        let exchange = self.exchange
        let future = loop.inEventLoop
            ? exchange.value.collect(upTo: limit)
            : loop.flatSubmit { exchange.value.collect(upTo: limit) }
        return try await withTaskCancellationHandler {
            try await future.get()
        } onCancel: {
            loop.execute { exchange.value.cancel() }
        }
    }

    /// Hands the body to `consumer` on the connection's loop as it arrives: chunks, then `.end` or `.failed`.
    public func stream(_ consumer: @escaping @Sendable (ClientBodyEvent) -> Void) {
        let exchange = self.exchange
        if loop.inEventLoop {
            exchange.value.stream(consumer)
        } else {
            loop.execute { exchange.value.stream(consumer) }
        }
    }

    /// Gives the response up: the connection is closed.
    public func cancel() {
        let exchange = self.exchange
        if loop.inEventLoop { exchange.value.cancel() } else { loop.execute { exchange.value.cancel() } }
    }
}

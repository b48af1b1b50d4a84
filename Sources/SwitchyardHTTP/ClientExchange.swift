import NIOCore
import NIOHTTP1

/// What happens to a response body after its head, delivered on the connection's loop.
public enum ClientBodyEvent: Sendable {
    case chunk(ByteBuffer)
    case end
    case failed(HTTPClientError)
}

/// One request and its response on a pooled connection, on that connection's event loop: the head promise, the
/// body as the reader wants it (collected whole or handed over chunk by chunk), and the deadlines. Parts that
/// arrive before the reader asked for them are held.
final class ClientExchange {
    let head: EventLoopPromise<HTTPResponseHead>
    private let loop: any EventLoop
    private let finishDeadline: NIODeadline
    private var headArrived = false
    private var held: [ByteBuffer] = []
    private var outcome: Result<Void, HTTPClientError>?
    private var collector: (promise: EventLoopPromise<ByteBuffer>, limit: Int, buffer: ByteBuffer)?
    private var consumer: ((ClientBodyEvent) -> Void)?
    private var timer: Scheduled<Void>?
    /// The connection carrying the exchange, once one was acquired; cleared when the exchange ends.
    var connection: ClientConnectionHandler?

    init(loop: any EventLoop, headDeadline: NIODeadline, finishDeadline: NIODeadline) {
        self.loop = loop
        head = loop.makePromise()
        self.finishDeadline = finishDeadline
        arm(headDeadline, .headTimeout)
    }

    /// Ended: answered in full, failed, timed out or given up.
    var isFinished: Bool { outcome != nil }

    // MARK: from the connection

    func received(_ response: HTTPResponseHead) {
        guard !headArrived, outcome == nil else { return }
        headArrived = true
        arm(finishDeadline, .finishTimeout)
        head.succeed(response)
    }

    func received(_ chunk: ByteBuffer) {
        guard outcome == nil else { return }
        if var collecting = collector {
            var chunk = chunk
            guard collecting.buffer.readableBytes + chunk.readableBytes <= collecting.limit else {
                fail(.bodyTooLarge(collecting.limit))
                return
            }
            collecting.buffer.writeBuffer(&chunk)
            collector = collecting
        } else if let consumer {
            consumer(.chunk(chunk))
        } else {
            held.append(chunk)
        }
    }

    func ended() {
        guard outcome == nil else { return }
        disarm()
        outcome = .success(())
        connection = nil
        deliverOutcome()
    }

    /// Fails the exchange: the head promise before the head, the body's reader after it. The connection is
    /// closed (it is mid-exchange, so it cannot be reused).
    func fail(_ error: HTTPClientError) {
        guard outcome == nil else { return }
        disarm()
        let carrier = connection
        connection = nil
        outcome = .failure(error)
        if headArrived { deliverOutcome() } else { head.fail(error) }
        carrier?.abandon()
    }

    // MARK: from the reader

    /// The whole body, up to `limit` bytes.
    func collect(upTo limit: Int) -> EventLoopFuture<ByteBuffer> {
        let promise = loop.makePromise(of: ByteBuffer.self)
        var buffer = ByteBuffer()
        for var chunk in held { buffer.writeBuffer(&chunk) }
        held = []
        if buffer.readableBytes > limit {
            promise.fail(HTTPClientError.bodyTooLarge(limit))
            fail(.bodyTooLarge(limit))
            return promise.futureResult
        }
        collector = (promise, limit, buffer)
        if outcome != nil { deliverOutcome() }
        return promise.futureResult
    }

    /// Hands every chunk to `consumer` as it arrives (those held first), then the end or the failure.
    func stream(_ consumer: @escaping (ClientBodyEvent) -> Void) {
        let earlier = held
        held = []
        for chunk in earlier { consumer(.chunk(chunk)) }
        self.consumer = consumer
        if outcome != nil { deliverOutcome() }
    }

    /// The reader gave up: the connection is closed.
    func cancel() {
        fail(.cancelled)
    }

    // MARK: internals

    private func deliverOutcome() {
        guard let outcome else { return }
        if let collecting = collector {
            collector = nil
            switch outcome {
            case .success: collecting.promise.succeed(collecting.buffer)
            case .failure(let error): collecting.promise.fail(error)
            }
        } else if let consumer {
            self.consumer = nil
            switch outcome {
            case .success: consumer(.end)
            case .failure(let error): consumer(.failed(error))
            }
        }
    }

    private func arm(_ deadline: NIODeadline, _ error: HTTPClientError) {
        timer?.cancel()
        let bound = NIOLoopBound(self, eventLoop: loop)
        timer = loop.scheduleTask(deadline: deadline) { bound.value.fail(error) }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}

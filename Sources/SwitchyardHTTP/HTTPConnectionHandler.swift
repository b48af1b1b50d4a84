import NIOCore
import NIOHTTP1

/// One client connection: reads each request whole (up to the body limit), runs the responder as a task on
/// this connection's event loop, writes its answer, and keeps the connection's clock: the idle, header and body
/// timeouts. Pipelined requests are held until the answer before them is out.
final class HTTPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Where the connection is between and within requests; each phase but `responding` has its timer.
    private enum Phase {
        case waiting, head, body, responding, closing
    }

    private let responder: any HTTPResponder
    private let limits: HTTPServerLimits
    private let serverName: String
    private var phase = Phase.waiting
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false
    private var keepAlive = true
    private var timer: Scheduled<Void>?
    private var task: Task<Void, Never>?
    /// The response head is out: a hang-up now ends the stream's writes rather than cancelling the responder.
    private var headWritten = false
    private var bytesWhileResponding = false
    /// Parts of pipelined requests that arrived while an answer was being written.
    private var held: [HTTPServerRequestPart] = []
    private var date = HTTPDate()
    private var context: ChannelHandlerContext?

    /// The server drains: the answer in progress, and any after it, closes the connection.
    private var draining: Bool

    init(responder: any HTTPResponder, limits: HTTPServerLimits, serverName: String, draining: Bool = false) {
        self.responder = responder
        self.limits = limits
        self.serverName = serverName
        self.draining = draining
    }

    /// The server started draining: an idle connection closes now, a busy one after its answer.
    func drain() {
        draining = true
        keepAlive = false
        if phase == .waiting {
            phase = .closing
            context?.close(promise: nil)
        }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { arm(limits.idleTimeout) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(limits.idleTimeout)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        if !headWritten { task?.cancel() }
        phase = .closing
        context.fireChannelInactive()
    }

    /// A malformed request (NIO's error handler has answered it 400) or a broken connection: nothing more can be
    /// read from it reliably, so it is closed.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        phase = .closing
        context.close(promise: nil)
    }

    /// Raw bytes arrived (from `ConnectionGuard`): a request has begun, or its body is still coming.
    func bytesArrived() {
        switch phase {
        case .waiting:
            phase = .head
            arm(limits.headerTimeout)
        case .body:
            arm(limits.bodyTimeout)
        case .responding:
            bytesWhileResponding = true
        case .head, .closing:
            break
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        // The rest of a body refused as too large is read and dropped: a client still sending it would otherwise
        // get a reset instead of the 413.
        if tooLarge, phase == .responding || phase == .closing { return }
        if phase == .responding {
            // A pipelined request: held until this answer is out, with reading paused meanwhile so a client cannot
            // queue without bound. (Reading goes on otherwise, so a client that hangs up is noticed at once.)
            if held.isEmpty { try? context.channel.syncOptions?.setOption(ChannelOptions.autoRead, value: false) }
            held.append(part)
            return
        }
        receive(part, context: context)
    }

    /// One part of a request, in order.
    private func receive(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let received):
            guard phase != .closing else { return }
            head = received
            tooLarge = false
            let declared = received.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            body = context.channel.allocator.buffer(capacity: min(max(declared, 0), limits.maxBodyBytes, 1 << 20))
            phase = .body
            arm(limits.bodyTimeout)
            // A body declared too large is refused before it is sent (a client waiting on `100-continue` never
            // sends it); the connection closes after the answer.
            if declared > limits.maxBodyBytes {
                tooLarge = true
                dispatch(context: context)
            }
        case .body(var chunk):
            guard phase == .body, !tooLarge else { return }
            if body.readableBytes + chunk.readableBytes > limits.maxBodyBytes {
                tooLarge = true
                body = ByteBuffer()
                dispatch(context: context)
            } else {
                body.writeBuffer(&chunk)
            }
        case .end:
            guard phase == .body else { return }
            dispatch(context: context)
        }
    }

    /// Hands the request to the responder, on this loop, and writes what it answers.
    private func dispatch(context: ChannelHandlerContext) {
        guard let head else { return }
        phase = .responding
        disarm()
        keepAlive = head.isKeepAlive && !tooLarge && !draining
        headWritten = false
        bytesWhileResponding = false
        let request = ServerRequest(head: head, body: body, bodyTooLarge: tooLarge)
        body = ByteBuffer()
        self.head = nil
        let responder = self.responder
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        let executor = EventLoopExecutor.of(loop)
        task = Task(executorPreference: executor) {
            await HTTPConnectionHandler.answer(request, responder: responder, connection: bound, loop: loop)
        }
    }

    /// The request's task: the responder's answer, written on the connection's loop, and a stream's body.
    private static func answer(
        _ request: ServerRequest, responder: any HTTPResponder, connection: NIOLoopBound<HTTPConnectionHandler>,
        loop: any EventLoop
    ) async {
        let response = await responder.respond(to: request)
        let version = request.version
        let streaming = await onLoop(loop) { connection.value.write(response, version: version, loop: loop) }
        if let streaming, let task = streaming { await task.value }
    }

    /// Writes `response`; a stream's body is produced by a task of its own on this loop.
    private func write(_ response: ServerResponse, version: HTTPVersion, loop: any EventLoop) -> Task<Void, Never>? {
        guard let context, phase == .responding else {
            // The client left before the head went out. A stream's producer still runs, against a writer that
            // fails at once, so whatever it holds (an upstream stream, a reservation, a ledger row to write) is
            // settled as a hang-up rather than left behind.
            guard case .stream(let produce) = response.body else { return nil }
            let gone = ResponseBodyWriter { _ in throw ChannelError.ioOnClosedChannel }
            return Task(executorPreference: EventLoopExecutor.of(loop)) { try? await produce(gone) }
        }
        var head = HTTPResponseHead(version: version, status: response.status, headers: response.headers)
        head.headers.replaceOrAdd(name: "server", value: serverName)
        head.headers.replaceOrAdd(name: "date", value: date.now())
        if !keepAlive {
            head.headers.replaceOrAdd(name: "connection", value: "close")
        } else if version.major == 1, version.minor == 0 {
            head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
        }
        switch response.body {
        case .bytes(let bytes):
            head.headers.replaceOrAdd(name: "content-length", value: String(bytes.readableBytes))
            headWritten = true
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            if bytes.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil) }
            finish(context: context)
            return nil
        case .stream(let produce):
            head.headers.remove(name: "content-length")
            // HTTP/1.0 has no chunked encoding: the body ends when the connection does.
            if version.major == 1, version.minor == 0 {
                keepAlive = false
                head.headers.replaceOrAdd(name: "connection", value: "close")
            }
            headWritten = true
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            let bound = NIOLoopBound(self, eventLoop: loop)
            let writer = ResponseBodyWriter { buffer in
                switch await Self.onLoop(loop, { bound.value.writeBody(buffer) }) ?? .closed {
                case .written: return
                case .closed: throw ChannelError.ioOnClosedChannel
                case .waiting(let written): try await written.get()
                }
            }
            let executor = EventLoopExecutor.of(loop)
            return Task(executorPreference: executor) {
                await HTTPConnectionHandler.produce(produce, writer: writer, connection: bound, loop: loop)
            }
        }
    }

    /// Runs a stream's producer, then ends the body; a producer that fails cuts it (no terminating chunk, so the
    /// client can tell it from a complete one).
    private static func produce(
        _ produce: @Sendable (ResponseBodyWriter) async throws -> Void, writer: ResponseBodyWriter,
        connection: NIOLoopBound<HTTPConnectionHandler>, loop: any EventLoop
    ) async {
        do {
            try await produce(writer)
            _ = await onLoop(loop) { connection.value.endStream() }
        } catch {
            _ = await onLoop(loop) { connection.value.abort() }
        }
    }

    /// What became of a part of a streamed body.
    private enum BodyWrite: Sendable {
        /// Handed to the socket, or queued while the connection stays writable: the producer goes on at once.
        case written
        /// Queued past the connection's high-water mark: the producer waits until it is written.
        case waiting(EventLoopFuture<Void>)
        case closed
    }

    /// Writes and flushes a part of a streamed body. Only a connection that stopped being writable (a slow
    /// client) makes the producer wait: waiting on every write cost a task switch per part.
    private func writeBody(_ buffer: ByteBuffer) -> BodyWrite {
        guard let context, context.channel.isActive else { return .closed }
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: promise)
        return context.channel.isWritable ? .written : .waiting(promise.futureResult)
    }

    private func endStream() {
        guard let context else { return }
        finish(context: context)
    }

    private func abort() {
        task = nil
        context?.close(promise: nil)
    }

    /// The response's end: the connection waits for the next request, or closes.
    private func finish(context: ChannelHandlerContext) {
        task = nil
        headWritten = false
        if keepAlive {
            phase = bytesWhileResponding ? .head : .waiting
            arm(bytesWhileResponding ? limits.headerTimeout : limits.idleTimeout)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            resumeHeld(context: context)
        } else if tooLarge {
            // A lingering close, as nginx's: the answer goes out and the write side closes, the rest of the body is
            // read and dropped until the client closes too (or for two seconds), so the 413 is not lost to a reset.
            phase = .closing
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                channel.close(mode: .output, promise: nil)
                channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
            }
        } else {
            phase = .closing
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// Hands over the pipelined parts held during the answer just written, until one of them starts the next
    /// answer; reading resumes once none are left.
    private func resumeHeld(context: ChannelHandlerContext) {
        guard !held.isEmpty else { return }
        while !held.isEmpty, phase != .responding, phase != .closing {
            receive(held.removeFirst(), context: context)
        }
        if held.isEmpty, phase != .closing {
            try? context.channel.syncOptions?.setOption(ChannelOptions.autoRead, value: true)
            context.read()
        }
    }

    // MARK: timers

    private func arm(_ seconds: Double) {
        timer?.cancel()
        guard let context else { return }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: .duration(seconds: seconds)) { bound.value.timedOut() }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }

    private func timedOut() {
        timer = nil
        guard let context else { return }
        switch phase {
        case .waiting, .head:
            // An idle keep-alive connection or a head that never completed: closed without an answer, as nginx does.
            phase = .closing
            context.close(promise: nil)
        case .body:
            let path = head.map { ServerRequest.path(of: $0.uri) } ?? "/"
            let version = head?.version ?? .http1_1
            let refusal = responder.refusal(
                .requestTimeout, message: "the request body stopped arriving for \(Int(limits.bodyTimeout)) s",
                path: path)
            phase = .responding
            keepAlive = false
            _ = write(refusal, version: version, loop: context.eventLoop)
        case .responding, .closing:
            break
        }
    }

    /// Runs `body` on `loop`: at once when already there (the request's task prefers this loop), else hopping;
    /// nil when the loop has shut down.
    private static func onLoop<T: Sendable>(_ loop: any EventLoop, _ body: @escaping @Sendable () -> T) async -> T? {
        if loop.inEventLoop { return body() }
        return try? await loop.submit(body).get()
    }
}

import Logging
import NIOCore
import NIOHTTP1
import Synchronization
import SwitchyardHTTP
import Testing

/// Answers by path: `/stream` writes three parts, `/slow` waits 30 s (noting whether it was cancelled), anything
/// else echoes the body; an oversized body gets 413.
struct TestResponder: HTTPResponder {
    let cancelled = Cancellations()
    /// Streams whose producer ran after the client had gone, and saw its first write fail.
    let settledAfterHangUp = Cancellations()

    func respond(to request: ServerRequest) async -> ServerResponse {
        if request.bodyTooLarge { return .plainError(.payloadTooLarge, message: "too large") }
        switch request.path {
        case "/stream":
            return ServerResponse(status: .ok, body: .stream { writer in
                for part in ["one,", "two,", "three"] { try await writer.write(ByteBuffer(string: part)) }
            })
        case "/late-stream":
            // Answers a stream only after the client is gone (the hang-up cancels the wait).
            try? await Task.sleep(nanoseconds: 30_000_000_000)
            let settled = settledAfterHangUp
            return ServerResponse(status: .ok, body: .stream { writer in
                do {
                    try await writer.write(ByteBuffer(string: "too late"))
                } catch {
                    settled.note()
                    throw error
                }
            })
        case "/slow":
            do {
                try await Task.sleep(nanoseconds: 30_000_000_000)
            } catch {
                cancelled.note()
            }
            return ServerResponse(status: .ok, body: .bytes(ByteBuffer(string: "late")))
        default:
            return ServerResponse(status: .ok, body: .bytes(request.body.readableBytes > 0 ? request.body : ByteBuffer(string: "ok")))
        }
    }
}

final class Cancellations: Sendable {
    private let count = Mutex(0)
    func note() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

/// Runs an `HTTPServer` on a free loopback port for the duration of `body`.
func withServer(
    _ limits: HTTPServerLimits = HTTPServerLimits(), responder: any HTTPResponder = TestResponder(),
    _ body: (Int, HTTPServer) async throws -> Void
) async throws {
    var logger = Logger(label: "http-test")
    logger.logLevel = .critical
    let server = HTTPServer(responder: responder, limits: limits, logger: logger)
    let (ports, sink) = AsyncStream<Int>.makeStream()
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            try await server.run(host: "127.0.0.1", port: 0) { address in
                sink.yield(Int(address.split(separator: ":").last ?? "") ?? 0)
            }
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        defer { group.cancelAll() }
        try await body(port, server)
    }
}

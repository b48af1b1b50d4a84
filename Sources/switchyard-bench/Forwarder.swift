import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import SwitchyardHTTP

/// A bare forwarder with no gateway logic: no parsing, keys, routing, ledger or traces, just the request copied
/// upstream and the answer copied back, streamed or not. `overhead` measures it as the floor: what the HTTP stack,
/// the machine and a second network hop cost before Switchyard does anything, so the difference to Switchyard is
/// Switchyard's own. `--stack nio` runs it on Switchyard's data-plane stack (`SwitchyardHTTP`: SwiftNIO server and
/// per-loop upstream pools); `--stack hummingbird` on Hummingbird 2 + AsyncHTTPClient, the stack it replaced.
struct Forwarder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forwarder",
        abstract: "Run the bare forwarder the overhead suite measures as its floor.",
        shouldDisplay: false
    )

    enum Stack: String, ExpressibleByArgument {
        case nio, hummingbird
    }

    @Option(help: "The upstream's base URL, e.g. http://127.0.0.1:8001.")
    var upstream: String

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "nio (Switchyard's data-plane stack) or hummingbird (Hummingbird 2 + AsyncHTTPClient).")
    var stack: Stack = .nio

    func run() async throws {
        switch stack {
        case .nio: try await runNIO()
        case .hummingbird: try await runHummingbird()
        }
    }

    private static func announce(_ port: Int) {
        // Unbuffered: the suite waits for this line on a pipe.
        FileHandle.standardOutput.write(Data("forwarder: listening on http://127.0.0.1:\(port)\n".utf8))
    }

    private func runNIO() async throws {
        guard let (target, _) = UpstreamTarget.parse(url: upstream) else { throw ValidationError("bad --upstream") }
        let responder = NIOForwarder(client: try HTTPClientPool(), target: target)
        let server = SwitchyardHTTP.HTTPServer(responder: responder, limits: HTTPServerLimits(), logger: Logger(label: "forwarder"))
        try await server.run(host: "127.0.0.1", port: port) { address in
            Self.announce(Int(address.split(separator: ":").last ?? "") ?? 0)
        }
    }

    private func runHummingbird() async throws {
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let base = upstream
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            var forwarded = HTTPClientRequest(url: base + "/v1/chat/completions")
            forwarded.method = .POST
            for field in request.headers {
                forwarded.headers.add(name: field.name.rawName, value: field.value)
            }
            forwarded.body = .bytes(try await request.body.collect(upTo: 1 << 20))
            let answer = try await client.execute(forwarded, timeout: .seconds(60))
            var headers = HTTPFields()
            if let type = answer.headers.first(name: "content-type") { headers[.contentType] = type }
            return Response(status: .init(code: Int(answer.status.code)), headers: headers, body: ResponseBody { writer in
                for try await chunk in answer.body { try await writer.write(chunk) }
                try await writer.finish(nil)
            })
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in Self.announce(channel.localAddress?.port ?? port) })
        do {
            try await app.runService()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

/// The forwarder on `SwitchyardHTTP`: each request copied to the upstream on a connection of its own loop.
private struct NIOForwarder: SwitchyardHTTP.HTTPResponder {
    let client: HTTPClientPool
    let target: UpstreamTarget

    func respond(to request: ServerRequest) async -> ServerResponse {
        var head = HTTPRequestHead(version: .http1_1, method: request.method, uri: String(request.path),
                                   headers: request.headers)
        head.headers.replaceOrAdd(name: "host", value: target.hostHeader)
        head.headers.remove(name: "connection")
        do {
            let now = NIODeadline.now()
            let answer = try await client.execute(head, body: request.body, to: target, connectTimeout: 5,
                                                  headDeadline: now + .seconds(60), finishDeadline: now + .seconds(60))
            var headers = HTTPHeaders()
            let type = answer.headers.first(name: "content-type") ?? "application/json"
            headers.add(name: "content-type", value: type)
            guard type.hasPrefix("text/event-stream") else {
                return ServerResponse(status: answer.status, headers: headers,
                                      body: .bytes(try await answer.collect(upTo: 1 << 24)))
            }
            let (chunks, sink) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
            answer.stream { event in
                switch event {
                case .chunk(let buffer): sink.yield(buffer)
                case .end: sink.finish()
                case .failed(let error): sink.finish(throwing: error)
                }
            }
            return ServerResponse(status: answer.status, headers: headers, body: .stream { writer in
                for try await chunk in chunks { try await writer.write(chunk) }
            })
        } catch {
            return .plainError(.badGateway, message: "upstream: \(error)")
        }
    }
}

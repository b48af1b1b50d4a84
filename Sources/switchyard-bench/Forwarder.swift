import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore

/// A bare forwarder on Switchyard's own stack (Hummingbird 2 in front, AsyncHTTPClient behind) with no gateway
/// logic: no parsing, keys, routing, ledger or traces, just the request copied upstream and the answer copied
/// back, streamed or not. `overhead` measures it as the floor: what the HTTP stack, the machine and a second
/// network hop cost before Switchyard does anything, so the difference to Switchyard is Switchyard's own.
struct Forwarder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forwarder",
        abstract: "Run the bare forwarder the overhead suite measures as its floor (Hummingbird + AsyncHTTPClient).",
        shouldDisplay: false
    )

    @Option(help: "The upstream's base URL, e.g. http://127.0.0.1:8001.")
    var upstream: String

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 0

    func run() async throws {
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
            onServerRunning: { channel in
                // Unbuffered: the suite waits for this line on a pipe.
                let line = "forwarder: listening on http://127.0.0.1:\(channel.localAddress?.port ?? port)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            })
        do {
            try await app.runService()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

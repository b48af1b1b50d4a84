import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import SwitchyardCore
import SwitchyardSim
import Testing
import SwitchyardControlAPI

/// A minimal control-API server on a Unix socket, written from the protocol table: status, the NDJSON feed
/// and the command routes over a real `GatewayEngine`. It can be stopped and started again on the same path.
final class StandInControlServer: Sendable {
    /// A command request as the server understood it.
    struct Received: Sendable, Hashable {
        var command: ControlCommand
        var interface: String
    }

    let socketPath: String
    let engine: GatewayEngine
    let info: GatewayInfo
    /// When set, every command route answers 403 with an `{"error": …}` body.
    let refuseCommands: Bool

    private struct State {
        var app: Task<Void, any Error>?
        /// Bumped by `stop()`: open feeds from the previous run end their bodies.
        var generation = 0
        var received: [Received] = []
        var feedIntervals: [Int] = []
    }

    private let state = Mutex(State())

    /// A server for the demo catalog on a fresh socket path (short, for the 108-byte sun_path limit).
    init(refuseCommands: Bool = false) throws {
        let directory = "/tmp/sy-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        socketPath = directory + "/control.sock"
        let setup = DemoCatalog.make()
        let clock = SystemClock()
        engine = try GatewayEngine(
            catalog: setup.catalog,
            transport: SimulatedTransport(catalog: setup.catalog, timeline: .demo, clock: clock, seed: 7),
            clock: clock)
        info = GatewayInfo(mode: "serve", address: "127.0.0.1:0", version: "test", startedAt: clock.now())
        self.refuseCommands = refuseCommands
    }

    var received: [Received] { state.withLock { $0.received } }
    var feedIntervals: [Int] { state.withLock { $0.feedIntervals } }

    /// Starts listening; returns once the socket accepts connections.
    func start() async throws {
        let (listening, signal) = AsyncStream<Void>.makeStream()
        let router = Router(context: BasicRequestContext.self)
        addRoutes(to: router)
        let app = Application(
            router: router,
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "stand-in"),
            onServerRunning: { _ in signal.yield() },
            logger: Logger(label: "stand-in-control")
        )
        let task = Task { try await app.run() }
        state.withLock { $0.app = task }
        for await _ in listening { return }
    }

    /// Ends open feeds, stops listening and removes the socket file.
    func stop() async {
        let task = state.withLock { s in
            s.generation += 1
            defer { s.app = nil }
            return s.app
        }
        task?.cancel()
        _ = try? await task?.value
        try? FileManager.default.removeItem(atPath: socketPath)
    }

    /// Stops the server and removes its directory.
    func tearDown() async {
        await stop()
        try? FileManager.default.removeItem(atPath: (socketPath as NSString).deletingLastPathComponent)
    }

    private static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private struct DeploymentBody: Decodable { var deployment: String }
    private struct WeightBody: Decodable { var deployment: String; var weight: Double }
    private struct FailoverBody: Decodable { var from: String }
    private struct ErrorBody: Encodable { var error: String }

    private func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/v1/status") { [self] _, _ in
            Self.json(engine.snapshot(info: info))
        }
        router.get("/v1/feed") { [self] request, _ in
            let asked = request.uri.queryParameters.get("interval_ms", as: Int.self) ?? 250
            let interval = max(50, min(5000, asked))
            let generation = state.withLock { s in
                s.feedIntervals.append(asked)
                return s.generation
            }
            let body = ResponseBody { [self] writer in
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                while state.withLock({ $0.generation }) == generation {
                    var line = try encoder.encode(engine.snapshot(info: info))
                    line.append(UInt8(ascii: "\n"))
                    try await writer.write(ByteBuffer(bytes: line))
                    try await Task.sleep(for: .milliseconds(interval))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: body)
        }
        router.post("/v1/providers/:name/disable") { [self] request, context in
            let name = try context.parameters.require("name").removingPercentEncoding ?? ""
            return apply(.disableProvider(name), request)
        }
        router.post("/v1/providers/:name/enable") { [self] request, context in
            let name = try context.parameters.require("name").removingPercentEncoding ?? ""
            return apply(.enableProvider(name), request)
        }
        router.post("/v1/deployments/disable") { [self] request, context in
            let body = try await request.decode(as: DeploymentBody.self, context: context)
            return apply(.disableDeployment(body.deployment), request)
        }
        router.post("/v1/deployments/enable") { [self] request, context in
            let body = try await request.decode(as: DeploymentBody.self, context: context)
            return apply(.enableDeployment(body.deployment), request)
        }
        router.post("/v1/deployments/weight") { [self] request, context in
            let body = try await request.decode(as: WeightBody.self, context: context)
            return apply(.setWeight(deployment: body.deployment, weight: body.weight), request)
        }
        router.post("/v1/models/:model/failover") { [self] request, context in
            let model = try context.parameters.require("model").removingPercentEncoding ?? ""
            let body = try await request.decode(as: FailoverBody.self, context: context)
            return apply(.failover(model: model, from: body.from), request)
        }
        router.post("/v1/undo") { [self] request, _ in apply(.undo, request) }
        router.post("/v1/reset") { [self] request, _ in apply(.reset, request) }
    }

    private func apply(_ command: ControlCommand, _ request: Request) -> Response {
        let interface = request.headers[HTTPField.Name("X-Switchyard-Interface")!] ?? "api"
        state.withLock { $0.received.append(Received(command: command, interface: interface)) }
        if refuseCommands {
            return Self.json(ErrorBody(error: "peer uid 4242 is not allowed"), status: .forbidden)
        }
        let result = engine.apply(command, actor: "\(interface):tester")
        let status: HTTPResponse.Status = result.ok ? .ok : (result.message.hasPrefix("unknown") ? .notFound : .badRequest)
        return Self.json(result, status: status)
    }
}

/// Runs `body` with a started stand-in server, tearing it down afterwards.
func withStandInServer(
    refuseCommands: Bool = false, _ body: (StandInControlServer) async throws -> Void
) async throws {
    let server = try StandInControlServer(refuseCommands: refuseCommands)
    try await server.start()
    do {
        try await body(server)
    } catch {
        await server.tearDown()
        throw error
    }
    await server.tearDown()
}

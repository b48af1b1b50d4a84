import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardControlAPI
import SwitchyardCore
import SwitchyardGateway

/// The control API's routes (see the control protocol): status, feed, commands and audit over an engine.
public struct ControlAPI: Sendable {
    /// Request bodies over this many bytes are refused with 413.
    public static let maxBodyBytes = 64 * 1024
    /// Feed pacing bounds, in milliseconds.
    public static let feedIntervalRange = 50...5000

    let engine: GatewayEngine
    let info: @Sendable () -> GatewayInfo
    let stopping: StopSignal
    let lines = SnapshotLineCache()
    /// Keys, teams and budgets management; nil when the gateway runs without governance.
    let governance: GovernanceAdmin?
    /// Re-reads the config file; nil when the gateway has none (the demo).
    let reloader: ConfigReloader?

    /// An API over `engine` (and `governance`, when there is one); `info` supplies the snapshot header;
    /// `stopping` ends feeds on shutdown.
    init(
        engine: GatewayEngine, governance: GovernanceService? = nil, reloader: ConfigReloader? = nil,
        info: @escaping @Sendable () -> GatewayInfo, stopping: StopSignal
    ) {
        self.engine = engine
        self.reloader = reloader
        self.governance = governance.map { GovernanceAdmin(service: $0, engine: engine) }
        self.info = info
        self.stopping = stopping
        let lines = self.lines
        engine.onControlChange { _ in lines.invalidate() }
    }

    static let interfaceHeader = HTTPField.Name("X-Switchyard-Interface")

    func addRoutes(to router: Router<ControlContext>) {
        router.get(RouterPath(ControlPath.status)) { _, _ in try self.json(self.engine.snapshot(info: self.info())) }
        router.get(RouterPath(ControlPath.feed)) { request, _ in try self.feed(request) }
        router.get(RouterPath(ControlPath.audit)) { request, _ in try self.audit(request) }
        router.post(RouterPath(ControlPath.disableProviderPattern)) { request, context in
            try self.run(.disableProvider(Self.segment("name", context)), request, context)
        }
        router.post(RouterPath(ControlPath.enableProviderPattern)) { request, context in
            try self.run(.enableProvider(Self.segment("name", context)), request, context)
        }
        router.post(RouterPath(ControlPath.disableDeployment)) { request, context in
            let body = try await self.decode(DeploymentBody.self, request, example: #"{"deployment":"gpt-4o/openai"}"#)
            return try self.run(.disableDeployment(body.deployment), request, context)
        }
        router.post(RouterPath(ControlPath.enableDeployment)) { request, context in
            let body = try await self.decode(DeploymentBody.self, request, example: #"{"deployment":"gpt-4o/openai"}"#)
            return try self.run(.enableDeployment(body.deployment), request, context)
        }
        router.post(RouterPath(ControlPath.weight)) { request, context in
            let body = try await self.decode(
                WeightBody.self, request, example: #"{"deployment":"gpt-4o/openai","weight":5}"#)
            return try self.run(.setWeight(deployment: body.deployment, weight: body.weight), request, context)
        }
        router.post(RouterPath(ControlPath.failoverPattern)) { request, context in
            let model = try Self.segment("model", context)
            let body = try await self.decode(FailoverBody.self, request, example: #"{"from":"gpt-4o/openai"}"#)
            return try self.run(.failover(model: model, from: body.from), request, context)
        }
        router.post(RouterPath(ControlPath.undo)) { request, context in try self.run(.undo, request, context) }
        router.post(RouterPath(ControlPath.reset)) { request, context in try self.run(.reset, request, context) }
        addGovernanceRoutes(to: router)
        addTraceRoutes(to: router)
        addRoutingRoutes(to: router)
        router.post(RouterPath(ControlPath.reload)) { request, context in try self.reload(request, context) }
    }

    // MARK: handlers

    private func run(_ command: ControlCommand, _ request: Request, _ context: ControlContext) throws -> Response {
        let result = engine.apply(command, actor: Self.actor(request, context))
        return try json(result, status: ControlStatus.of(result, command: command, catalog: engine.catalog))
    }

    private func audit(_ request: Request) throws -> Response {
        let limit = try Self.integer(request, "limit", default: 50)
        guard limit > 0 else { throw ControlFailure(.badRequest, "limit must be a positive integer, got \(limit)") }
        return try json(engine.auditRecords(limit: limit))
    }

    private func feed(_ request: Request) throws -> Response {
        let requested = try Self.integer(request, "interval_ms", default: 250)
        let range = Self.feedIntervalRange
        let interval = min(max(requested, range.lowerBound), range.upperBound)
        let engine = engine
        let info = info
        let stopping = stopping
        let lines = lines
        // Feeds at the same rate share one encoding per interval; commands invalidate it at once.
        let maxAge = Duration.milliseconds(interval)
        let body = ResponseBody { writer in
            while !stopping.isSet {
                let line = try lines.line(maxAge: maxAge) {
                    var line = try ControlJSON.encode(engine.snapshot(info: info()))
                    line.append(UInt8(ascii: "\n"))
                    return line
                }
                // A client that hung up makes this write throw, which ends the feed.
                try await writer.write(ByteBuffer(bytes: line))
                try await stopping.sleep(milliseconds: interval)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: body)
    }

    // MARK: helpers

    func json<T: Encodable>(
        _ value: T, status: HTTPResponse.Status = .ok, casing: ControlJSON.Casing = .snake
    ) throws -> Response {
        let data = try ControlJSON.encode(value, casing: casing)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    func decode<T: Decodable>(_ type: T.Type, _ request: Request, example: String) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw ControlFailure(.contentTooLarge, "request body exceeds the control API's limit of \(Self.maxBodyBytes) bytes")
        }
        do {
            return try ControlBodyDecoder.decode(type, from: Data(buffer.readableBytesView), example: example)
        } catch {
            throw ControlFailure(.badRequest, error.message)
        }
    }

    /// A path parameter with its percent-encoding undone ("my%20provider" names "my provider").
    static func segment(_ name: String, _ context: ControlContext) throws -> String {
        let raw = try context.parameters.require(name)
        guard let decoded = raw.removingPercentEncoding else {
            throw ControlFailure(.badRequest, "\(name) '\(raw)' is not valid percent-encoding")
        }
        return decoded
    }

    static func integer(_ request: Request, _ name: String, default value: Int) throws -> Int {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let number = Int(text) else {
            throw ControlFailure(.badRequest, "\(name) must be an integer, got '\(text)'")
        }
        return number
    }
}

/// A request the API refuses with a status and an `{"error":…}` body.
struct ControlFailure: Error {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }
}

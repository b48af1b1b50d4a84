import Foundation
import Logging
import SwitchyardConfig
import SwitchyardCore
import SwitchyardGovernance
import SwitchyardHTTP

/// The gateway as a process: the engine over real upstreams, behind the OpenAI/Anthropic HTTP ingress.
public final class GatewayServer: Sendable {
    public let engine: GatewayEngine
    public let config: GatewayConfig
    /// Keys, limits, budgets and the ledger; nil serves anonymously without accounting (data-plane tests).
    public let governance: GovernanceService?
    private let transport: HTTPUpstreamTransport
    private let ingress: GatewayIngress
    private let http: HTTPServer

    /// Builds the engine and upstream clients from a validated config; API keys come from `environment`; the
    /// engine records traces into `tracer` when given. Stored responses (`responses: {store: true}`) are kept in
    /// `stateDirectory`, or in memory without one.
    public init(
        config: GatewayConfig, governance: GovernanceService?,
        environment: [String: String] = ProcessInfo.processInfo.environment, tracer: TraceRecorder? = nil,
        accessLog: AccessLog? = nil, stateDirectory: String? = nil
    ) throws {
        self.config = config
        self.governance = governance
        transport = try HTTPUpstreamTransport(config: config, environment: environment)
        engine = try GatewayEngine(
            catalog: config.catalog, transport: transport, admission: governance?.governor, ledger: governance?.ledger,
            tracer: tracer, sharedState: governance?.sharedState)
        let responses = try StoredResponses.make(config: config.responses, stateDirectory: stateDirectory)
        ingress = GatewayIngress(engine: engine, maxBodyBytes: config.maxBodyBytes, governor: governance?.governor,
                                 accessLog: accessLog, responses: responses)
        http = HTTPServer(responder: ingress, limits: Self.limits(config), logger: Logger(label: "switchyard.http"))
    }

    /// The upstream routes `config` would give (see `HTTPUpstreamTransport.prepare`).
    func prepareUpstreams(config: GatewayConfig, environment: [String: String]) throws -> UpstreamRoutes {
        try transport.prepare(config: config, environment: environment)
    }

    /// Upstream calls from now on go where `routes` says; returns the providers whose key changed.
    func installUpstreams(_ routes: UpstreamRoutes) -> Set<String> {
        transport.install(routes)
    }

    /// Drains before a stop, as Envoy and Kubernetes expect: `/ready` answers 503 at once, new model requests get
    /// a 503 and every answer closes its connection (the listener stays up, so health checks still get answers),
    /// requests and streams in flight finish for up to `timeout` seconds, and streams still open then end with
    /// an error event in their own wire format (their ledger rows say so). Returns when nothing is in flight;
    /// the caller then stops `run`.
    public func drain(timeout: Double, logger: Logger) async {
        ingress.drain.startDraining()
        logger.info("draining: up to \(InputBounds.formatNumber(timeout)) s for requests in flight")
        if await http.drain(timeout: timeout) { return }
        let ended = ingress.drain.endOpenStreams(UpstreamFailure(
            errorClass: .other, message: "the gateway shut down before the stream finished"))
        if ended > 0 { logger.warning("drain timeout: ended \(ended) open streams with an error event") }
        // The ended streams write their error events and ledger rows; anything else still running is cut.
        _ = await http.drain(timeout: 5)
    }

    /// Serves until the task is cancelled; `onListening` gets the bound "host:port" (port 0 picks a free one).
    /// Pooled upstream connections are closed on every way out; the ledger is `GovernanceUpkeep`'s to close.
    public func run(logger: Logger, onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        do {
            try await http.run(host: config.listen.host, port: config.listen.port, onListening: onListening)
        } catch {
            await transport.shutdown()
            throw error
        }
        await transport.shutdown()
    }

    /// The ingress's limits from `limits:` in the config.
    static func limits(_ config: GatewayConfig) -> HTTPServerLimits {
        let client = config.clientLimits
        return HTTPServerLimits(
            maxConnections: client.maxConnections, maxBodyBytes: config.maxBodyBytes,
            headerTimeout: client.headerTimeout, bodyTimeout: client.bodyTimeout, idleTimeout: client.idleTimeout)
    }

    /// Runs an HTTP ingress on host:port until cancelled.
    public static func serve(
        ingress: GatewayIngress, host: String, port: Int, limits: HTTPServerLimits? = nil, logger: Logger,
        onListening: @escaping @Sendable (String) -> Void
    ) async throws {
        let server = HTTPServer(
            responder: ingress, limits: limits ?? HTTPServerLimits(maxBodyBytes: ingress.maxBodyBytes), logger: logger)
        try await server.run(host: host, port: port, onListening: onListening)
    }
}

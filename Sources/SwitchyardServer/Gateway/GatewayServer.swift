import Foundation
import Hummingbird
import Logging
import NIOCore
import SwitchyardConfig
import SwitchyardCore

/// The gateway as a process: the engine over real upstreams, behind the OpenAI/Anthropic HTTP ingress.
public final class GatewayServer: Sendable {
    public let engine: GatewayEngine
    public let config: GatewayConfig
    private let transport: HTTPUpstreamTransport

    /// Builds the engine and upstream clients from a validated config; API keys come from `environment`.
    public init(config: GatewayConfig, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.config = config
        transport = HTTPUpstreamTransport(config: config, environment: environment)
        engine = try GatewayEngine(catalog: config.catalog, transport: transport)
    }

    /// Serves until the task is cancelled; `onListening` gets the bound "host:port" (port 0 picks a free one).
    public func run(logger: Logger, onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        do {
            try await Self.serve(
                ingress: GatewayIngress(engine: engine, maxBodyBytes: config.maxBodyBytes),
                host: config.listen.host, port: config.listen.port, logger: logger, onListening: onListening)
        } catch {
            // The upstream clients must be shut down on every way out (AsyncHTTPClient insists).
            await transport.shutdown()
            throw error
        }
        await transport.shutdown()
    }

    /// Runs an HTTP ingress on host:port until cancelled.
    public static func serve(
        ingress: GatewayIngress, host: String, port: Int, logger: Logger,
        onListening: @escaping @Sendable (String) -> Void
    ) async throws {
        let router = Router(context: GatewayContext.self)
        ingress.addRoutes(to: router)
        let app = Application(
            router: router,
            server: HangUpHandler.server,
            configuration: .init(address: .hostname(host, port: port), serverName: "switchyard"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                onListening("\(host):\(bound)")
            },
            logger: logger
        )
        try await app.run()
    }
}

import Logging
import ServiceLifecycle

/// The data plane as a service of the process's `ServiceGroup`: it serves until the group shuts down, then drains
/// (`GatewayServer.drain`) before the listener closes. Put it after the services it relies on (control plane,
/// trace flusher, governance upkeep): a group stops its services in reverse order, so those outlive the drain and
/// the last requests' ledger rows and traces are written.
public struct GatewayService: Service {
    private let server: GatewayServer
    private let drainTimeout: Double
    private let logger: Logger
    private let onListening: @Sendable (String) -> Void

    /// Serves `server`; `drainTimeout` seconds bound the drain; `onListening` gets the bound "host:port".
    public init(
        server: GatewayServer, drainTimeout: Double, logger: Logger,
        onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.server = server
        self.drainTimeout = drainTimeout
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [server, logger, onListening] in
                try await server.run(logger: logger, onListening: onListening)
            }
            group.addTask { [server, logger, drainTimeout] in
                try await gracefulShutdown()
                await server.drain(timeout: drainTimeout, logger: logger)
            }
            // Whichever ends first ends the other: a drained gateway stops listening, and a listener that failed
            // (address in use) has nothing to drain.
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}

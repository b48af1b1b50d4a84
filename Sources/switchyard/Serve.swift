import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SwitchyardConfig
import SwitchyardControl
import SwitchyardCore
import SwitchyardFleet
import SwitchyardGateway
import SwitchyardStore
import SwitchyardTUI
import SwitchyardTerminal
import Synchronization

/// `switchyard serve --config FILE`: the gateway on real upstreams; `--tui` draws the dashboard in-process.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway: OpenAI- and Anthropic-compatible HTTP ingress over the configured providers.",
        discussion: """
            Examples:
              switchyard serve --config gateway.yaml
              switchyard serve --config gateway.yaml --listen 0.0.0.0:8787
              switchyard serve --config gateway.yaml --tui
              switchyard serve --config gateway.yaml --log-format json --drain-timeout 1m
              switchyard serve --config gateway.yaml --database-url postgresql://gw@db/gw
              switchyard serve --config gateway.yaml --replica gw-2  # state.database_url
            """)

    @Option(help: "The gateway's YAML configuration.")
    var config: String

    @Option(help: "Listen on host:port instead of the config's `listen` (port 0 picks a free port).")
    var listen: String?

    @Flag(help: "Show the dashboard on the live traffic in this terminal.")
    var tui = false

    @Option(help: ArgumentHelp(
        "On SIGTERM or SIGINT, how long requests and streams in flight may finish (e.g. 30s, 1m30s); a second signal stops at once.",
        valueName: "duration"))
    var drainTimeout = DurationArgument(seconds: 30, text: "30s")

    @Option(help: "Logs as text (access log in logfmt) or json (one object per line).")
    var logFormat: AccessLog.Format = .text

    @Option(help: "Least severe diagnostics on stderr: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    @Option(help: "Where the access log (one line per request) goes: stdout or off. Off under --tui.")
    var accessLog: AccessLogTarget = .stdout

    enum AccessLogTarget: String, ExpressibleByArgument, CaseIterable {
        case stdout, off
    }

    @OptionGroup var dashboard: DashboardFlags

    @OptionGroup var control: ControlFlags

    @OptionGroup var fleet: FleetFlags

    func validate() throws {
        if let listen, ListenAddress(parsing: listen) == nil {
            throw ValidationError("--listen expects host:port, got '\(listen)'")
        }
    }

    func run() async throws {
        // Everything the gateway writes (ledger, traces, overrides, audit, exports) is its operator's alone.
        umask(0o077)
        let fileConfig = try ConfigReporting.load(config)
        var gatewayConfig = fileConfig
        if let listen, let address = ListenAddress(parsing: listen) { gatewayConfig.listen = address }
        let drainSeconds = drainTimeout.seconds
        let quiet = tui
        // The dashboard owns the terminal: log only what must not be missed.
        let level = quiet ? Logger.Level.critical : logLevel
        let format = logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                return JSONLogHandler(label: label, logLevel: level)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let requests = quiet || accessLog == .off ? nil : AccessLog(format: logFormat)
        let environment = ProcessInfo.processInfo.environment
        let database: FleetDatabaseURL?
        do {
            database = try fleet.database(config: gatewayConfig, environment: environment)
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        let replica = fleet.replicaName(listen: gatewayConfig.listen)
        var control = self.control
        // Replicas on one machine keep their local files (ledger, traces) apart.
        if database != nil { control.stateDir = control.stateDirectory(demo: false) + "/" + replica }
        // Before anything opens a file in it: one gateway per state directory.
        let stateDirectory = control.stateDirectory(demo: false)
        let stateLock: StateDirectoryLock
        do {
            stateLock = try StateDirectoryLock(directory: stateDirectory)
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        // Held until everything that writes the directory has stopped, on every way out.
        defer { withExtendedLifetime(stateLock) {} }
        try ControlLauncher.preflight(flags: control, demo: false)
        let startedAt = Date().timeIntervalSince1970
        let shared: FleetStore?
        do {
            shared = try database.map { url throws(FleetError) in
                try FleetStore.open(url: url, replica: replica, logger: Logger(label: "switchyard.fleet"))
            }
        } catch {
            Console.error("switchyard: cannot use the shared database: \(error)")
            throw ExitCode.failure
        }
        if let shared, !quiet {
            Console.error("switchyard: replica \(replica) sharing state through \(shared.connection.url)")
        }
        let governance: GovernanceService
        let tracing: TracingService?
        let exporter = OTLPTraceExporter.make(
            tracing: gatewayConfig.tracing, providers: gatewayConfig.providers.map(\.spec),
            environment: ProcessInfo.processInfo.environment)
        do {
            governance = try GovernanceService.open(config: gatewayConfig, stateDirectory: stateDirectory, shared: shared,
                                                    now: startedAt)
            tracing = try TracingService.make(config: gatewayConfig.tracing, stateDirectory: stateDirectory,
                                              exportQueue: exporter?.queue)
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        // The local ledger stays the journal requests commit to; the fleet's copy is filled in the background.
        let shipper = shared.map { store in
            LedgerShipper(database: governance.database, url: store.connection.url, replica: replica,
                          logger: Logger(label: "switchyard.fleet"))
        }
        if let shared, let shipper {
            governance.reportSpend(from: FleetSpendSource(connection: shared.connection, shipper: shipper))
        }
        // Budgets and RPM/TPM limits hold fleet-wide through leases, taken before the first request is served.
        let leaser = shared.map { store in
            BudgetLeaser(
                store: FleetLeaseStore(
                    connection: FleetConnection(url: store.connection.url, timeout: .seconds(2),
                                                logger: Logger(label: "switchyard.fleet")),
                    replica: replica),
                governor: governance.governor, failOpen: gatewayConfig.state.onDatabaseDown == .failOpen,
                status: governance.sharedState, logger: Logger(label: "switchyard.fleet"))
        }
        leaser?.start()
        let server: GatewayServer
        do {
            server = try GatewayServer(config: gatewayConfig, governance: governance, tracer: tracing?.recorder,
                                       accessLog: requests, stateDirectory: stateDirectory)
        } catch let error as StoreError {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        let logger = Logger(label: "switchyard")
        let reloader = ConfigReloader(path: config, loaded: fileConfig, server: server, onApplied: { applied in
            exporter?.update(providers: applied.providers.map(\.spec))
        })
        let controlPlane = try ControlLauncher.start(
            engine: server.engine, governance: governance, reloader: reloader,
            info: GatewayInfo(mode: "serve", address: nil, version: SwitchyardVersion.current, startedAt: startedAt),
            flags: control, demo: false, announce: !quiet, shared: shared)
        let bound = BoundAddress()
        let heartbeat = database.map { url in
            HeartbeatPublisher(
                url: url, replica: replica, startedAt: startedAt, controlSocket: controlPlane.plane?.socketPath,
                logger: Logger(label: "switchyard.fleet")
            ) { [engine = server.engine] in
                engine.snapshot(info: GatewayInfo(mode: "serve", address: nil, version: SwitchyardVersion.current,
                                                  startedAt: startedAt))
            }
        }
        let gateway = GatewayService(server: server, drainTimeout: drainSeconds, logger: logger) { address in
            bound.set(address)
            heartbeat?.listening(on: address)
            controlPlane.update(info: GatewayInfo(
                mode: "serve", address: address, version: SwitchyardVersion.current, startedAt: startedAt))
            // On stderr with the other diagnostics: stdout carries only the access log.
            if !quiet { Console.error("switchyard: serving on http://\(address)") }
        }
        // One owner for everything that runs: the group stops its services in reverse order, so the gateway drains
        // first while the control plane, the trace flusher and the ledger are still up, and the ledger closes last.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        // Stops last, after the upkeep closed the ledger writer, so it ships the final rows too.
        if let shipper { services.append(.init(service: shipper)) }
        services.append(.init(service: GovernanceUpkeep(governance: governance, config: gatewayConfig,
                                                        logger: Logger(label: "switchyard.governance"))))
        if let tracing { services.append(.init(service: tracing)) }
        // Other replicas' changes come in while this one serves; losing the database is logged, never fatal.
        if let shared {
            services.append(.init(service: FleetSync(store: shared, governance: governance, engine: server.engine,
                                                     logger: Logger(label: "switchyard.fleet"))))
        }
        // Stops after the gateway has drained, and then marks this replica stopped.
        if let heartbeat { services.append(.init(service: heartbeat)) }
        // Stopped after the gateway has drained, so the spend it reports when giving the leases back is final.
        if let leaser { services.append(.init(service: leaser)) }
        // After the gateway has drained, the exporter sends what waits (for a bounded time) and stops.
        if let exporter, tracing != nil { services.append(.init(service: exporter)) }
        // Breakers, ejections, cooldowns and overrides as log events (the dashboard shows them under --tui).
        if !quiet { services.append(.init(service: EventLog(engine: server.engine, logger: Logger(label: "switchyard.events")))) }
        // A control socket that stops is logged; traffic keeps flowing without it.
        services.append(.init(service: controlPlane, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore))
        // The gateway ending (drained, or unable to listen) or the dashboard quitting shuts the rest down in order.
        services.append(.init(service: gateway, successTerminationBehavior: .gracefullyShutdownGroup,
                              failureTerminationBehavior: .gracefullyShutdownGroup))
        if tui {
            var options = dashboard.options(confirmQuit: true)
            options.notice = controlPlane.notice
            services.append(.init(
                service: DashboardService(bound: bound, engine: server.engine, startedAt: startedAt,
                                          options: options, drainSeconds: drainSeconds),
                successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        var lifecycleLogger = Logger(label: "switchyard.lifecycle")
        lifecycleLogger.logLevel = .warning
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: lifecycleLogger))
        // SIGHUP re-reads the config file, as `ctl reload` does; the outcome is logged either way.
        let hangups = SignalWatcher([SIGHUP]) { _ in _ = reloader.reload(actor: "signal:SIGHUP") }
        defer { withExtendedLifetime(hangups) {} }
        try await run(group, logger: logger)
    }

    /// Runs the group until the gateway stops; outside the dashboard, the first SIGTERM or SIGINT drains and then
    /// stops, a second one stops at once.
    private func run(_ group: ServiceGroup, logger: Logger) async throws {
        let running = Task { try await group.run() }
        let signals = SignalCount()
        let watcher = tui ? nil : SignalWatcher { number in
            guard signals.next() == 1 else { return running.cancel() }
            logger.info("received \(number == SIGTERM ? "SIGTERM" : "SIGINT"): draining")
            Task { await group.triggerGracefulShutdown() }
        }
        defer { _ = watcher }
        do {
            try await running.value
        } catch let error as DashboardError {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        } catch is CancellationError {
            return
        } catch {
            Console.error("switchyard: cannot serve: \(error)")
            throw ExitCode.failure
        }
    }
}

/// The in-process dashboard as a service: it draws once the gateway listens, and quitting it shuts the group down.
struct DashboardService: Service {
    let bound: BoundAddress
    let engine: GatewayEngine
    let startedAt: Double
    let options: DashboardOptions
    let drainSeconds: Double

    func run() async throws {
        // The gateway never listened (its own error says why), or stopped first.
        guard let address = await cancelWhenGracefulShutdown({ [bound] in await bound.wait() }) else { return }
        let info = GatewayInfo(mode: "serve", address: address, version: SwitchyardVersion.current, startedAt: startedAt)
        try await Dashboard.run(feed: InProcessFeed(engine: engine, info: info), options: options)
        // The gateway drains next; the terminal is the operator's again, so say why the process may still be here.
        Console.error("switchyard: draining: requests in flight get up to \(InputBounds.formatNumber(drainSeconds)) s to finish")
    }
}

/// The address the server bound, handed from its start-up callback to whoever waits for it.
final class BoundAddress: Sendable {
    private let stream: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation

    init() {
        (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func set(_ address: String) { continuation.yield(address) }

    /// The bound address, or nil when the waiting task is cancelled (the group shut down before the server bound).
    func wait() async -> String? {
        for await address in stream { return address }
        return nil
    }
}

/// How many stop signals arrived.
final class SignalCount: Sendable {
    private let count = Mutex(0)

    /// Counts one more and returns the count.
    func next() -> Int { count.withLock { $0 += 1; return $0 } }
}

extension AccessLog.Format: ExpressibleByArgument {}

extension Logger.Level: @retroactive ExpressibleByArgument {}

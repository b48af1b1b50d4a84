import ArgumentParser
import Foundation
import Logging
import Synchronization
import SwitchyardConfig
import SwitchyardCore
import SwitchyardServer
import SwitchyardTUI

/// `switchyard serve --config FILE`: the gateway on real upstreams; `--tui` draws the dashboard in-process.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway: OpenAI- and Anthropic-compatible HTTP ingress over the configured providers."
    )

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

    func validate() throws {
        if let listen, ListenAddress(parsing: listen) == nil {
            throw ValidationError("--listen expects host:port, got '\(listen)'")
        }
    }

    func run() async throws {
        // Everything the gateway writes (ledger, traces, overrides, audit, exports) is its operator's alone.
        umask(0o077)
        var gatewayConfig = try ConfigReporting.load(config)
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
        let governance: GovernanceService
        let tracing: TracingService?
        do {
            governance = try GovernanceService.open(config: gatewayConfig, stateDirectory: stateDirectory, now: startedAt)
            tracing = try TracingService.make(config: gatewayConfig.tracing, stateDirectory: stateDirectory)
        } catch {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        let server = try GatewayServer(config: gatewayConfig, governance: governance, tracer: tracing?.recorder,
                                       accessLog: requests)
        let logger = Logger(label: "switchyard")
        let controlPlane = try ControlLauncher.start(
            engine: server.engine, governance: governance,
            info: GatewayInfo(mode: "serve", address: nil, version: SwitchyardVersion.current, startedAt: startedAt),
            flags: control, demo: false, announce: !quiet)
        defer { controlPlane.stop() }
        // Traces reach the archive a second after they settle, and all of them once serving stops.
        let flushing = tracing.map { tracing in
            Task { await tracing.run(logger: Logger(label: "switchyard.tracing")) }
        }
        // Breakers, ejections, cooldowns and overrides as log events (the dashboard shows them under --tui).
        let following = quiet ? nil : Task {
            await EventLog.run(engine: server.engine, logger: Logger(label: "switchyard.events"))
        }
        defer { following?.cancel() }
        do {
            try await serve(server, controlPlane: controlPlane, startedAt: startedAt, quiet: quiet,
                            drainSeconds: drainSeconds, logger: logger)
        } catch {
            flushing?.cancel()
            await flushing?.value
            throw error
        }
        flushing?.cancel()
        await flushing?.value
    }

    /// Serves until a signal (or the dashboard's quit) stops it.
    private func serve(
        _ server: GatewayServer, controlPlane: ControlLauncher, startedAt: Double, quiet: Bool, drainSeconds: Double,
        logger: Logger
    ) async throws {
        let bound = BoundAddress()
        let serving = Task {
            defer { bound.close() }
            try await server.run(logger: logger) { address in
                bound.set(address)
                controlPlane.update(info: GatewayInfo(
                    mode: "serve", address: address, version: SwitchyardVersion.current, startedAt: startedAt))
                // On stderr with the other diagnostics: stdout carries only the access log.
                if !quiet { Console.error("switchyard: serving on http://\(address)") }
            }
        }
        if tui {
            guard let address = await bound.wait() else { return try await ServingTask.wait(serving, prefix: "switchyard") }
            let info = GatewayInfo(mode: "serve", address: address, version: SwitchyardVersion.current,
                                   startedAt: startedAt)
            defer { serving.cancel() }
            do {
                try await Dashboard.run(feed: InProcessFeed(engine: server.engine, info: info),
                                        options: dashboard.options(confirmQuit: true))
            } catch let error as DashboardError {
                Console.error("switchyard: \(error)")
                throw ExitCode.failure
            }
            return
        }
        // The first signal drains, then stops; a second one stops at once.
        let signals = SignalCount()
        let watcher = SignalWatcher { number in
            guard signals.next() == 1 else { return serving.cancel() }
            logger.info("received \(number == SIGTERM ? "SIGTERM" : "SIGINT"): draining")
            Task {
                await server.drain(timeout: drainSeconds, logger: logger)
                serving.cancel()
            }
        }
        defer { _ = watcher }
        try await ServingTask.wait(serving, prefix: "switchyard")
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

    /// Ends the wait: the server stopped (or never started).
    func close() { continuation.finish() }

    /// The bound address, or nil if the server stopped without binding.
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

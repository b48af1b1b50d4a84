import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SwitchyardConfig
import SwitchyardCore
import SwitchyardGateway
import SwitchyardGovernance
import SwitchyardSim
import SwitchyardSimServer
import SwitchyardTUI
import SwitchyardTerminal

/// `switchyard demo`: the dashboard over an embedded gateway with simulated upstreams and demo traffic.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the dashboard on an embedded demo gateway (simulated providers, demo traffic).",
        discussion: """
            The demo routes its traffic through the real engine; only the upstream transport is simulated. \
            A scripted incident timeline (429 storm, 5xx burst, latency spike, outage, recovery) repeats so \
            that fallbacks, breakers and budget burn show within the first minute.

            It also serves the OpenAI and Anthropic HTTP API on --listen, through the same engine and incidents:
              curl -N localhost:8787/v1/chat/completions \
                -d '{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}'

            Examples:
              switchyard demo
              switchyard demo --rate 50 --theme light
              switchyard demo --listen 127.0.0.1:8787 --seed 7
            """
    )

    @OptionGroup var dashboard: DashboardFlags

    @OptionGroup var control: ControlFlags

    @Option(help: "Demo requests per second.")
    var rate: Double = 30

    @Option(help: "Seed for the simulator and the router, for a reproducible run.")
    var seed: UInt64 = 42

    @Option(help: "Serve the OpenAI/Anthropic HTTP API on host:port next to the dashboard, or 'off'.")
    var listen = "127.0.0.1:8787"

    func validate() throws {
        guard rate > 0, rate <= 5_000 else { throw ValidationError("--rate must be in (0, 5000], got \(rate)") }
        guard listen == "off" || ListenAddress(parsing: listen) != nil else {
            throw ValidationError("--listen expects host:port or 'off', got '\(listen)'")
        }
    }

    func run() async throws {
        let setup = DemoCatalog.make()
        let clock = SystemClock()
        // The dashboard owns the terminal: nothing may log to it.
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
        let simulated = SimulatedTransport(catalog: setup.catalog, timeline: .demo, clock: clock, seed: seed)
        let transport = SimulatedBodyTransport(simulated: simulated, catalog: setup.catalog, clock: clock, seed: seed)
        // Open mode (curl needs no key) and an in-memory ledger: every demo starts with fresh budgets.
        let governance = try GovernanceService.open(
            policy: GovernancePolicy(auth: .open), teams: setup.teams, budgets: setup.budgets, stateDirectory: nil,
            now: clock.now())
        let engine = try GatewayEngine(
            catalog: setup.catalog, transport: transport, clock: clock, seed: seed,
            admission: governance.governor, ledger: governance.ledger,
            tracer: TraceRecorder(config: TracingConfig())
        )
        var listener: DemoListener?
        if let address = ListenAddress(parsing: listen) {
            listener = await DemoListener.start(
                engine: engine, governor: governance.governor, host: address.host, port: address.port)
        }
        defer { listener?.stop() }
        let info = GatewayInfo(mode: "demo", address: listener?.status.headerText, version: SwitchyardVersion.current,
                               startedAt: clock.now())
        let feed = InProcessFeed(engine: engine, info: info)
        let controlPlane = try ControlLauncher.start(
            engine: engine, governance: governance, info: info, flags: control, demo: true, announce: false)
        let generator = TrafficGenerator(setup: setup, ratePerSecond: rate, clock: clock, seed: seed &+ 1)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: controlPlane, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore),
                .init(service: BackgroundService { await generator.run(handler: engine) }),
            ],
            logger: Logger(label: "switchyard.lifecycle")))
        let running = Task { try await group.run() }
        // The dashboard in the foreground owns the terminal; quitting it stops the traffic, then the control socket.
        let shown: Result<Void, any Error>
        do {
            var options = dashboard.options(confirmQuit: false)
            options.notice = controlPlane.notice
            try await Dashboard.run(feed: feed, options: options)
            shown = .success(())
        } catch {
            shown = .failure(error)
        }
        await group.triggerGracefulShutdown()
        try? await running.value
        if case .failure(let error as DashboardError) = shown {
            Console.error("switchyard: \(error)")
            throw ExitCode.failure
        }
        try shown.get()
    }
}

import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import SwitchyardCore
import SwitchyardSim

/// A fake LLM provider over real HTTP: OpenAI chat completions, Anthropic messages, embeddings and a model list on
/// one port, with fault injection that can be changed while it runs (`faults`, or `PUT /_sim/faults`).
///
/// Routes: `POST /v1/chat/completions`, `POST /v1/responses`, `POST /v1/messages` (and its `count_tokens`), `POST /v1/embeddings`, `GET /v1/models[/{id}]`,
/// Azure OpenAI's deployment routes and Google's `POST /v1beta/models/{model}:generateContent` (`:streamGenerateContent`);
/// admin: `GET|PUT /_sim/faults`, `GET|DELETE /_sim/stats`, `GET|DELETE /_sim/requests`.
public final class SimulatorServer: Sendable {
    /// How the server was started.
    public let options: SimulatorOptions
    let stats = SimulatorStats()
    let requestLog = SimulatorRequestLog()
    let coder = SimulatorCoder()
    private let state: Mutex<State>
    private let logger: Logger

    private struct State {
        var faults: FaultProfile
        var rng: SeededGenerator
        var port: Int?
        var stopped = false
        var waiters: [CheckedContinuation<Int?, Never>] = []
    }

    /// Creates a server; nothing listens until `run()`.
    public init(options: SimulatorOptions = SimulatorOptions(), logger: Logger? = nil) {
        self.options = options
        self.state = Mutex(State(faults: options.faults, rng: SeededGenerator(seed: options.seed)))
        var log = logger ?? Logger(label: "switchyard.sim.\(options.name)")
        // Quiet by default: cancellation at shutdown is logged as an error by the HTTP server.
        if logger == nil { log.logLevel = .critical }
        self.logger = log
    }

    /// The faults applied to calls arriving from now on.
    public var faults: FaultProfile {
        get { state.withLock { $0.faults } }
        set { state.withLock { $0.faults = newValue } }
    }

    /// The port the server listens on, once it is running.
    public var boundPort: Int? {
        state.withLock { $0.port }
    }

    /// Counters of what has been answered so far.
    public var statistics: SimulatorStatsSnapshot {
        stats.snapshot()
    }

    /// The most recent API requests received (up to 64), oldest first.
    public var recentRequests: [SimulatorRecordedRequest] {
        requestLog.recent()
    }

    /// Waits until the server listens and returns its port; nil if it stopped (or failed to bind) first.
    public func listeningPort() async -> Int? {
        await withCheckedContinuation { continuation in
            let ready: Int?? = state.withLock { s in
                if let port = s.port { return .some(port) }
                if s.stopped { return .some(nil) }
                s.waiters.append(continuation)
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Serves until the surrounding task is cancelled. `onListening` gets the bound port once the socket is open.
    public func run(onListening: (@Sendable (Int) async -> Void)? = nil) async throws {
        state.withLock { $0.stopped = false }
        let router = Router(context: SimulatorRequestContext.self)
        registerRoutes(on: router)
        let app = Application(
            router: router,
            server: HangUpHandler.server,
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? options.port
                await onListening?(port)
                didBind(port: port)
            },
            logger: logger
        )
        defer { didStop() }
        try await app.run()
    }

    private func didBind(port: Int) {
        let waiters = state.withLock { s in
            s.port = port
            defer { s.waiters.removeAll() }
            return s.waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    private func didStop() {
        let waiters = state.withLock { s in
            s.stopped = true
            s.port = nil
            defer { s.waiters.removeAll() }
            return s.waiters
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    /// Draws the fault, speed and content seed of one arriving call.
    func drawCall() -> SimulatorCall {
        let (faults, fault, seed) = state.withLock { s in
            let fault = s.faults.draw(using: &s.rng)
            return (s.faults, fault, s.rng.next())
        }
        var call = SimulatorCall(latency: options.latency, output: options.output, faults: faults, fault: fault, seed: seed)
        call.jsonMode = options.jsonMode
        return call
    }

    private func registerRoutes(on router: Router<SimulatorRequestContext>) {
        router.add(middleware: SimulatorRequestIDMiddleware(seed: options.seed))
        router.post("/v1/chat/completions") { request, context in
            await self.chatCompletions(request, context: context)
        }
        router.post("/v1/messages") { request, context in
            await self.messages(request, context: context)
        }
        router.post("/v1/messages/count_tokens") { request, context in
            await self.countTokens(request, context: context)
        }
        router.post("/v1/embeddings") { request, context in
            await self.embeddings(request, context: context)
        }
        router.post("/v1/responses") { request, context in
            await self.responses(request, context: context)
        }
        registerAzureRoutes(on: router)
        registerGeminiRoutes(on: router)
        registerBedrockRoutes(on: router)
        router.get("/v1/models") { request, _ in
            self.unauthorized(.openAI, request) ?? self.modelList()
        }
        router.get("/v1/models/:id") { request, context in
            self.unauthorized(.openAI, request) ?? self.model(id: context.parameters.get("id") ?? "")
        }
        router.get("/_sim/faults") { _, _ in
            self.faultSettings()
        }
        router.put("/_sim/faults") { request, context in
            await self.updateFaults(request, context: context)
        }
        router.get("/_sim/stats") { _, _ in
            self.statsResponse()
        }
        router.delete("/_sim/stats") { _, _ in
            self.resetStats()
        }
        // The router does not backtrack out of a matched prefix, so each shared prefix gets its own catch-all.
        for prefix in ["", "/v1", "/v1/chat", "/v1/messages", "/v1beta", "/_sim"] {
            for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] {
                router.on(RouterPath(prefix + "/**"), method: method) { request, _ in
                    self.notFound(request)
                }
            }
        }
        router.get("/_sim/requests") { _, _ in
            self.recentRequestsResponse()
        }
        router.delete("/_sim/requests") { _, _ in
            self.clearRequests()
        }
    }
}

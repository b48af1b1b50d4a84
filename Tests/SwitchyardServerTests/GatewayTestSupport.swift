import AsyncHTTPClient
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import NIOCore
import NIOHTTP1
import SwitchyardConfig
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardGovernance
import SwitchyardJSON
import SwitchyardSim
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

/// A gateway running in-process on an ephemeral loopback port, in front of simulated providers.
struct GatewayHarness: Sendable {
    /// The engine behind the ingress, to read request records and breaker states.
    let engine: GatewayEngine
    /// `http://127.0.0.1:<port>` of the gateway.
    let base: String
    /// The simulators, in the order their options were given.
    let sims: [SimulatorClient]
    /// Keys, limits, budgets and the ledger, when the gateway runs governed.
    var governance: GovernanceService? = nil

    func request(_ method: HTTPMethod, _ path: String, body: String? = nil, headers: [(String, String)] = []) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        return request
    }

    /// Sends a request and reads the whole answer.
    func send(
        _ method: HTTPMethod, _ path: String, body: String? = nil, headers: [(String, String)] = []
    ) async throws -> SimulatorTestResponse {
        let response = try await HTTPClient.shared.execute(request(method, path, body: body, headers: headers),
                                                           timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return SimulatorTestResponse(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    func post(_ path: String, _ body: String, headers: [(String, String)] = []) async throws -> SimulatorTestResponse {
        try await send(.POST, path, body: body, headers: headers)
    }

    /// Posts and reads the answer as server-sent events, keeping whatever arrived before a broken connection.
    func stream(_ path: String, _ body: String, headers: [(String, String)] = []) async throws -> SimulatorTestStream {
        let response = try await HTTPClient.shared.execute(request(.POST, path, body: body, headers: headers),
                                                           timeout: .seconds(30))
        return await SimulatorTestStream.read(response)
    }

    /// The engine's record of request `id`, once it is finished.
    func record(_ id: String) -> RequestRecord? {
        engine.snapshot(info: GatewayInfo(mode: "test", address: base, version: "test", startedAt: 0))
            .requests.first { $0.id == id }
    }

    /// Waits (up to `seconds`) for the engine to finish request `id` and returns its record.
    func awaitRecord(_ id: String, seconds: Double = 5) async throws -> RequestRecord? {
        try await eventually(seconds: seconds) { record(id) }
    }
}

/// Starts one simulator per entry of `sims`, a gateway configured by `yaml` (given the simulators' base URLs),
/// runs `body`, then stops everything.
func withGateway(
    sims: [SimulatorOptions],
    yaml: @Sendable ([String]) -> String,
    engineConfig: EngineConfig = EngineConfig(),
    governed: Bool = false,
    traced: Bool = false,
    environment: [String: String] = [:],
    _ body: @Sendable (GatewayHarness) async throws -> Void
) async throws {
    let servers = sims.map { SimulatorServer(options: $0) }
    try await withThrowingTaskGroup(of: Void.self) { group in
        for server in servers { group.addTask { try await server.run() } }
        var clients: [SimulatorClient] = []
        for server in servers {
            let port = try #require(await server.listeningPort())
            clients.append(SimulatorClient(server: server, base: "http://127.0.0.1:\(port)"))
        }
        let config = try ConfigLoader.parse(yaml: yaml(clients.map(\.base)), file: "gateway-test.yaml").config
        let transport = try HTTPUpstreamTransport(config: config, environment: environment)
        let stateDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchyard-gw-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: stateDirectory) }
        do {
            var governance: GovernanceService?
            if governed {
                try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
                governance = try GovernanceService.open(
                    config: config, stateDirectory: stateDirectory, now: Date().timeIntervalSince1970)
            }
            let engine = try GatewayEngine(
                catalog: config.catalog, transport: transport, config: engineConfig,
                admission: governance?.governor, ledger: governance?.ledger,
                tracer: traced ? TraceRecorder(config: config.tracing) : nil)
            let ingress = GatewayIngress(
                engine: engine, maxBodyBytes: config.maxBodyBytes, governor: governance?.governor,
                responses: try StoredResponses.make(config: config.responses, stateDirectory: stateDirectory))
            let (bound, boundSink) = AsyncStream<String>.makeStream()
            var logger = Logger(label: "switchyard.gateway.test")
            logger.logLevel = .critical
            group.addTask {
                try await GatewayServer.serve(ingress: ingress, host: "127.0.0.1", port: 0, logger: logger) { address in
                    boundSink.yield(address)
                }
            }
            var address: String?
            for await value in bound {
                address = value
                break
            }
            let harness = GatewayHarness(
                engine: engine, base: "http://" + (try #require(address)), sims: clients, governance: governance)
            try await body(harness)
        } catch {
            group.cancelAll()
            await transport.shutdown()
            throw error
        }
        group.cancelAll()
        await transport.shutdown()
    }
}

/// Polls `probe` every 50 ms until it returns a value or `seconds` pass.
func eventually<T>(seconds: Double, _ probe: () async throws -> T?) async throws -> T? {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while true {
        if let value = try await probe() { return value }
        if ContinuousClock.now >= deadline { return nil }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// Seconds `body` took.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let value = try await body()
    let elapsed = ContinuousClock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// A loopback port that refuses connections for as long as this lives: bound and never listening, so the kernel
/// answers a connect with a reset, and no server of a test running beside it can be given the same port.
final class RefusingPort: Sendable {
    let port: Int
    private let fd: Int32

    init() throws {
        fd = try LoopbackSocket.bound()
        do {
            port = try LoopbackSocket.port(of: fd)
        } catch {
            LoopbackSocket.close(fd)
            throw error
        }
    }

    deinit { LoopbackSocket.close(fd) }
}

/// A listener that never accepts, its one-slot accept queue filled: the kernel drops further SYNs, so a
/// connect to it neither succeeds nor is refused until the client gives up.
final class FullBacklogListener: Sendable {
    let port: Int
    private let fds: [Int32]

    init() throws {
        let listener = try LoopbackSocket.bound()
        var fds = [listener]
        guard listen(listener, 0) == 0 else {
            LoopbackSocket.close(listener)
            throw PortError()
        }
        port = try LoopbackSocket.port(of: listener)
        // Fillers: the first takes the queue's only slot, the others wait in SYN-SENT like the gateway will.
        for _ in 0..<3 {
            let filler = socket(AF_INET, LoopbackSocket.stream, 0)
            guard filler >= 0 else { continue }
            fds.append(filler)
            _ = fcntl(filler, F_SETFL, fcntl(filler, F_GETFL) | O_NONBLOCK)
            var address = LoopbackSocket.address(port: port)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        self.fds = fds
        usleep(100_000)
    }

    /// Closes the listener and the fillers.
    func close() {
        for fd in fds { LoopbackSocket.close(fd) }
    }
}

/// Raw loopback sockets, for the failure modes no server produces on purpose.
enum LoopbackSocket {
    #if canImport(Glibc)
    static let stream = Int32(SOCK_STREAM.rawValue)
    #else
    static let stream = SOCK_STREAM
    #endif

    static func close(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }
    static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// A TCP socket bound to an ephemeral loopback port.
    static func bound() throws -> Int32 {
        let fd = socket(AF_INET, LoopbackSocket.stream, 0)
        guard fd >= 0 else { throw PortError() }
        var address = address(port: 0)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Self.close(fd)
            throw PortError()
        }
        return fd
    }

    static func port(of fd: Int32) throws -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw PortError() }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct PortError: Error {}

/// Simulator options for gateway tests: instant, fixed seed, short answers, an optional paced stream.
func gatewaySimOptions(
    name: String, seed: UInt64 = 11, faults: FaultProfile = .none, tokensPerSecond: Double = 0, median: Double = 30
) -> SimulatorOptions {
    let latency = LatencyProfile(
        ttftMedian: 0, ttftSigma: 0, tokensPerSecondMedian: tokensPerSecond, tokensPerSecondSigma: 0, perTokenJitter: 0)
    return SimulatorOptions(latency: latency, output: OutputLengthModel(median: median, sigma: 0.2), faults: faults,
                            seed: seed, name: name)
}

/// The body of an OpenAI chat request.
func chatBody(model: String, stream: Bool = false, content: String = "Say hello", extra: String = "") -> String {
    #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"user","content":"\#(content)"}]\#(extra)}"#
}

/// The body of an Anthropic messages request.
func messagesBody(model: String, stream: Bool = false, content: String = "Say hello", extra: String = "") -> String {
    #"{"model":"\#(model)","max_tokens":256,"stream":\#(stream),"messages":[{"role":"user","content":"\#(content)"}]\#(extra)}"#
}

/// The data of every event, parsed as JSON (events that are not JSON are skipped).
func jsonEvents(_ stream: SimulatorTestStream) -> [JSONValue] {
    stream.events.compactMap { try? WireCoding.parse(Data($0.data.utf8)) }
}

/// Gateway configurations over simulators, as YAML.
enum GatewayYAML {
    /// The provider entry for a simulator at `base` speaking `kind` (`openai-compatible` or `anthropic`).
    static func provider(_ name: String, kind: String, base: String, timeouts: String = "{}") -> String {
        """
          - name: \(name)
            kind: \(kind)
            base_url: \(kind == "anthropic" ? base : base + "/v1")
            timeouts: \(timeouts)
        """
    }

    /// Providers `primary` and `backup` serving model `chat` (upstream `model`), `primary` tried first;
    /// timeouts are YAML flow mappings such as `{first_token: 500ms}`.
    static func primaryAndBackup(
        _ bases: [String], primaryBase: String? = nil, primaryKind: String = "openai-compatible",
        backupKind: String = "openai-compatible", model: String = "gpt-4o", primaryTimeouts: String = "{}",
        modelTimeouts: String = "{}", extra: String = ""
    ) -> String {
        """
        listen: 127.0.0.1:0
        \(extra)
        providers:
        \(provider("primary", kind: primaryKind, base: primaryBase ?? bases[0], timeouts: primaryTimeouts))
        \(provider("backup", kind: backupKind, base: bases[1]))
        models:
          - name: chat
            strategy: priority
            timeouts: \(modelTimeouts)
            deployments:
              - {provider: primary, model: \(model), priority: 0}
              - {provider: backup, model: \(model), priority: 1}
        """
    }

    /// One provider `only` serving model `chat` (upstream `model`).
    static func single(
        _ base: String, kind: String = "openai-compatible", model: String = "gpt-4o", providerTimeouts: String = "{}",
        modelTimeouts: String = "{}", extra: String = ""
    ) -> String {
        """
        listen: 127.0.0.1:0
        \(extra)
        providers:
        \(provider("only", kind: kind, base: base, timeouts: providerTimeouts))
        models:
          - name: chat
            timeouts: \(modelTimeouts)
            deployments:
              - {provider: only, model: \(model)}
        """
    }
}

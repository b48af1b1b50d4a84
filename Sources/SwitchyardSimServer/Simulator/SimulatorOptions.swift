import SwitchyardSim

/// How a simulated provider listens and behaves when it starts.
public struct SimulatorOptions: Sendable {
    /// Address to bind; loopback by default so a drill never exposes a fake provider.
    public var host: String
    /// Port to bind; 0 picks an ephemeral port (read it back from `SimulatorServer.boundPort`).
    public var port: Int
    /// Speed of answers. A zero TTFT skips the first-token wait and a zero (or infinite) token rate skips pacing.
    public var latency: LatencyProfile
    /// Completion lengths before the client's cap.
    public var output: OutputLengthModel
    /// Faults injected from the start; change them later with `SimulatorServer.faults` or `PUT /_sim/faults`.
    public var faults: FaultProfile
    /// Seed of every random draw, so a run with the same requests in the same order replays exactly.
    public var seed: UInt64
    /// Name reported by the admin endpoints and used as `owned_by` in the model list.
    public var name: String
    /// Model ids listed by `GET /v1/models` (every model name is served regardless).
    public var models: [String]
    /// When set, API calls must present this key (`Authorization: Bearer …` or `x-api-key`) or get a 401.
    public var apiKey: String?
    /// Whether a JSON response format (`json_object`, `json_schema`) is honoured with JSON content; off, the model
    /// answers prose as a model without JSON mode does.
    public var jsonMode = true

    /// Creates options; the defaults answer instantly with no faults on an ephemeral loopback port.
    public init(
        host: String = "127.0.0.1", port: Int = 0, latency: LatencyProfile = SimulatorOptions.instant,
        output: OutputLengthModel = .chat, faults: FaultProfile = .none, seed: UInt64 = 1, name: String = "sim",
        models: [String] = SimulatorOptions.defaultModels, apiKey: String? = nil
    ) {
        self.host = host
        self.port = port
        self.latency = latency
        self.output = output
        self.faults = faults
        self.seed = seed
        self.name = name
        self.models = models
        self.apiKey = apiKey
    }

    /// No waiting at all: for benchmarks and fast tests.
    public static let instant = LatencyProfile(
        ttftMedian: 0, ttftSigma: 0, tokensPerSecondMedian: 0, tokensPerSecondSigma: 0, perTokenJitter: 0
    )

    /// Models listed when none are configured.
    public static let defaultModels = [
        "gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "claude-haiku-4-5", "text-embedding-3-small",
    ]
}

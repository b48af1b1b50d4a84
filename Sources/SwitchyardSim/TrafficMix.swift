import SwitchyardCore

/// What demo requests look like: which key sends, which model it asks for, how long prompts are, how many
/// completion tokens it allows and whether it streams.
public struct TrafficMix: Sendable, Hashable {
    /// Keys that send traffic, weighted by `trafficWeight`.
    public var keys: [DemoKey]
    /// Median prompt length in tokens (log-normal; ≈ 300–3,000 for the middle 90 % with the default sigma).
    public var inputTokensMedian: Double
    /// Sigma of the underlying normal of prompt lengths.
    public var inputTokensSigma: Double
    /// Upper bound on prompt length, so a long tail never exceeds a context window.
    public var inputTokensCap: Int
    /// `maxOutputTokens` values clients send, drawn uniformly (repeat one to weight it).
    public var maxOutputTokensChoices: [Int]
    /// Fraction of requests that stream.
    public var streamFraction: Double
    /// Task-routed model names: a request to one names its task (as `x-switchyard-task` would), drawn from
    /// `tasks`, since generated traffic has no body to detect it from.
    public var taskModels: Set<String>
    /// Tasks of demo traffic to a task-routed model, weighted as a company's mix might be.
    public var tasks: [TaskShare]

    /// A task and its relative share of task-routed demo traffic.
    public struct TaskShare: Sendable, Hashable {
        public var task: String
        public var weight: Double

        public init(_ task: String, _ weight: Double) {
            self.task = task
            self.weight = weight
        }
    }

    /// Creates a mix over `keys`.
    public init(
        keys: [DemoKey], inputTokensMedian: Double = 950, inputTokensSigma: Double = 0.7,
        inputTokensCap: Int = 100_000, maxOutputTokensChoices: [Int] = [256, 512, 1024, 1024, 2048, 4096],
        streamFraction: Double = 0.4, taskModels: Set<String> = [],
        tasks: [TaskShare] = TrafficMix.defaultTasks
    ) {
        self.taskModels = taskModels
        self.tasks = tasks
        self.keys = keys
        self.inputTokensMedian = inputTokensMedian
        self.inputTokensSigma = inputTokensSigma
        self.inputTokensCap = inputTokensCap
        self.maxOutputTokensChoices = maxOutputTokensChoices
        self.streamFraction = streamFraction
    }

    /// The default task mix: mostly chat, then code, reasoning, tools and structured output, a little vision and
    /// long documents.
    public static let defaultTasks: [TaskShare] = [
        TaskShare("chat", 0.5), TaskShare("code", 0.2), TaskShare("reasoning", 0.08), TaskShare("tools", 0.08),
        TaskShare("structured", 0.08), TaskShare("vision", 0.03), TaskShare("long_context", 0.03),
    ]

    /// Draws one request with the given id; nil only when no key has traffic weight or models.
    public func draw(id: String, using rng: inout some RandomNumberGenerator) -> GatewayRequest? {
        guard let k = rng.weightedIndex(keys.map(\.trafficWeight)) else { return nil }
        let key = keys[k]
        guard let m = rng.weightedIndex(key.models.map(\.weight)) else { return nil }
        let input = Int(rng.logNormal(median: inputTokensMedian, sigma: inputTokensSigma).rounded())
        let maxOutput = maxOutputTokensChoices.isEmpty
            ? 1024 : maxOutputTokensChoices[Int(rng.unitDraw() * Double(maxOutputTokensChoices.count))]
        var request = GatewayRequest(
            id: id, model: key.models[m].model, key: key.name, team: key.team,
            inputTokens: min(max(1, input), inputTokensCap), maxOutputTokens: maxOutput,
            stream: rng.unitDraw() < streamFraction
        )
        if taskModels.contains(request.model), let t = rng.weightedIndex(tasks.map(\.weight)) {
            request.declaredTask = tasks[t].task
        }
        return request
    }
}

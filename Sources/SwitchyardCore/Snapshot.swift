/// Circuit-breaker state of one deployment.
public enum BreakerState: String, Sendable, Codable, Hashable, CaseIterable {
    case closed, open, halfOpen = "half-open"
}

/// What an operator needs to know about a deployment at a glance, worst condition first.
public enum HealthStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case healthy, degraded, cooling, ejected, open, draining, disabled
}

/// Static facts about the gateway the dashboard shows in its header.
public struct GatewayInfo: Sendable, Codable, Hashable {
    /// "demo" or "serve".
    public var mode: String
    /// Where the HTTP ingress listens, e.g. "127.0.0.1:8787", if it does.
    public var address: String?
    public var version: String
    public var startedAt: Double

    public init(mode: String, address: String?, version: String, startedAt: Double) {
        self.mode = mode
        self.address = address
        self.version = version
        self.startedAt = startedAt
    }
}

/// Gateway-wide rates over the recent window (last 10 s unless said otherwise).
public struct TotalsSnapshot: Sendable, Codable, Hashable {
    public var requestsPerSecond: Double
    /// Fraction 0…1 of requests answered with an error.
    public var errorRate: Double
    /// Dollars per hour at the recent rate.
    public var spendPerHour: Double
    public var tokensPerSecond: Double
    public var inFlight: Int
    public var totalRequests: Int
    public var totalCost: Double
    public var fallbacksPerMinute: Double

    public init(
        requestsPerSecond: Double = 0, errorRate: Double = 0, spendPerHour: Double = 0, tokensPerSecond: Double = 0,
        inFlight: Int = 0, totalRequests: Int = 0, totalCost: Double = 0, fallbacksPerMinute: Double = 0
    ) {
        self.requestsPerSecond = requestsPerSecond
        self.errorRate = errorRate
        self.spendPerHour = spendPerHour
        self.tokensPerSecond = tokensPerSecond
        self.inFlight = inFlight
        self.totalRequests = totalRequests
        self.totalCost = totalCost
        self.fallbacksPerMinute = fallbacksPerMinute
    }
}

/// One deployment's configuration, overrides, health and recent metrics.
public struct DeploymentSnapshot: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var model: String
    public var provider: String
    public var upstreamModel: String
    /// Current weight (configured, or overridden).
    public var weight: Double
    /// Share 0…1 of the group's traffic this deployment would get now (0 when unavailable).
    public var trafficShare: Double
    public var enabled: Bool
    public var draining: Bool
    public var breaker: BreakerState
    /// Epoch seconds until which a 429 cooldown holds, if cooling.
    public var coolingUntil: Double?
    /// Ejected as a latency outlier.
    public var ejected: Bool
    public var status: HealthStatus
    public var requestsPerSecond: Double
    public var errorRate: Double
    public var latencyP50: Double
    public var latencyP95: Double
    public var latencyP99: Double
    public var inFlight: Int
    public var price: Price

    public init(
        id: String, model: String, provider: String, upstreamModel: String, weight: Double, trafficShare: Double,
        enabled: Bool, draining: Bool, breaker: BreakerState, coolingUntil: Double?, ejected: Bool,
        status: HealthStatus, requestsPerSecond: Double, errorRate: Double, latencyP50: Double,
        latencyP95: Double, latencyP99: Double, inFlight: Int, price: Price
    ) {
        self.id = id
        self.model = model
        self.provider = provider
        self.upstreamModel = upstreamModel
        self.weight = weight
        self.trafficShare = trafficShare
        self.enabled = enabled
        self.draining = draining
        self.breaker = breaker
        self.coolingUntil = coolingUntil
        self.ejected = ejected
        self.status = status
        self.requestsPerSecond = requestsPerSecond
        self.errorRate = errorRate
        self.latencyP50 = latencyP50
        self.latencyP95 = latencyP95
        self.latencyP99 = latencyP99
        self.inFlight = inFlight
        self.price = price
    }
}

/// A provider rolled up over its deployments.
public struct ProviderSnapshot: Sendable, Codable, Hashable, Identifiable {
    public var id: String { name }
    public var name: String
    public var kind: ProviderKind
    public var enabled: Bool
    /// Worst status among its deployments (disabled when the provider itself is).
    public var status: HealthStatus
    /// Share 0…1 of all gateway traffic it served over the recent window.
    public var trafficShare: Double
    public var requestsPerSecond: Double
    public var errorRate: Double
    /// Breakers of its deployments: how many are open or half-open.
    public var openBreakers: Int
    public var halfOpenBreakers: Int
    public var deploymentIDs: [String]

    public init(
        name: String, kind: ProviderKind, enabled: Bool, status: HealthStatus, trafficShare: Double,
        requestsPerSecond: Double, errorRate: Double, openBreakers: Int, halfOpenBreakers: Int, deploymentIDs: [String]
    ) {
        self.name = name
        self.kind = kind
        self.enabled = enabled
        self.status = status
        self.trafficShare = trafficShare
        self.requestsPerSecond = requestsPerSecond
        self.errorRate = errorRate
        self.openBreakers = openBreakers
        self.halfOpenBreakers = halfOpenBreakers
        self.deploymentIDs = deploymentIDs
    }
}

/// A public model group's traffic and latency.
public struct ModelSnapshot: Sendable, Codable, Hashable, Identifiable {
    public var id: String { name }
    public var name: String
    public var strategy: RoutingStrategyKind
    public var requestsPerSecond: Double
    public var errorRate: Double
    /// Milliseconds over the metrics window (5 min).
    public var latencyP50: Double
    public var latencyP95: Double
    public var latencyP99: Double
    public var ttftP50: Double
    /// Recent p50 latency in ms, oldest first, one point per series step (for sparklines).
    public var latencySeries: [Double]
    public var inputTokens: Int
    public var outputTokens: Int
    public var cost: Double
    public var fallbacks: [String]
    public var deploymentIDs: [String]

    public init(
        name: String, strategy: RoutingStrategyKind, requestsPerSecond: Double, errorRate: Double,
        latencyP50: Double, latencyP95: Double, latencyP99: Double, ttftP50: Double, latencySeries: [Double],
        inputTokens: Int, outputTokens: Int, cost: Double, fallbacks: [String], deploymentIDs: [String]
    ) {
        self.name = name
        self.strategy = strategy
        self.requestsPerSecond = requestsPerSecond
        self.errorRate = errorRate
        self.latencyP50 = latencyP50
        self.latencyP95 = latencyP95
        self.latencyP99 = latencyP99
        self.ttftP50 = ttftP50
        self.latencySeries = latencySeries
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cost = cost
        self.fallbacks = fallbacks
        self.deploymentIDs = deploymentIDs
    }
}

/// One error class across the gateway.
public struct ErrorClassSnapshot: Sendable, Codable, Hashable {
    public var errorClass: ErrorClass
    /// Errors per second over the recent window.
    public var perSecond: Double
    /// Errors per second, oldest first, one point per second (for sparklines).
    public var series: [Double]

    public init(errorClass: ErrorClass, perSecond: Double, series: [Double]) {
        self.errorClass = errorClass
        self.perSecond = perSecond
        self.series = series
    }
}

/// Spend against one budget.
public struct BudgetSnapshot: Sendable, Codable, Hashable {
    public var scope: BudgetScope
    public var period: BudgetPeriod
    public var limit: Double
    public var spent: Double
    /// Epoch seconds of the next reset (nil for `total`).
    public var resetsAt: Double?
    /// Dollars per hour at the recent rate (last 5 min).
    public var burnPerHour: Double
    /// Seconds until `spent` reaches `limit` at the recent burn; nil when not burning or already exhausted.
    public var secondsToExhaustion: Double?
    /// Dollars per hour averaged over the last 24 hours (or the time observed, when shorter).
    public var burnPerHour24h: Double
    /// Dollars held by requests in flight (estimates, released when they settle).
    public var reserved: Double
    /// For a key budget: the key's team, so the pane can list a team's keys.
    public var team: String?
    /// The model group requests are moved to when this budget is exhausted.
    public var downgradeTo: String?
    /// What the budget does with a request it cannot cover; nil reads as `refuse`.
    public var policy: BudgetPolicy?

    public init(
        scope: BudgetScope, period: BudgetPeriod, limit: Double, spent: Double, resetsAt: Double?,
        burnPerHour: Double, secondsToExhaustion: Double?, burnPerHour24h: Double = 0, reserved: Double = 0,
        team: String? = nil, downgradeTo: String? = nil, policy: BudgetPolicy? = nil
    ) {
        self.policy = policy
        self.burnPerHour24h = burnPerHour24h
        self.reserved = reserved
        self.team = team
        self.downgradeTo = downgradeTo
        self.scope = scope
        self.period = period
        self.limit = limit
        self.spent = spent
        self.resetsAt = resetsAt
        self.burnPerHour = burnPerHour
        self.secondsToExhaustion = secondsToExhaustion
    }

    /// Fraction of the limit spent (may exceed 1).
    public var fraction: Double { limit > 0 ? spent / limit : (spent > 0 ? 1 : 0) }
}

/// Something an operator should notice: fallbacks, breaker transitions, cooldowns, ejections, overrides.
public struct GatewayEvent: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        case fallback, breakerOpened, breakerHalfOpen, breakerClosed, cooldown, ejected, restored, override
    }
    public var sequence: Int
    public var time: Double
    public var kind: Kind
    public var model: String?
    /// Deployment (or model group for group fallbacks) traffic moved away from.
    public var from: String?
    public var to: String?
    /// Short cause: "429", "503", "timeout", "p95 3.1× median", "tui:alice".
    public var reason: String
    public var requestID: String?

    public init(
        sequence: Int, time: Double, kind: Kind, model: String?, from: String?, to: String?, reason: String,
        requestID: String? = nil
    ) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.model = model
        self.from = from
        self.to = to
        self.reason = reason
        self.requestID = requestID
    }
}

/// One attempt of a request against one deployment.
public struct AttemptRecord: Sendable, Codable, Hashable {
    public enum Decision: String, Sendable, Codable, Hashable {
        /// The attempt answered the request.
        case answered
        /// Retried the same deployment after backoff.
        case retrySame
        /// Moved to the next deployment of the same model group.
        case nextDeployment
        /// Moved to a fallback model group.
        case fallbackGroup
        /// Stopped: non-retryable, attempts exhausted or nothing left to try.
        case gaveUp
        /// Answered, but the answer failed a task model's checks: a stronger group was asked instead.
        case escalated

        /// The decision in words, as screens and tables show it.
        public var label: String {
            switch self {
            case .answered: "answered"
            case .retrySame: "retry same"
            case .nextDeployment: "next deployment"
            case .fallbackGroup: "fallback group"
            case .gaveUp: "gave up"
            case .escalated: "escalated"
            }
        }
    }
    public var index: Int
    public var deployment: String
    public var model: String
    /// Seconds after the request started.
    public var startOffset: Double
    public var latency: Double
    public var timeToFirstToken: Double?
    public var status: Int?
    public var errorClass: ErrorClass?
    public var retryAfter: Double?
    public var message: String
    public var decision: Decision
    /// Backoff slept after this attempt, seconds.
    public var backoff: Double
    public var inputTokens: Int
    public var outputTokens: Int
    public var cost: Double

    public init(
        index: Int, deployment: String, model: String, startOffset: Double, latency: Double,
        timeToFirstToken: Double?, status: Int?, errorClass: ErrorClass?, retryAfter: Double?, message: String,
        decision: Decision, backoff: Double, inputTokens: Int, outputTokens: Int, cost: Double
    ) {
        self.index = index
        self.deployment = deployment
        self.model = model
        self.startOffset = startOffset
        self.latency = latency
        self.timeToFirstToken = timeToFirstToken
        self.status = status
        self.errorClass = errorClass
        self.retryAfter = retryAfter
        self.message = message
        self.decision = decision
        self.backoff = backoff
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cost = cost
    }
}

/// A finished request with its attempts, as kept in the recent-requests ring.
public struct RequestRecord: Sendable, Codable, Hashable, Identifiable {
    public var id: String
    public var time: Double
    /// The model the client asked for.
    public var model: String
    /// Deployment that answered, if any.
    public var servedBy: String?
    public var key: String?
    public var team: String?
    public var status: Int
    /// Total seconds, first byte in to last byte out.
    public var latency: Double
    public var timeToFirstToken: Double?
    public var inputTokens: Int
    public var outputTokens: Int
    public var cost: Double
    public var stream: Bool
    /// Answered by a deployment of another model group, or after moving deployments.
    public var fellBack: Bool
    public var errorMessage: String?
    public var attempts: [AttemptRecord]
    /// How a request to a task-routed model was placed; nil for other requests.
    public var routedTask: RoutedTask?

    public init(
        id: String, time: Double, model: String, servedBy: String?, key: String?, team: String?, status: Int,
        latency: Double, timeToFirstToken: Double?, inputTokens: Int, outputTokens: Int, cost: Double, stream: Bool,
        fellBack: Bool, errorMessage: String?, attempts: [AttemptRecord], routedTask: RoutedTask? = nil
    ) {
        self.routedTask = routedTask
        self.id = id
        self.time = time
        self.model = model
        self.servedBy = servedBy
        self.key = key
        self.team = team
        self.status = status
        self.latency = latency
        self.timeToFirstToken = timeToFirstToken
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cost = cost
        self.stream = stream
        self.fellBack = fellBack
        self.errorMessage = errorMessage
        self.attempts = attempts
    }
}

/// Everything the dashboard draws, at one instant. Value type: cheap to hand across tasks and to encode.
public struct GatewaySnapshot: Sendable, Codable, Hashable {
    public var info: GatewayInfo
    public var time: Double
    public var totals: TotalsSnapshot
    public var providers: [ProviderSnapshot]
    public var deployments: [DeploymentSnapshot]
    public var models: [ModelSnapshot]
    public var errors: [ErrorClassSnapshot]
    public var budgets: [BudgetSnapshot]
    /// Spend rate and spenders (keys and teams).
    public var spend: SpendSnapshot
    /// Recent events, oldest first.
    public var events: [GatewayEvent]
    /// Recent requests, oldest first.
    public var requests: [RequestRecord]
    /// Recent audit records, oldest first.
    public var audit: [AuditRecord]
    /// Whether `undo` has something to revert.
    public var canUndo: Bool
    /// Task-routed models: each task's traffic, group, cost and escalations (nil from a gateway without any).
    public var routing: [TaskRoutingRow]?
    /// A fleet dashboard's replicas (nil from a single gateway).
    public var fleet: FleetSnapshot?
    /// A fleet replica's view of the shared database (nil when the gateway has none).
    public var sharedState: SharedStateHealth?

    public init(
        info: GatewayInfo, time: Double, totals: TotalsSnapshot, providers: [ProviderSnapshot],
        deployments: [DeploymentSnapshot], models: [ModelSnapshot], errors: [ErrorClassSnapshot],
        budgets: [BudgetSnapshot], events: [GatewayEvent], requests: [RequestRecord], audit: [AuditRecord],
        canUndo: Bool, spend: SpendSnapshot = SpendSnapshot()
    ) {
        self.spend = spend
        self.info = info
        self.time = time
        self.totals = totals
        self.providers = providers
        self.deployments = deployments
        self.models = models
        self.errors = errors
        self.budgets = budgets
        self.events = events
        self.requests = requests
        self.audit = audit
        self.canUndo = canUndo
    }
}

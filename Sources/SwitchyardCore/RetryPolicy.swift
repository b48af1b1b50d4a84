/// Retry and fallback as a pure function: after a failed attempt, what the request does next, from the failure
/// and where the request stands. The engine asks and carries the answer out; the policy does no I/O, reads no
/// clock and draws no random numbers (the jitter of a backoff is passed in), so it is tested from tables.
///
/// Moving on (`nextDeployment`) leaves *where* to the router: another deployment of the same group when one can
/// take traffic, else the next group of the fallback chain.
public struct RetryPolicy: Sendable, Hashable {
    /// Cap on attempts per request across deployments and fallback groups.
    public var maxAttempts: Int
    /// Extra attempts on the same deployment after a retryable failure.
    public var maxRetriesPerDeployment: Int
    /// First backoff in seconds; doubles per retry.
    public var backoffBase: Double
    /// Longest backoff in seconds; a 429 asking to wait longer moves on instead of retrying.
    public var backoffCap: Double
    /// Seconds a 429 without `retry-after` asks to wait.
    public var defaultCooldown: Double

    /// The policy the engine's configuration describes.
    public init(_ config: EngineConfig) {
        maxAttempts = config.maxAttempts
        maxRetriesPerDeployment = config.maxRetriesPerDeployment
        backoffBase = config.backoffBase
        backoffCap = config.backoffCap
        defaultCooldown = config.defaultCooldown
    }

    /// Where a request stands right after a failed attempt.
    public struct Standing: Sendable, Hashable {
        /// Attempts made so far, the failed one included.
        public var attempts: Int
        /// Retries already made on the deployment that just failed (0 after its first attempt).
        public var retries: Int
        /// Whether that deployment may still be called now that the failure is recorded (its breaker).
        public var deploymentAdmits: Bool
        /// Whether the client has gone away.
        public var clientGone: Bool

        public init(attempts: Int, retries: Int, deploymentAdmits: Bool = true, clientGone: Bool = false) {
            self.attempts = attempts
            self.retries = retries
            self.deploymentAdmits = deploymentAdmits
            self.clientGone = clientGone
        }
    }

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Hashable {
        /// Call the same deployment again after waiting at least `minimumWait` seconds (a 429's `retry-after`);
        /// `retry` numbers the retry (1 for the first), for the backoff.
        case retrySame(retry: Int, minimumWait: Double)
        /// Try another deployment, of this group or the next one in the chain.
        case nextDeployment
        /// Stop; the request ends with the error `Stop` names.
        case stop(Stop)
    }

    /// Why a request stops trying.
    public enum Stop: Sendable, Hashable {
        /// The client went away: nobody is waiting for another attempt.
        case clientGone
        /// The upstream rejected the request itself (a 400): any other deployment would too.
        case rejected
        /// `maxAttempts` are spent.
        case attemptsExhausted
    }

    /// The next step after `failure`.
    public func next(after failure: UpstreamFailure, _ standing: Standing) -> Decision {
        if standing.clientGone { return .stop(.clientGone) }
        guard failure.isRetryable else { return .stop(.rejected) }
        guard standing.attempts < maxAttempts else { return .stop(.attemptsExhausted) }
        let asked = failure.errorClass == .rateLimited ? (failure.retryAfter ?? defaultCooldown) : 0
        // A refused credential stays refused: asking the same deployment again only burns an attempt.
        guard failure.errorClass != .credential, standing.retries < maxRetriesPerDeployment,
              standing.deploymentAdmits, asked <= backoffCap else {
            return .nextDeployment
        }
        return .retrySame(retry: standing.retries + 1, minimumWait: asked)
    }

    /// Seconds to wait before retry number `retry`: exponential from `backoffBase`, capped at `backoffCap`, with
    /// "equal jitter" (half fixed, half `jitter` ∈ [0, 1) of it), and never less than `minimumWait`.
    public func backoff(retry: Int, minimumWait: Double = 0, jitter: Double) -> Double {
        max(minimumWait, EqualJitterBackoff.delay(retry: retry, base: backoffBase, cap: backoffCap, jitter: jitter))
    }
}

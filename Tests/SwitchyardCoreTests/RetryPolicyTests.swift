import Testing
@testable import SwitchyardCore

/// The retry and fallback policy from tables, without a transport: a failure and where the request stands in,
/// a decision out.
@Suite struct RetryPolicyTests {
    /// Defaults: 1 retry per deployment, 8 attempts, backoff 0.1 s doubling to a 2 s cap, 5 s cool-down.
    static let policy = RetryPolicy(EngineConfig())

    static func failure(_ errorClass: ErrorClass, status: Int? = nil, retryAfter: Double? = nil) -> UpstreamFailure {
        UpstreamFailure(errorClass: errorClass, status: status, retryAfter: retryAfter, message: "test")
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var failure: UpstreamFailure
        var standing: RetryPolicy.Standing
        var decision: RetryPolicy.Decision
        var why: String
        var testDescription: String { why }
    }

    static let rows: [Row] = [
        Row(failure: failure(.server, status: 503), standing: .init(attempts: 1, retries: 0),
            decision: .retrySame(retry: 1, minimumWait: 0), why: "a 503 is retried once on the same deployment"),
        Row(failure: failure(.server, status: 503), standing: .init(attempts: 2, retries: 1),
            decision: .nextDeployment, why: "the retry spent, it moves on"),
        Row(failure: failure(.timeout), standing: .init(attempts: 1, retries: 0),
            decision: .retrySame(retry: 1, minimumWait: 0), why: "a timeout is retried"),
        Row(failure: failure(.connect), standing: .init(attempts: 1, retries: 0, deploymentAdmits: false),
            decision: .nextDeployment, why: "an open breaker moves on at once"),
        Row(failure: failure(.rateLimited, status: 429, retryAfter: 1.5), standing: .init(attempts: 1, retries: 0),
            decision: .retrySame(retry: 1, minimumWait: 1.5), why: "a 429 within the cap waits its retry-after"),
        Row(failure: failure(.rateLimited, status: 429, retryAfter: 30), standing: .init(attempts: 1, retries: 0),
            decision: .nextDeployment, why: "a 429 asking longer than the cap moves on"),
        Row(failure: failure(.rateLimited, status: 429), standing: .init(attempts: 1, retries: 0),
            decision: .nextDeployment, why: "a 429 without retry-after waits the 5 s cool-down: over the cap"),
        Row(failure: failure(.credential, status: 401), standing: .init(attempts: 1, retries: 0),
            decision: .nextDeployment, why: "a refused credential moves on without retrying the same key"),
        Row(failure: failure(.credential, status: 403), standing: .init(attempts: 8, retries: 0),
            decision: .stop(.attemptsExhausted), why: "a refused credential still counts against the attempts"),
        Row(failure: failure(.other, status: 400), standing: .init(attempts: 1, retries: 0),
            decision: .stop(.rejected), why: "a 400 is the request's fault: stop"),
        Row(failure: failure(.server, status: 500), standing: .init(attempts: 8, retries: 0),
            decision: .stop(.attemptsExhausted), why: "8 attempts spent: stop"),
        Row(failure: failure(.server, status: 500), standing: .init(attempts: 1, retries: 0, clientGone: true),
            decision: .stop(.clientGone), why: "the client left: stop before anything else"),
        Row(failure: failure(.other, status: 400), standing: .init(attempts: 8, retries: 0, clientGone: true),
            decision: .stop(.clientGone), why: "the client leaving outranks every other stop"),
    ]

    @Test(arguments: rows)
    func decision(_ row: Row) {
        #expect(Self.policy.next(after: row.failure, row.standing) == row.decision, "\(row.why)")
    }

    @Test func moreRetriesPerDeploymentAreCountedUp() {
        var config = EngineConfig()
        config.maxRetriesPerDeployment = 3
        let policy = RetryPolicy(config)
        let f = Self.failure(.server, status: 502)
        let decisions = (0...3).map { policy.next(after: f, .init(attempts: $0 + 1, retries: $0)) }
        #expect(decisions == [.retrySame(retry: 1, minimumWait: 0), .retrySame(retry: 2, minimumWait: 0),
                              .retrySame(retry: 3, minimumWait: 0), .nextDeployment])
    }

    @Test(arguments: [
        // (retry, jitter, minimum wait, seconds): half fixed, half jittered; doubling; capped at 2 s.
        (1, 0.0, 0.0, 0.05), (1, 1.0, 0.0, 0.1), (2, 0.5, 0.0, 0.15), (3, 0.0, 0.0, 0.2), (5, 1.0, 0.0, 1.6),
        (6, 1.0, 0.0, 2.0), (40, 0.0, 0.0, 1.0), (1, 0.0, 1.5, 1.5), (1, -3.0, 0.0, 0.05), (1, 7.0, 0.0, 0.1),
    ])
    func backoff(retry: Int, jitter: Double, minimumWait: Double, seconds: Double) {
        let value = Self.policy.backoff(retry: retry, minimumWait: minimumWait, jitter: jitter)
        #expect(abs(value - seconds) < 1e-9, "retry \(retry) jitter \(jitter): \(value)")
    }
}

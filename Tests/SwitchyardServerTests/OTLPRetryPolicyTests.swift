@testable import SwitchyardControl
import Testing

/// The exporter's retry decisions as a pure function.
@Suite struct OTLPRetryPolicyTests {
    @Test(arguments: [
        (nil, OTLPRetryPolicy.Verdict.retry), (200, .delivered), (202, .delivered), (429, .retry), (502, .retry),
        (503, .retry), (504, .retry), (400, .drop), (401, .drop), (404, .drop), (413, .drop), (500, .drop),
    ] as [(Int?, OTLPRetryPolicy.Verdict)])
    func statusVerdicts(status: Int?, verdict: OTLPRetryPolicy.Verdict) {
        #expect(OTLPRetryPolicy.verdict(status: status) == verdict)
    }

    @Test(arguments: [
        // (retry, jitter, expected seconds) with initial 1 s, cap 30 s.
        (1, 1.0, 1.0), (1, 0.0, 0.5), (2, 1.0, 2.0), (3, 1.0, 4.0), (4, 0.5, 6.0), (5, 1.0, 16.0),
        (6, 1.0, 30.0), (40, 1.0, 30.0), (6, 0.0, 15.0), (0, 1.0, 1.0), (1, -3.0, 0.5), (1, .nan, 0.5),
    ] as [(Int, Double, Double)])
    func exponentialWithJitterAndCap(retry: Int, jitter: Double, expected: Double) {
        let policy = OTLPRetryPolicy(initialBackoff: 1, maxBackoff: 30, maxElapsed: 120)
        #expect(policy.delay(retry: retry, jitter: jitter) == expected)
    }

    @Test func retryAfterReplacesTheStepButNotTheCap() {
        let policy = OTLPRetryPolicy(initialBackoff: 1, maxBackoff: 10, maxElapsed: 60)
        #expect(policy.delay(retry: 1, jitter: 0.3, retryAfter: 7) == 7)
        #expect(policy.delay(retry: 1, jitter: 0.3, retryAfter: 120) == 10)
        #expect(policy.delay(retry: 2, jitter: 1, retryAfter: -1) == 2)
    }

    @Test(arguments: [(0.0, 1.0, true), (50.0, 10.0, true), (55.0, 10.0, false), (60.0, 0.0, true), (61.0, 0.0, false)])
    func theRetryBudgetBoundsTheTotal(elapsed: Double, next: Double, retry: Bool) {
        let policy = OTLPRetryPolicy(initialBackoff: 1, maxBackoff: 10, maxElapsed: 60)
        #expect(policy.shouldRetry(elapsed: elapsed, nextDelay: next) == retry)
    }
}

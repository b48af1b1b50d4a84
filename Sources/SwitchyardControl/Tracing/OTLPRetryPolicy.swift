import SwitchyardCore

/// When a failed export is tried again: exponential backoff with jitter, bounded per wait and in total, as the
/// OTLP specification asks of exporters. Pure: the random draw is an argument.
public struct OTLPRetryPolicy: Sendable, Hashable {
    /// Seconds before the first retry.
    public var initialBackoff: Double = 1
    /// Longest single wait, in seconds.
    public var maxBackoff: Double = 30
    /// Seconds after the first failure past which a batch is given up (its spans counted as dropped).
    public var maxElapsed: Double = 120

    public init(initialBackoff: Double = 1, maxBackoff: Double = 30, maxElapsed: Double = 120) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxElapsed = maxElapsed
    }

    /// What to do with a batch after an export answered `status` (nil: no answer: refused, reset, timed out).
    public enum Verdict: Sendable, Hashable {
        case delivered
        case retry
        /// The collector will never take it (a bad request, a wrong path, no permission): log and drop.
        case drop
    }

    /// The verdict on an HTTP status, as the OTLP/HTTP specification classes them.
    public static func verdict(status: Int?) -> Verdict {
        guard let status else { return .retry }
        switch status {
        case 200..<300: return .delivered
        case 429, 502, 503, 504: return .retry
        default: return .drop
        }
    }

    /// Seconds to wait before retry number `retry` (1 for the first), with `jitter` a uniform draw from 0..<1:
    /// the exponential step `initial·2^(retry-1)`, capped at `maxBackoff`, scaled into its upper half so waits
    /// spread out without collapsing to zero. A collector's `Retry-After` replaces the step (still capped).
    public func delay(retry: Int, jitter: Double, retryAfter: Double? = nil) -> Double {
        if let retryAfter, retryAfter.isFinite, retryAfter >= 0 { return min(retryAfter, maxBackoff) }
        // A draw that is not a finite number counts as 0 here.
        return EqualJitterBackoff.delay(retry: retry, base: initialBackoff, cap: maxBackoff,
                                        jitter: jitter.isFinite ? jitter : 0)
    }

    /// Whether to try again after `elapsed` seconds of failures, when the next wait is `nextDelay`.
    public func shouldRetry(elapsed: Double, nextDelay: Double) -> Bool {
        elapsed + nextDelay <= maxElapsed
    }
}

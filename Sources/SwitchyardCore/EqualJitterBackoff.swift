/// Exponential backoff with "equal jitter": the step `base·2^(retry-1)` capped at `cap`, half of it fixed and half
/// scaled by a random draw, so waits spread out without collapsing to zero. Pure: the draw is an argument.
public enum EqualJitterBackoff {
    /// Seconds to wait before retry number `retry` (1 for the first); `jitter` is a draw in 0...1 (others are
    /// clamped to it; a non-number counts as 0).
    public static func delay(retry: Int, base: Double, cap: Double, jitter: Double) -> Double {
        let step = min(cap, base * Double(1 << min(max(0, retry - 1), 30)))
        let unit = jitter.isNaN ? 0 : min(max(0, jitter), 1)
        return step / 2 + unit * step / 2
    }
}

import SwitchyardCore

/// One replica's part of the fleet's RPM/TPM limits: the live replicas, ordered by name, split each limit evenly,
/// the first `limit % count` of them taking one more, so the parts add up to the limit exactly.
public struct RateShare: Sendable, Hashable {
    /// This replica's place among the live replicas, from 0.
    public var index: Int
    /// How many replicas are live (at least 1).
    public var count: Int

    /// The whole of every limit: one process, or a replica alone.
    public static let whole = RateShare(index: 0, count: 1)

    /// A share; a count below 1 or an index outside `0..<count` is read as the whole.
    public init(index: Int, count: Int) {
        if count > 1, (0..<count).contains(index) {
            self.index = index
            self.count = count
        } else {
            self.index = 0
            self.count = 1
        }
    }

    /// This replica's part of `limits`.
    public func of(_ limits: RateLimits) -> RateLimits {
        guard count > 1 else { return limits }
        return RateLimits(rpm: limits.rpm.map(part), tpm: limits.tpm.map(part))
    }

    /// This replica's part of `limit`.
    public func part(_ limit: Int) -> Int {
        guard limit > 0 else { return limit }
        return limit / count + (index < limit % count ? 1 : 0)
    }
}

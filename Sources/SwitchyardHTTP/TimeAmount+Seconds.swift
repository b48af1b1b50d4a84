import NIOCore

extension TimeAmount {
    /// `seconds` (a configured or computed limit, possibly fractional) as a timer's amount: negative and NaN read
    /// as zero, and anything past a year as a year, so no conversion of an operator's number can trap.
    public static func duration(seconds: Double) -> TimeAmount {
        guard !seconds.isNaN else { return .zero }
        return .nanoseconds(Int64(min(max(0, seconds), 86_400 * 365) * 1e9))
    }
}

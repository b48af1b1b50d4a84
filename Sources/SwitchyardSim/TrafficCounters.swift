/// Running totals of a traffic generator.
public struct TrafficCounters: Sendable, Hashable {
    /// Requests handed to the handler.
    public var sent: Int = 0
    /// Requests whose response came back.
    public var completed: Int = 0
    /// Completed requests that got a non-200 status (not counting cancelled ones).
    public var failed: Int = 0
    /// Completed requests whose run was cancelled before they finished (shutdown).
    public var cancelled: Int = 0
    /// Arrivals not sent because too many requests were already in flight.
    public var dropped: Int = 0
    /// Requests sent and not yet completed.
    public var inFlight: Int = 0

    /// Creates zeroed counters.
    public init() {}

    /// Every arrival the Poisson process produced, sent or dropped.
    public var arrivals: Int { sent + dropped }
}

/// Which traces to list: a filter expression (model, status, key, team, latency, fallback …) and a time range,
/// newest first.
public struct TraceQuery: Sendable, Hashable {
    /// Terms every listed trace's record must match.
    public var filter: RequestFilter
    /// Epoch seconds; traces that started at or after it.
    public var since: Double?
    /// Epoch seconds; traces that started before it.
    public var until: Double?
    /// Most traces returned.
    public var limit: Int

    public init(filter: RequestFilter = RequestFilter(), since: Double? = nil, until: Double? = nil, limit: Int = 100) {
        self.filter = filter
        self.since = since
        self.until = until
        self.limit = limit
    }

    /// Whether `trace` is within the range and matches the filter (the limit aside).
    public func matches(_ trace: RequestTrace) -> Bool {
        let time = trace.record.time
        if let since, time < since { return false }
        if let until, time >= until { return false }
        return filter.matches(trace.record)
    }
}

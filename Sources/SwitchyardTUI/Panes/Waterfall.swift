import SwitchyardCore

/// A trace laid out for the waterfall: its spans in start order, each with its nesting depth, on a time axis from
/// the trace's start to its last span's end.
struct Waterfall {
    let trace: RequestTrace
    /// Nesting depth per span (the root is 0), in `trace.spans` order.
    let depths: [Int]
    /// Seconds the time axis spans: the root's duration, or the latest end when a span outlasts it.
    let total: Double

    init(_ trace: RequestTrace) {
        self.trace = trace
        var depthByID: [String: Int] = [:]
        var depths: [Int] = []
        for span in trace.spans {
            // A parent not (yet) seen, e.g. the client's span above the root, counts as the top.
            let depth = span.parentSpanID.flatMap { depthByID[$0] }.map { $0 + 1 } ?? 0
            depthByID[span.spanID] = depth
            depths.append(depth)
        }
        self.depths = depths
        total = max(trace.spans.map(\.end).max() ?? 0, trace.record.latency, 0)
    }

    var spans: [TraceSpan] { trace.spans }

    /// The cells `[from, to)` of a `width`-cell axis that `span` covers: at least one cell, inside the axis.
    func barCells(_ span: TraceSpan, width: Int) -> Range<Int> {
        guard width > 0 else { return 0..<0 }
        guard total > 0 else { return 0..<1 }
        let scale = Double(width) / total
        let from = min(width - 1, max(0, Int(saturating: (span.start * scale).rounded(.down))))
        let to = min(width, max(from + 1, Int(saturating: (span.end * scale).rounded(.up))))
        return from..<to
    }

    /// The span worth looking at first: the first failed step below the root, else the root.
    var firstInteresting: Int {
        spans.indices.first { $0 > 0 && spans[$0].status == .error } ?? 0
    }

    /// The colour role of a span's bar: attempts by outcome (answered, rate-limited, failed), waits in `warn`,
    /// other failed steps in `bad`.
    static func role(_ span: TraceSpan) -> Role {
        switch span.name {
        case .attempt:
            if span.status == .ok { return .ok }
            return isRateLimited(span) ? .warn : .bad
        case .backoff:
            return .warn
        case .request:
            return span.status == .error ? .bad : .accent
        default:
            return span.status == .error ? .bad : .chart1
        }
    }

    static func isRateLimited(_ span: TraceSpan) -> Bool {
        span[attribute: SpanKeys.status] == "429" || span[attribute: SpanKeys.errorClass] == ErrorClass.rateLimited.rawValue
    }
}

/// The span attribute names the waterfall picks out for its one-line summaries.
enum SpanKeys {
    static let deployment = "deployment"
    static let status = "http.status"
    static let errorClass = "error.class"
    static let reason = "reason"
    static let decision = "decision"
    /// Time to first token goes by a few names; the first one present is shown.
    static let ttft = ["ttft", "time_to_first_token", "ttft_seconds", "ttft.seconds"]

    /// The first of `keys` present on `span`.
    static func first(_ keys: [String], in span: TraceSpan) -> String? {
        keys.lazy.compactMap { span[attribute: $0] }.first
    }
}

/// A W3C Trace Context (`traceparent`): the trace a request belongs to and the span that sent it, so the
/// gateway's work joins the client's trace and the upstream call joins the gateway's.
public struct TraceContext: Sendable, Hashable, Codable {
    /// 32 lower-case hex digits, not all zero.
    public var traceID: String
    /// The caller's span (16 lower-case hex digits), when the client sent one.
    public var parentSpanID: String?
    /// The caller's sampled flag.
    public var sampled: Bool
    /// The caller's `tracestate` (vendor entries), passed on unchanged to the upstream calls and the exported
    /// spans; nil when it sent none or one that is not well-formed.
    public var traceState: String?

    public init(traceID: String, parentSpanID: String?, sampled: Bool, traceState: String? = nil) {
        self.traceID = traceID
        self.parentSpanID = parentSpanID
        self.sampled = sampled
        self.traceState = traceState
    }

    /// Parses a `traceparent` header with its `tracestate`; nil when the `traceparent` is not valid (the
    /// `tracestate` is then ignored, as the spec says).
    public init?(traceparent: String, tracestate: String?) {
        self.init(traceparent: traceparent)
        traceState = tracestate.flatMap(Self.validTraceState)
    }

    /// A `tracestate` worth passing on: at most 512 characters of printable ASCII with at most 32 entries, and
    /// not empty; nil otherwise (the spec lets a hop drop what it cannot vouch for).
    static func validTraceState(_ value: String) -> String? {
        let trimmed = String(value.trimmingSpaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 512,
              trimmed.utf8.allSatisfy({ (0x20...0x7E).contains($0) }),
              trimmed.split(separator: ",").count <= 32
        else { return nil }
        return trimmed
    }

    /// Parses a `traceparent` header (`00-<trace id>-<parent id>-<flags>`); nil when it is not a valid one, in
    /// which case the spec says to start a new trace. Later versions are read by their version-00 prefix.
    public init?(traceparent: String) {
        let parts = traceparent.trimmingSpaces.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].count == 2, Self.isHex(parts[0]), parts[0] != "ff",
              parts[0] != "00" || parts.count == 4,
              parts[1].count == 32, Self.isHex(parts[1]), !Self.isZero(parts[1]),
              parts[2].count == 16, Self.isHex(parts[2]), !Self.isZero(parts[2]),
              parts[3].count == 2, Self.isHex(parts[3]), let flags = UInt8(parts[3], radix: 16)
        else { return nil }
        self.init(traceID: String(parts[1]), parentSpanID: String(parts[2]), sampled: flags & 1 == 1)
    }

    /// A new trace (the client sent none), sampled.
    public static func new<G: RandomNumberGenerator>(using generator: inout G) -> TraceContext {
        var high: UInt64 = 0, low: UInt64 = 0
        while high == 0 && low == 0 { (high, low) = (generator.next(), generator.next()) }
        return TraceContext(traceID: hex(high, low), parentSpanID: nil, sampled: true)
    }

    /// A new trace from the system's generator.
    public static func new() -> TraceContext {
        var generator = SystemRandomNumberGenerator()
        return new(using: &generator)
    }

    /// A new span id (16 hex digits).
    public static func newSpanID() -> String {
        var generator = SystemRandomNumberGenerator()
        var id: UInt64 = 0
        while id == 0 { id = generator.next() }
        return hex(id)
    }

    /// The `traceparent` header for a child span `spanID` of this trace.
    public func traceparent(spanID: String) -> String {
        "00-\(traceID)-\(spanID)-\(sampled ? "01" : "00")"
    }

    private static func isHex(_ s: Substring) -> Bool {
        s.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func isZero(_ s: Substring) -> Bool { s.utf8.allSatisfy { $0 == 48 } }

    private static func hex(_ words: UInt64...) -> String {
        words.map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}

private extension String {
    /// The value without the optional whitespace HTTP allows around it.
    var trimmingSpaces: Substring {
        var s = self[...]
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}

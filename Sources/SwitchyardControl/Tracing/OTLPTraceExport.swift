/// An OTLP/JSON `ExportTraceServiceRequest` (opentelemetry-proto, JSON mapping): what `/v1/traces?format=otlp`
/// answers and what Jaeger and Tempo import. Field names and value encodings follow the spec: ids in hex, times
/// in nanoseconds as decimal strings, enums as numbers, 64-bit integers as strings.
public struct OTLPTraceExport: Sendable, Codable, Hashable {
    /// One resource (the gateway) with its spans.
    public var resourceSpans: [ResourceSpans]

    /// An export of `resourceSpans`.
    public init(resourceSpans: [ResourceSpans]) {
        self.resourceSpans = resourceSpans
    }

    /// The spans of one resource.
    public struct ResourceSpans: Sendable, Codable, Hashable {
        /// The gateway as a resource.
        public var resource: Resource
        /// Its spans, by instrumentation scope.
        public var scopeSpans: [ScopeSpans]
    }

    /// Who emitted the spans: `service.name` and friends.
    public struct Resource: Sendable, Codable, Hashable {
        /// Resource attributes (`service.name`).
        public var attributes: [KeyValue]
    }

    /// The spans of one instrumentation scope.
    public struct ScopeSpans: Sendable, Codable, Hashable {
        /// Switchyard as the instrumentation scope.
        public var scope: Scope
        /// The spans, trace by trace in order.
        public var spans: [Span]
    }

    /// The instrumentation scope: Switchyard itself.
    public struct Scope: Sendable, Codable, Hashable {
        /// "switchyard".
        public var name: String
        /// The gateway version, when known.
        public var version: String?
    }

    /// One span.
    public struct Span: Sendable, Codable, Hashable {
        /// 32 lower-case hex digits.
        public var traceId: String
        /// 16 lower-case hex digits.
        public var spanId: String
        /// The client's `tracestate`, carried on; nil when it sent none.
        public var traceState: String?
        /// The enclosing span; nil (left out of the JSON) for a root without a remote parent.
        public var parentSpanId: String?
        /// The span's name: `{operation} {model}` (`chat gpt-4o`) for the request and its attempts, the step
        /// (`route`, `auth` …) for the rest.
        public var name: String
        /// `SpanKind`: 1 internal, 2 server, 3 client.
        public var kind: Int
        /// Nanoseconds since the epoch, as a decimal string.
        public var startTimeUnixNano: String
        /// Nanoseconds since the epoch, as a decimal string.
        public var endTimeUnixNano: String
        /// The span's details, typed.
        public var attributes: [KeyValue]
        /// A route span's candidates; nil for other spans.
        public var events: [Event]?
        /// How the span ended.
        public var status: Status
    }

    /// A point in time on a span, with attributes (a routing candidate, here).
    public struct Event: Sendable, Codable, Hashable {
        /// Nanoseconds since the epoch, as a decimal string.
        public var timeUnixNano: String
        /// "route.candidate".
        public var name: String
        /// The candidate's details.
        public var attributes: [KeyValue]
    }

    /// `Status`: code 1 ok, 2 error, with an optional message.
    public struct Status: Sendable, Codable, Hashable {
        /// 1 ok, 2 error.
        public var code: Int
        /// Why the span failed, when it did.
        public var message: String?
    }

    /// An attribute.
    public struct KeyValue: Sendable, Codable, Hashable {
        /// The attribute's name.
        public var key: String
        /// The attribute's typed value.
        public var value: AnyValue

        /// `key` = `value`.
        public init(_ key: String, _ value: AnyValue) {
            self.key = key
            self.value = value
        }
    }

    /// An attribute's value: one of string, 64-bit integer (a decimal string in JSON), double or bool.
    public enum AnyValue: Sendable, Codable, Hashable {
        case string(String)
        case int(Int64)
        case double(Double)
        case bool(Bool)

        private enum CodingKeys: String, CodingKey {
            case stringValue, intValue, doubleValue, boolValue
        }

        /// Reads whichever of the four value fields is present.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let s = try c.decodeIfPresent(String.self, forKey: .stringValue) {
                self = .string(s)
            } else if let i = try c.decodeIfPresent(String.self, forKey: .intValue), let n = Int64(i) {
                self = .int(n)
            } else if let d = try c.decodeIfPresent(Double.self, forKey: .doubleValue) {
                self = .double(d)
            } else {
                self = .bool(try c.decode(Bool.self, forKey: .boolValue))
            }
        }

        /// Writes the one value field of the case.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .string(let s): try c.encode(s, forKey: .stringValue)
            case .int(let i): try c.encode(String(i), forKey: .intValue)
            case .double(let d): try c.encode(d, forKey: .doubleValue)
            case .bool(let b): try c.encode(b, forKey: .boolValue)
            }
        }
    }
}

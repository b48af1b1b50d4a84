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
        public var resource: Resource
        public var scopeSpans: [ScopeSpans]
    }

    /// Who emitted the spans: `service.name` and friends.
    public struct Resource: Sendable, Codable, Hashable {
        public var attributes: [KeyValue]
    }

    /// The spans of one instrumentation scope.
    public struct ScopeSpans: Sendable, Codable, Hashable {
        public var scope: Scope
        public var spans: [Span]
    }

    /// The instrumentation scope: Switchyard itself.
    public struct Scope: Sendable, Codable, Hashable {
        public var name: String
        public var version: String?
    }

    /// One span.
    public struct Span: Sendable, Codable, Hashable {
        public var traceId: String
        public var spanId: String
        /// Empty for a root without a remote parent (omitted from the JSON).
        public var parentSpanId: String?
        public var name: String
        /// `SpanKind`: 1 internal, 2 server, 3 client.
        public var kind: Int
        public var startTimeUnixNano: String
        public var endTimeUnixNano: String
        public var attributes: [KeyValue]
        public var events: [Event]?
        public var status: Status
    }

    /// A point in time on a span, with attributes (a routing candidate, here).
    public struct Event: Sendable, Codable, Hashable {
        public var timeUnixNano: String
        public var name: String
        public var attributes: [KeyValue]
    }

    /// `Status`: code 1 ok, 2 error, with an optional message.
    public struct Status: Sendable, Codable, Hashable {
        public var code: Int
        public var message: String?
    }

    /// An attribute.
    public struct KeyValue: Sendable, Codable, Hashable {
        public var key: String
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

/// One message of AWS's `application/vnd.amazon.eventstream` framing: typed headers and a payload.
///
/// On the wire: total length (4 bytes), headers length (4), CRC-32 of those eight bytes, the headers (name length
/// (1), name, value type (1), value), the payload, and a CRC-32 of everything before it. Integers are big-endian.
public struct EventStreamMessage: Hashable, Sendable {
    /// A header's value; Bedrock's own headers are strings, the rest are kept for completeness.
    public enum HeaderValue: Hashable, Sendable {
        case bool(Bool)
        case byte(Int8)
        case short(Int16)
        case integer(Int32)
        case long(Int64)
        case bytes([UInt8])
        case string(String)
        /// Milliseconds since 1970.
        case timestamp(Int64)
        case uuid([UInt8])
    }

    /// The headers in the order they came.
    public var headers: [(name: String, value: HeaderValue)]
    /// The payload (JSON for Bedrock).
    public var payload: [UInt8]

    /// Creates a message from its headers and payload.
    public init(headers: [(name: String, value: HeaderValue)], payload: [UInt8]) {
        self.headers = headers
        self.payload = payload
    }

    /// The first string header named `name`.
    public func string(_ name: String) -> String? {
        for header in headers where header.name == name {
            if case .string(let value) = header.value { return value }
        }
        return nil
    }

    /// `:message-type`: `event`, `exception` or `error`.
    public var messageType: String? { string(":message-type") }

    /// `:event-type` of an event, `:exception-type` of an exception, `:error-code` of an error.
    public var kind: String? {
        switch messageType {
        case "exception": string(":exception-type")
        case "error": string(":error-code")
        default: string(":event-type")
        }
    }

    public static func == (lhs: EventStreamMessage, rhs: EventStreamMessage) -> Bool {
        lhs.payload == rhs.payload && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(payload)
        for header in headers {
            hasher.combine(header.name)
            hasher.combine(header.value)
        }
    }
}

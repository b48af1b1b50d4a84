/// OpenAI `finish_reason`; open-ended so unknown reasons still decode.
public struct FinishReason: RawRepresentable, Codable, WireDecodable, WireEncodable, Hashable, Sendable, ExpressibleByStringLiteral {
    /// The wire string.
    public var rawValue: String
    /// Wraps a wire string.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }
    /// Reads the JSON string.
    public init(wire json: JSONValue) throws { rawValue = try String(wire: json) }
    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.string(rawValue)
    }

    /// `stop`.
    public static let stop: FinishReason = "stop"
    /// `length`.
    public static let length: FinishReason = "length"
    /// `tool_calls`.
    public static let toolCalls: FinishReason = "tool_calls"
    /// `content_filter`.
    public static let contentFilter: FinishReason = "content_filter"
}

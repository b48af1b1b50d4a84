/// OpenAI `finish_reason`; open-ended so unknown reasons still decode.
public struct FinishReason: RawRepresentable, Codable, WireDecodable, WireEncodable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }
    /// Reads the JSON string.
    public init(wire json: JSONValue) throws { rawValue = try String(wire: json) }
    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.string(rawValue)
    }

    public static let stop: FinishReason = "stop"
    public static let length: FinishReason = "length"
    public static let toolCalls: FinishReason = "tool_calls"
    public static let contentFilter: FinishReason = "content_filter"
}

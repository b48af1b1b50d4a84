/// OpenAI `finish_reason`; open-ended so unknown reasons still decode.
public struct FinishReason: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public static let stop: FinishReason = "stop"
    public static let length: FinishReason = "length"
    public static let toolCalls: FinishReason = "tool_calls"
    public static let contentFilter: FinishReason = "content_filter"
}

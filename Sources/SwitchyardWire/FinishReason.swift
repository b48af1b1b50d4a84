import SwitchyardJSON
/// OpenAI `finish_reason`; open-ended so unknown reasons still decode.
public struct FinishReason: WireString {
    /// The wire string.
    public var rawValue: String
    /// Wraps a wire string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `stop`.
    public static let stop: FinishReason = "stop"
    /// `length`.
    public static let length: FinishReason = "length"
    /// `tool_calls`.
    public static let toolCalls: FinishReason = "tool_calls"
    /// `content_filter`.
    public static let contentFilter: FinishReason = "content_filter"
}

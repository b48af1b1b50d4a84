/// One server-sent event: the `event:` name, the `data:` lines joined with newlines, and `id:` / `retry:`.
public struct SSEEvent: Hashable, Sendable {
    /// The `event:` field; nil means the default `message` event (what OpenAI streams use).
    public var event: String?
    /// The `data` member.
    public var data: String
    /// The `id` member.
    public var id: String?
    /// Reconnection time in milliseconds.
    public var retry: Int?

    /// Creates a value from its members.
    public init(event: String? = nil, data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }

    /// Whether this is OpenAI's `data: [DONE]` terminator.
    public var isDone: Bool { data == "[DONE]" }
}

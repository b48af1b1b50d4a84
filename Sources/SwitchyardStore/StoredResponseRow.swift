/// One response kept for chaining with `previous_response_id`: who made it, until when it is kept, the
/// conversation a request continuing it starts from, and the response object as answered. The JSON is opaque here.
public struct StoredResponseRow: Sendable, Hashable {
    /// `resp_…`.
    public var id: String
    /// The virtual key that made it (empty when the gateway runs without keys): only that key may continue it.
    public var key: String
    /// Epoch seconds.
    public var createdAt: Double
    /// Epoch seconds after which it is gone.
    public var expiresAt: Double
    /// The conversation up to and including the response's output, as a JSON array of input items.
    public var history: String
    /// The response object.
    public var response: String

    /// Creates a value from its members.
    public init(id: String, key: String, createdAt: Double, expiresAt: Double, history: String, response: String) {
        self.id = id
        self.key = key
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.history = history
        self.response = response
    }
}

/// The `responses:` section: whether the gateway keeps Responses API answers so that a later request can continue
/// one with `previous_response_id`, and for how long.
public struct ResponsesConfig: Sendable, Hashable {
    /// Keep responses (off by default: a gateway that stores nothing keeps no conversation text).
    public var store = false
    /// Seconds a kept response can be continued or retrieved (default 30 days, as OpenAI keeps them).
    public var retention: Double = 30 * 86_400

    /// The defaults: nothing kept.
    public init(store: Bool = false, retention: Double = 30 * 86_400) {
        self.store = store
        self.retention = retention
    }

    /// The longest retention accepted: ten years.
    public static let maxRetention: Double = 3_650 * 86_400
}

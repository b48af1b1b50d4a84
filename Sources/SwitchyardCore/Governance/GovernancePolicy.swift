/// Whether requests must carry a virtual key.
public enum AuthMode: String, Sendable, Codable, CaseIterable, Hashable {
    /// Every request needs a valid virtual key (the default).
    case keys
    /// No key needed (local use); a known key sent anyway is still attributed and enforced.
    case open
}

/// Gateway-wide governance settings from the config's `governance:` section.
public struct GovernancePolicy: Sendable, Codable, Hashable {
    public var auth: AuthMode
    /// IANA time zone in which daily, weekly and monthly budgets reset (e.g. "Europe/Berlin").
    public var timeZone: String
    /// Completion tokens reserved for a request that sends no `max_tokens`.
    public var defaultMaxTokens: Int

    public init(auth: AuthMode = .keys, timeZone: String = "UTC", defaultMaxTokens: Int = 4096) {
        self.auth = auth
        self.timeZone = timeZone
        self.defaultMaxTokens = defaultMaxTokens
    }
}

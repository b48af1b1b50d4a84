/// Requests-per-minute and tokens-per-minute ceilings; nil means "no limit at this level".
public struct RateLimits: Sendable, Codable, Hashable {
    public var rpm: Int?
    public var tpm: Int?

    public init(rpm: Int? = nil, tpm: Int? = nil) {
        self.rpm = rpm
        self.tpm = tpm
    }
}

/// A virtual key as stored: never the secret, only its SHA-256 and a display prefix.
public struct VirtualKeyRecord: Sendable, Codable, Hashable {
    /// Unique name operators and reports use, e.g. "team-a/ci".
    public var name: String
    /// Lower-case hex SHA-256 of the secret.
    public var hash: String
    /// The secret's first characters, for recognising it in lists ("sk-sy-3fA9").
    public var prefix: String
    /// The team the key belongs to, if any.
    public var team: String?
    /// Model groups this key may call; nil means every model its team allows.
    public var models: [String]?
    public var limits: RateLimits
    /// Epoch seconds after which the key is refused.
    public var expiresAt: Double?
    /// Epoch seconds at which the key was revoked.
    public var revokedAt: Double?
    public var createdAt: Double
    /// Free-form labels (owner, purpose, ticket).
    public var metadata: [String: String]

    public init(
        name: String, hash: String, prefix: String, team: String? = nil, models: [String]? = nil,
        limits: RateLimits = RateLimits(), expiresAt: Double? = nil, revokedAt: Double? = nil, createdAt: Double,
        metadata: [String: String] = [:]
    ) {
        self.name = name
        self.hash = hash
        self.prefix = prefix
        self.team = team
        self.models = models
        self.limits = limits
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.createdAt = createdAt
        self.metadata = metadata
    }
}

/// A team: the keys naming it share its model permissions, rate limits and budgets.
public struct TeamSpec: Sendable, Codable, Hashable {
    public var name: String
    /// Model groups the team's keys may call; nil means every model.
    public var models: [String]?
    public var limits: RateLimits
    public var metadata: [String: String]

    public init(name: String, models: [String]? = nil, limits: RateLimits = RateLimits(), metadata: [String: String] = [:]) {
        self.name = name
        self.models = models
        self.limits = limits
        self.metadata = metadata
    }
}

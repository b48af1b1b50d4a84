import SwitchyardCore

/// Whether a virtual key is accepted now.
public enum KeyState: String, Sendable, Codable, Hashable {
    case active, revoked, expired
}

/// A virtual key as the control API shows it: everything but the hash (and never the secret).
public struct KeyInfo: Sendable, Codable, Hashable {
    public var name: String
    /// The secret's first characters, for recognising it ("sk-sy-3fA9").
    public var prefix: String
    public var team: String?
    /// Model groups the key may call; nil means every model its team allows.
    public var models: [String]?
    public var rpm: Int?
    public var tpm: Int?
    /// Epoch seconds.
    public var expiresAt: Double?
    /// Epoch seconds.
    public var revokedAt: Double?
    /// Epoch seconds.
    public var createdAt: Double
    public var metadata: [String: String]
    /// The budgets scoped to this key.
    public var budgets: [BudgetSnapshot]
    /// Dollars over the last 24 hours.
    public var spent24h: Double
    public var state: KeyState

    /// The view of `record` at `now`, with its budgets and recent spend.
    public init(_ record: VirtualKeyRecord, budgets: [BudgetSnapshot], spent24h: Double, now: Double) {
        name = record.name
        prefix = record.prefix
        team = record.team
        models = record.models
        rpm = record.limits.rpm
        tpm = record.limits.tpm
        expiresAt = record.expiresAt
        revokedAt = record.revokedAt
        createdAt = record.createdAt
        metadata = record.metadata
        self.budgets = budgets
        self.spent24h = spent24h
        if record.revokedAt != nil {
            state = .revoked
        } else if let expiry = record.expiresAt, expiry <= now {
            state = .expired
        } else {
            state = .active
        }
    }
}

/// The answer to creating a key: the only time its secret is ever sent.
public struct CreatedKey: Sendable, Codable, Hashable {
    public var key: KeyInfo
    /// The full secret ("sk-sy-…"); only its hash is stored.
    public var secret: String

    /// A created key with its secret.
    public init(key: KeyInfo, secret: String) {
        self.key = key
        self.secret = secret
    }
}

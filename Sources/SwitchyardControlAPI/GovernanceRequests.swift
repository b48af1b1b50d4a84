/// `POST /v1/keys`: a key to create; the gateway generates its secret.
public struct KeyCreateRequest: Sendable, Codable, Hashable {
    public var name: String
    public var team: String?
    public var models: [String]?
    public var rpm: Int?
    public var tpm: Int?
    /// A budget scoped to the new key.
    public var budget: KeyBudgetRequest?
    /// When the key stops working; at most one of this and `expiresInSeconds`.
    public var expiresAt: TimeValue?
    public var expiresInSeconds: Double?
    public var metadata: [String: String]?

    /// A request for a key named `name`.
    public init(
        name: String, team: String? = nil, models: [String]? = nil, rpm: Int? = nil, tpm: Int? = nil,
        budget: KeyBudgetRequest? = nil, expiresAt: TimeValue? = nil, expiresInSeconds: Double? = nil,
        metadata: [String: String]? = nil
    ) {
        self.name = name
        self.team = team
        self.models = models
        self.rpm = rpm
        self.tpm = tpm
        self.budget = budget
        self.expiresAt = expiresAt
        self.expiresInSeconds = expiresInSeconds
        self.metadata = metadata
    }
}

/// The budget part of `KeyCreateRequest`: `{limit, period, downgrade_to?, policy?}`.
public struct KeyBudgetRequest: Sendable, Codable, Hashable {
    public var limit: Double
    /// daily, weekly, monthly or total.
    public var period: String
    public var downgradeTo: String?
    /// refuse (the default) or clamp.
    public var policy: String?

    /// A budget of `limit` dollars per `period`.
    public init(limit: Double, period: String, downgradeTo: String? = nil, policy: String? = nil) {
        self.limit = limit
        self.period = period
        self.downgradeTo = downgradeTo
        self.policy = policy
    }
}

/// `POST /v1/teams`: a team to create or replace.
public struct TeamRequest: Sendable, Codable, Hashable {
    public var name: String
    public var models: [String]?
    public var rpm: Int?
    public var tpm: Int?
    public var metadata: [String: String]?

    /// A team named `name`.
    public init(name: String, models: [String]? = nil, rpm: Int? = nil, tpm: Int? = nil, metadata: [String: String]? = nil) {
        self.name = name
        self.models = models
        self.rpm = rpm
        self.tpm = tpm
        self.metadata = metadata
    }
}

/// `PUT /v1/budgets` (with a limit) and `DELETE /v1/budgets` (without): a budget by scope and period.
public struct BudgetRequest: Sendable, Codable, Hashable {
    /// global, team, key or model.
    public var scope: String
    /// The team, key or model; absent for global.
    public var name: String?
    /// Dollars; required to set, ignored to delete.
    public var limit: Double?
    /// daily, weekly, monthly or total.
    public var period: String
    public var downgradeTo: String?
    /// refuse (the default) or clamp.
    public var policy: String?

    /// A budget on `scope` (and `name`) over `period`.
    public init(
        scope: String, name: String? = nil, limit: Double? = nil, period: String, downgradeTo: String? = nil,
        policy: String? = nil
    ) {
        self.scope = scope
        self.name = name
        self.limit = limit
        self.period = period
        self.downgradeTo = downgradeTo
        self.policy = policy
    }
}

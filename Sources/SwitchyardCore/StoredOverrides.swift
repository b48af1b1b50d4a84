/// Operator overrides by name, as kept on disk between runs: only what differs from the catalog.
public struct StoredOverrides: Sendable, Codable, Hashable {
    /// Providers an operator disabled.
    public var disabledProviders: [String]
    /// Deployment ids an operator disabled.
    public var disabledDeployments: [String]
    /// Deployment ids drained by a failover.
    public var drainingDeployments: [String]
    /// Deployment ids whose weight differs from the configured one.
    public var weights: [String: Double]

    /// Creates a set of overrides; the default is none.
    public init(
        disabledProviders: [String] = [], disabledDeployments: [String] = [], drainingDeployments: [String] = [],
        weights: [String: Double] = [:]
    ) {
        self.disabledProviders = disabledProviders
        self.disabledDeployments = disabledDeployments
        self.drainingDeployments = drainingDeployments
        self.weights = weights
    }

    /// True when nothing is overridden.
    public var isEmpty: Bool {
        disabledProviders.isEmpty && disabledDeployments.isEmpty && drainingDeployments.isEmpty && weights.isEmpty
    }
}

/// A successful operator command as the engine hands it out: the audit record and the overrides after it.
public struct ControlChange: Sendable, Hashable {
    /// The audit record the command wrote.
    public var record: AuditRecord
    /// Every override in force right after the command.
    public var overrides: StoredOverrides

    /// Creates a change notification.
    public init(record: AuditRecord, overrides: StoredOverrides) {
        self.record = record
        self.overrides = overrides
    }
}

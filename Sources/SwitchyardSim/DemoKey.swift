/// A virtual key in the demo: who sends traffic, how much, and to which models.
public struct DemoKey: Sendable, Hashable {
    /// Key name as the gateway reports it, e.g. "team-a/ci".
    public var name: String
    /// Team the key belongs to, e.g. "team-a".
    public var team: String
    /// Relative share of demo traffic this key sends.
    public var trafficWeight: Double
    /// Models the key asks for, with relative weights.
    public var models: [ModelPreference]

    /// Creates a demo key.
    public init(name: String, team: String, trafficWeight: Double, models: [ModelPreference]) {
        self.name = name
        self.team = team
        self.trafficWeight = trafficWeight
        self.models = models
    }
}

/// A model a demo key asks for, and how often relative to its other models.
public struct ModelPreference: Sendable, Hashable {
    /// Public model name.
    public var model: String
    /// Relative weight among the key's models.
    public var weight: Double

    /// Creates a preference.
    public init(_ model: String, weight: Double) {
        self.model = model
        self.weight = weight
    }
}

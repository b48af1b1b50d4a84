/// `{"deployment":"gpt-4o/openai"}`.
public struct DeploymentBody: Codable, Sendable, Hashable {
    public var deployment: String

    public init(deployment: String) { self.deployment = deployment }
}

/// `{"deployment":"gpt-4o/openai","weight":5}`.
public struct WeightBody: Codable, Sendable, Hashable {
    public var deployment: String
    public var weight: Double

    public init(deployment: String, weight: Double) {
        self.deployment = deployment
        self.weight = weight
    }
}

/// `{"from":"gpt-4o/openai"}`: a deployment id or a provider name.
public struct FailoverBody: Codable, Sendable, Hashable {
    public var from: String

    public init(from: String) { self.from = from }
}

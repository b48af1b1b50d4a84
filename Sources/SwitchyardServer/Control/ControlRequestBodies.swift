/// `{"deployment":"gpt-4o/openai"}`.
struct DeploymentBody: Decodable {
    var deployment: String
}

/// `{"deployment":"gpt-4o/openai","weight":5}`.
struct WeightBody: Decodable {
    var deployment: String
    var weight: Double
}

/// `{"from":"gpt-4o/openai"}`: a deployment id or a provider name.
struct FailoverBody: Decodable {
    var from: String
}

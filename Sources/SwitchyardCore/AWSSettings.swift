/// Where a Bedrock provider lives and which environment variables hold its AWS credentials.
public struct AWSSettings: Sendable, Codable, Hashable {
    /// The AWS region (`us-east-1`), from `region:` or the environment at load.
    public var region: String
    /// The variable holding the access key id.
    public var accessKeyIDEnv: String
    /// The variable holding the secret access key.
    public var secretAccessKeyEnv: String
    /// The variable holding the session token of temporary credentials (optional when unset).
    public var sessionTokenEnv: String

    public init(
        region: String, accessKeyIDEnv: String = AWSSettings.standardAccessKeyIDEnv,
        secretAccessKeyEnv: String = AWSSettings.standardSecretAccessKeyEnv,
        sessionTokenEnv: String = AWSSettings.standardSessionTokenEnv
    ) {
        self.region = region
        self.accessKeyIDEnv = accessKeyIDEnv
        self.secretAccessKeyEnv = secretAccessKeyEnv
        self.sessionTokenEnv = sessionTokenEnv
    }

    /// Bedrock Runtime's endpoint in the region.
    public var defaultBaseURL: String { "https://bedrock-runtime.\(region).amazonaws.com" }

    /// The variables the AWS SDKs and CLI read.
    public static let standardAccessKeyIDEnv = "AWS_ACCESS_KEY_ID"
    public static let standardSecretAccessKeyEnv = "AWS_SECRET_ACCESS_KEY"
    public static let standardSessionTokenEnv = "AWS_SESSION_TOKEN"
}

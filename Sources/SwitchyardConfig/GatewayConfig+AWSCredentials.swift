import SwitchyardCore
import SwitchyardWire

extension GatewayConfig {
    /// The AWS credentials of each Bedrock provider, read from the variables its settings name, with a problem
    /// for each provider that will be called unsigned. Read again on every reload, as API keys are.
    public func awsCredentials(environment: [String: String]) -> (credentials: [String: AWSCredentials], problems: [String]) {
        var credentials: [String: AWSCredentials] = [:]
        var problems: [String] = []
        for provider in providers {
            guard let aws = provider.spec.aws else { continue }
            let id = environment[aws.accessKeyIDEnv].flatMap { $0.isEmpty ? nil : $0 }
            let secret = environment[aws.secretAccessKeyEnv].flatMap { $0.isEmpty ? nil : $0 }
            guard let id, let secret else {
                let missing = [id == nil ? aws.accessKeyIDEnv : nil, secret == nil ? aws.secretAccessKeyEnv : nil]
                    .compactMap { $0 }.joined(separator: " and ")
                let verb = id == nil && secret == nil ? "are" : "is"
                problems.append("\(missing) \(verb) not set; provider \(provider.spec.name) will be called unsigned")
                continue
            }
            let token = environment[aws.sessionTokenEnv].flatMap { $0.isEmpty ? nil : $0 }
            credentials[provider.spec.name] = AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: token)
        }
        return (credentials, problems)
    }
}

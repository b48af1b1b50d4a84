import SwitchyardCore
import Yams

/// A Bedrock provider's fields: its region and the variables holding its AWS credentials.
extension GatewayConfigReader {
    static let awsFields = ["region", "aws_access_key_id_env", "aws_secret_access_key_env", "aws_session_token_env"]

    /// The AWS settings of a `bedrock` provider: `region:`, else `AWS_REGION`, else `AWS_DEFAULT_REGION` (nil,
    /// with an error, when none names one). Other kinds may not use these fields, nor may a Bedrock provider
    /// take an API key.
    static func readAWS(
        _ node: Node, _ map: [String: Node], _ path: String, kind: ProviderKind, environment: [String: String],
        walker w: inout YAMLWalker
    ) -> AWSSettings? {
        guard kind == .bedrock else {
            for field in awsFields {
                if let n = map[field] { w.error(n, w.join(path, field), "only a bedrock provider takes \(field)") }
            }
            return nil
        }
        for field in ["api_key_env", "api_key_file"] {
            if let n = map[field] {
                w.error(n, w.join(path, field),
                        "a bedrock provider signs with AWS credentials, not an API key: name their variables with "
                            + "aws_access_key_id_env, aws_secret_access_key_env and aws_session_token_env")
            }
        }
        var region: String?
        if let n = map["region"], let text = w.string(n, w.join(path, "region")) {
            if isRegion(text) {
                region = text
            } else {
                w.error(n, w.join(path, "region"), "expected an AWS region such as us-east-1, got '\(text)'")
                return nil
            }
        } else if map["region"] == nil {
            for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
                if let value = environment[name], !value.isEmpty {
                    guard isRegion(value) else {
                        w.error(node, w.join(path, "region"), "\(name) is '\(value)', not an AWS region such as us-east-1")
                        return nil
                    }
                    region = value
                    break
                }
            }
            if region == nil {
                w.error(node, w.join(path, "region"),
                        "missing: a bedrock provider needs its region (region: us-east-1, or AWS_REGION in the environment)")
            }
        }
        guard let region else { return nil }
        var settings = AWSSettings(region: region)
        func variable(_ field: String) -> String? {
            guard let n = map[field], let name = w.string(n, w.join(path, field)) else { return nil }
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                w.error(n, w.join(path, field), "expected an environment variable name (the secret itself never goes in the file)")
                return nil
            }
            return name
        }
        if let name = variable("aws_access_key_id_env") { settings.accessKeyIDEnv = name }
        if let name = variable("aws_secret_access_key_env") { settings.secretAccessKeyEnv = name }
        if let name = variable("aws_session_token_env") { settings.sessionTokenEnv = name }
        return settings
    }

    /// Letters, digits and dashes, as in `us-east-1` or `us-gov-west-1`; the region goes into a host name.
    private static func isRegion(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 32 && text.first?.isLetter == true
            && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}

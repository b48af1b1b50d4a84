import Foundation
import Yams

/// A LiteLLM `bedrock/…` entry's AWS parameters as a Switchyard `bedrock` provider takes them: the region, and the
/// variables credentials are read from. Credentials written in clear text are never copied.
struct LiteLLMAWS: Hashable {
    /// `aws_region_name` as written.
    var region: String?
    /// The variable the region is read from: `os.environ/VAR`, or `AWS_REGION` when the entry names none.
    var regionVariable = "AWS_REGION"
    var accessKeyIDEnv: String?
    var secretAccessKeyEnv: String?
    var sessionTokenEnv: String?

    static let parameters: Set<String> = ["aws_region_name", "aws_access_key_id", "aws_secret_access_key", "aws_session_token"]

    /// Reads the entry's AWS parameters, adding a problem for each one that cannot be taken as written.
    init(_ params: Node.Mapping?, problems: inout [String]) {
        if let text = params?["aws_region_name"]?.string {
            if let variable = LiteLLMKey.environmentVariable(text) {
                regionVariable = variable
            } else {
                region = text
            }
        }
        func variable(_ name: String, default standard: String) -> String? {
            guard let text = params?[name]?.string else { return nil }
            if let variable = LiteLLMKey.environmentVariable(text) { return variable == standard ? nil : variable }
            problems.append("\(name) held a credential in clear text; it is not copied: export \(standard)")
            return nil
        }
        accessKeyIDEnv = variable("aws_access_key_id", default: "AWS_ACCESS_KEY_ID")
        secretAccessKeyEnv = variable("aws_secret_access_key", default: "AWS_SECRET_ACCESS_KEY")
        sessionTokenEnv = variable("aws_session_token", default: "AWS_SESSION_TOKEN")
    }

    /// The provider's lines in the written config.
    var lines: [String] {
        var out: [String] = []
        if let region {
            out.append("    region: \(LiteLLMYAMLText.scalar(region))")
        } else {
            // As for api_base: read from the variable, with a placeholder that fails loudly when it is unset.
            out.append("    # LiteLLM read the region from \(regionVariable): export it, or write the region here.")
            out.append("    region: \(LiteLLMYAMLText.scalar("${\(regionVariable):-set-\(regionVariable.lowercased().replacingOccurrences(of: "_", with: "-"))}"))")
        }
        if let accessKeyIDEnv { out.append("    aws_access_key_id_env: \(LiteLLMYAMLText.scalar(accessKeyIDEnv))") }
        if let secretAccessKeyEnv { out.append("    aws_secret_access_key_env: \(LiteLLMYAMLText.scalar(secretAccessKeyEnv))") }
        if let sessionTokenEnv { out.append("    aws_session_token_env: \(LiteLLMYAMLText.scalar(sessionTokenEnv))") }
        return out
    }
}

import Foundation
import SwitchyardCore

/// A Switchyard provider made from the LiteLLM entries that share a kind, a base URL, an API version and a key.
struct LiteLLMProvider {
    /// What makes two entries one provider.
    struct Identity: Hashable {
        var kind: ProviderKind
        var baseURL: String?
        var baseURLVariable: String?
        var key: LiteLLMKey
        var apiVersion: String?
        var aws: LiteLLMAWS?

        init(_ entry: LiteLLMEntry) {
            kind = entry.kind
            baseURL = entry.baseURL
            baseURLVariable = entry.baseURLVariable
            key = entry.key
            apiVersion = entry.apiVersion
            aws = entry.aws
        }
    }

    var name: String
    var identity: Identity
    /// The variable that holds the key; for a key the LiteLLM file held in clear text, one the operator exports.
    var apiKeyEnv: String?

    /// One provider per distinct identity, in the order the entries first name them, with unique readable names.
    static func providers(for entries: [LiteLLMEntry]) -> [LiteLLMProvider] {
        var identities: [Identity] = []
        for entry in entries where !identities.contains(Identity(entry)) {
            identities.append(Identity(entry))
        }
        var taken: Set<String> = []
        var names: [String] = []
        for identity in identities {
            let base = readableName(identity)
            var name = base
            var n = 2
            while taken.contains(name) {
                name = "\(base)-\(n)"
                n += 1
            }
            taken.insert(name)
            names.append(name)
        }
        // Variables the file already names keep their meaning; a clear-text key gets a variable of its own.
        var variables = Set(identities.compactMap { identity -> String? in
            if case .environment(let variable) = identity.key { return variable }
            return nil
        })
        return zip(identities, names).map { identity, name in
            switch identity.key {
            case .environment(let variable):
                return LiteLLMProvider(name: name, identity: identity, apiKeyEnv: variable)
            case .none:
                return LiteLLMProvider(name: name, identity: identity, apiKeyEnv: nil)
            case .literal:
                let stem = name.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
                var variable = "\(stem)_API_KEY"
                var n = 2
                while variables.contains(variable) {
                    variable = "\(stem)_\(n)_API_KEY"
                    n += 1
                }
                variables.insert(variable)
                return LiteLLMProvider(name: name, identity: identity, apiKeyEnv: variable)
            }
        }
    }

    /// `openai`, `anthropic`, `azure-RESOURCE`, or the first label of an OpenAI-compatible host.
    private static func readableName(_ identity: Identity) -> String {
        let host = identity.baseURL.flatMap { URL(string: $0)?.host }
        switch identity.kind {
        case .openai: return "openai"
        case .anthropic: return "anthropic"
        case .gemini: return "gemini"
        case .bedrock: return "bedrock"
        case .azureOpenAI:
            return host.map { "azure-\(label($0))" } ?? "azure"
        case .openaiCompatible:
            guard let host else { return "openai-compatible" }
            if host == "localhost" || host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) { return "local" }
            return label(host)
        }
    }

    /// The first label of a host name, as a provider name (`my-resource` of `my-resource.openai.azure.com`).
    private static func label(_ host: String) -> String {
        let first = host.split(separator: ".").first.map(String.init) ?? host
        let cleaned = first.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? String($0) : "-" }.joined()
        return cleaned.isEmpty ? "provider" : cleaned
    }
}

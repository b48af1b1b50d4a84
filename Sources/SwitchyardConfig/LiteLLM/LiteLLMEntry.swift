import Foundation
import SwitchyardCore
import Yams

/// One `model_list` entry as Switchyard can serve it: a deployment of the model group `modelName`.
struct LiteLLMEntry {
    /// `model_list[i]`, for notes.
    var path: String
    var modelName: String
    var kind: ProviderKind
    /// The upstream model id (for Azure, the deployment name).
    var upstream: String
    /// `api_base`, without trailing slashes.
    var baseURL: String?
    /// The variable `api_base` is read from (`os.environ/VAR`, or Azure's usual `AZURE_API_BASE`).
    var baseURLVariable: String?
    var key: LiteLLMKey
    var apiVersion: String?
    /// A `bedrock/…` entry's region and credential variables.
    var aws: LiteLLMAWS?
    var weight: Decimal?
    var order: Int?
    var rpm: Decimal?
    var tpm: Decimal?
    var price: LiteLLMPrice?
    /// Seconds: `timeout` (a whole call) and `stream_timeout` (a streamed call).
    var timeout: Double?
    var streamTimeout: Double?
    /// Parameters of the entry that have no Switchyard counterpart, by name.
    var unmapped: [String] = []
    /// Why a parameter that has a counterpart could not be taken as written.
    var problems: [String] = []
}

/// A deployment's price in dollars per 1M tokens, from LiteLLM's dollars per token.
struct LiteLLMPrice: Hashable {
    var input: Decimal
    var output: Decimal
    var cachedInput: Decimal?
}

extension LiteLLMEntry {
    /// Parameters read into a field; every other one is reported.
    private static let mappedParameters = Set<String>([
        "model", "api_base", "api_key", "api_version", "custom_llm_provider", "rpm", "tpm", "weight", "order",
        "input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost", "timeout", "stream_timeout",
    ]).union(LiteLLMAWS.parameters)
    /// `model_info` fields that are bookkeeping or read into a field.
    private static let mappedInfo: Set<String> = [
        "id", "mode", "description", "input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost",
    ]
    /// `model_info.mode` values Switchyard serves (chat completions, responses, embeddings).
    private static let servedModes: Set<String> = ["chat", "completion", "responses", "embedding"]

    /// The entry at `index` of `model_list`; nil, with a note in `skipped` saying why, when it cannot be served.
    static func read(_ node: Node, index: Int, skipped: inout [LiteLLMNote]) -> LiteLLMEntry? {
        let path = "model_list[\(index)]"
        func refuse(_ message: String) -> LiteLLMEntry? {
            skipped.append(LiteLLMNote(path: path, message: message))
            return nil
        }
        guard let map = node.mapping else { return refuse("not a mapping; skipped") }
        guard let modelName = map["model_name"]?.string, !modelName.isEmpty else { return refuse("no model_name; skipped") }
        let params = map["litellm_params"]?.mapping
        guard let model = params?["model"]?.string, !model.isEmpty else {
            return refuse("\(modelName): no litellm_params.model; skipped")
        }
        let info = map["model_info"]?.mapping
        if let mode = info?["mode"]?.string, !servedModes.contains(mode) {
            return refuse("\(modelName) (\(model)): model_info.mode \(mode) is not served by Switchyard (chat, responses and embeddings are)")
        }
        if modelName.contains("*") || model.contains("*") {
            return refuse("\(modelName) (\(model)): wildcard routing has no Switchyard counterpart; list each model by name")
        }
        let apiBase = params?["api_base"]?.string.map(trimmedBaseURL)
        let prefix: String?
        var upstream = model
        if let custom = params?["custom_llm_provider"]?.string, !custom.isEmpty {
            prefix = custom
        } else if let slash = model.firstIndex(of: "/") {
            prefix = String(model[..<slash])
            upstream = String(model[model.index(after: slash)...])
        } else {
            prefix = nil
        }
        let kind: ProviderKind
        switch prefix {
        case nil, "openai"?:
            kind = apiBase == nil ? .openai : .openaiCompatible
        case "anthropic"?:
            kind = .anthropic
        case "gemini"?:
            kind = .gemini
        case "azure"?:
            guard !upstream.isEmpty else { return refuse("\(modelName) (\(model)): no Azure deployment name after azure/") }
            kind = .azureOpenAI
        case "bedrock"?:
            // LiteLLM's `bedrock/converse/ID` names the API it calls; Switchyard always calls Converse.
            if upstream.hasPrefix("converse/") { upstream = String(upstream.dropFirst("converse/".count)) }
            guard !upstream.isEmpty else { return refuse("\(modelName) (\(model)): no Bedrock model id after bedrock/") }
            kind = .bedrock
        case "text-completion-openai"?:
            return refuse("\(modelName) (\(model)): the legacy completions API is not served by Switchyard (chat completions are)")
        case let other?:
            return refuse("\(modelName) (\(model)): provider '\(other)' is not supported by Switchyard yet"
                + " (one that speaks OpenAI's API can be declared as kind openai-compatible with its base_url)")
        }

        var entry = LiteLLMEntry(path: path, modelName: modelName, kind: kind, upstream: upstream, key: LiteLLMKey(params?["api_key"]?.string))
        if let apiBase {
            if let variable = LiteLLMKey.environmentVariable(apiBase) {
                entry.baseURLVariable = variable
            } else if apiBase.hasPrefix("http://") || apiBase.hasPrefix("https://") {
                entry.baseURL = kind == .anthropic ? anthropicBase(apiBase) : apiBase
            } else {
                return refuse("\(modelName) (\(model)): api_base '\(apiBase)' is not an http:// or https:// URL")
            }
        } else if kind == .azureOpenAI {
            // LiteLLM reads an Azure deployment's endpoint from AZURE_API_BASE when the entry names none.
            entry.baseURLVariable = "AZURE_API_BASE"
        }
        if kind == .bedrock {
            entry.aws = LiteLLMAWS(params, problems: &entry.problems)
        } else if entry.key == .none, let usual = usualKeyVariable(kind) {
            entry.key = .environment(usual)
        }
        if kind == .azureOpenAI, let version = params?["api_version"]?.string {
            if LiteLLMKey.environmentVariable(version) != nil {
                entry.problems.append("api_version \(version): Switchyard needs the version itself; its default (\(ProviderSpec.defaultAzureAPIVersion)) is used")
            } else {
                entry.apiVersion = version
            }
        }

        entry.weight = number(params?["weight"], "weight", &entry)
        entry.order = number(params?["order"], "order", &entry).map { NSDecimalNumber(decimal: $0).intValue }
        entry.rpm = number(params?["rpm"] ?? map["rpm"], "rpm", &entry)
        entry.tpm = number(params?["tpm"] ?? map["tpm"], "tpm", &entry)
        entry.timeout = number(params?["timeout"], "timeout", &entry).map { NSDecimalNumber(decimal: $0).doubleValue }
        entry.streamTimeout = number(params?["stream_timeout"], "stream_timeout", &entry).map { NSDecimalNumber(decimal: $0).doubleValue }
        entry.price = price(params: params, info: info, entry: &entry)

        entry.unmapped = (params?.compactMap { $0.key.string }.filter { !mappedParameters.contains($0) } ?? [])
            + (info?.compactMap { $0.key.string }.filter { !mappedInfo.contains($0) }.map { "model_info.\($0)" } ?? [])
            + map.compactMap { $0.key.string }.filter { !["model_name", "litellm_params", "model_info", "rpm", "tpm"].contains($0) }
        return entry
    }

    /// The variable LiteLLM reads a provider's key from when the entry names none.
    private static func usualKeyVariable(_ kind: ProviderKind) -> String? {
        switch kind {
        case .openai: "OPENAI_API_KEY"
        case .anthropic: "ANTHROPIC_API_KEY"
        case .azureOpenAI: "AZURE_API_KEY"
        case .gemini: "GEMINI_API_KEY"
        case .openaiCompatible, .bedrock: nil
        }
    }

    private static func trimmedBaseURL(_ text: String) -> String {
        var url = text.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// LiteLLM accepts Anthropic's full messages URL as `api_base`; Switchyard wants the part before `/messages`.
    private static func anthropicBase(_ url: String) -> String {
        url.hasSuffix("/v1/messages") ? String(url.dropLast("/messages".count)) : url
    }

    /// A numeric parameter; a value that is not a number (such as an `os.environ/` reference) is reported.
    private static func number(_ node: Node?, _ name: String, _ entry: inout LiteLLMEntry) -> Decimal? {
        guard let node else { return nil }
        guard let text = node.string, let value = LiteLLMYAMLText.decimal(text), value >= 0 else {
            entry.problems.append("\(name) \(node.string ?? "(not a scalar)") is not a number; left out")
            return nil
        }
        return value
    }

    /// Costs per token from `litellm_params`, else `model_info`, as dollars per 1M tokens.
    private static func price(params: Node.Mapping?, info: Node.Mapping?, entry: inout LiteLLMEntry) -> LiteLLMPrice? {
        func cost(_ name: String) -> Decimal? {
            number(params?[name] ?? info?[name], name, &entry).map { $0 * 1_000_000 }
        }
        let input = cost("input_cost_per_token")
        let output = cost("output_cost_per_token")
        let cached = cost("cache_read_input_token_cost")
        guard let input, let output else {
            if input != nil || output != nil {
                entry.problems.append("only one of input_cost_per_token and output_cost_per_token is set; the price comes from Switchyard's catalog")
            }
            return nil
        }
        return LiteLLMPrice(input: input, output: output, cachedInput: cached)
    }
}

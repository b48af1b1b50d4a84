import Foundation
import SwitchyardCore

/// Writes the Switchyard config of an import: the fields `GatewayConfigReader` reads, with a comment wherever
/// the LiteLLM file said something the config does not carry.
struct LiteLLMConfigWriter {
    let file: String
    let providers: [LiteLLMProvider]
    private var lines: [String] = []

    init(file: String, providers: [LiteLLMProvider]) {
        self.file = file
        self.providers = providers
    }

    mutating func write(
        groups: [LiteLLMModelGroup], settings: LiteLLMSettings, skipped: [LiteLLMNote], groupNotes: [LiteLLMNote]
    ) -> String {
        let name = (file as NSString).lastPathComponent
        line("# Switchyard configuration imported from the LiteLLM config \(LiteLLMYAMLText.comment(name)).")
        line("# Check it with `switchyard check-config`; `# not mapped:` comments name what LiteLLM did that this file does not.")
        let exports = providers.filter { if case .literal = $0.identity.key { true } else { false } }
        if !exports.isEmpty {
            line("# The LiteLLM file held API keys in clear text; they are not copied. Before serving, export:")
            for provider in exports { line("#   \(provider.apiKeyEnv ?? "")   (provider \(provider.name))") }
        }
        if let timeout = settings.timeout {
            line("")
            line("# router_settings.timeout / litellm_settings.request_timeout: how long a whole call may take.")
            line("timeouts: \(Self.timeouts(Timeouts(response: min(timeout, InputBounds.durationSeconds.upperBound), total: timeout > (Timeouts.defaults.total ?? 0) ? min(timeout, InputBounds.durationSeconds.upperBound) : nil)))")
        }
        line("")
        line("governance:")
        if settings.hasMasterKey {
            line("  auth: keys          # every request needs a virtual key: switchyard ctl keys create --name NAME")
        } else {
            line("  auth: open          # LiteLLM ran without a master_key; keys: ask every request for a virtual key")
        }
        line("")
        line("providers:")
        for provider in providers { writeProvider(provider) }
        line("")
        line("models:")
        for group in groups { writeGroup(group) }
        for note in skipped + groupNotes { notMapped(note, indent: "") }
        if let budget = settings.budget {
            line("")
            line("budgets:                # litellm_settings.max_budget and budget_duration")
            line("  - { scope: global, limit: \(LiteLLMYAMLText.number(budget.limit)), period: \(budget.period.rawValue) }")
        }
        if !settings.notes.isEmpty {
            line("")
            for note in settings.notes { notMapped(note, indent: "") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func line(_ text: String) { lines.append(text) }

    private mutating func notMapped(_ note: LiteLLMNote, indent: String) {
        line("\(indent)# not mapped: \(LiteLLMYAMLText.comment(note.description))")
    }

    private mutating func writeProvider(_ provider: LiteLLMProvider) {
        let identity = provider.identity
        if case .literal = identity.key, let variable = provider.apiKeyEnv {
            line("  # The LiteLLM file held this provider's key in clear text; it is not copied: export \(variable).")
        }
        line("  - name: \(LiteLLMYAMLText.scalar(provider.name))")
        line("    kind: \(identity.kind.rawValue)")
        if let url = identity.baseURL {
            line("    base_url: \(LiteLLMYAMLText.scalar(url))")
        } else if let variable = identity.baseURLVariable {
            // LiteLLM read the URL from the environment; so does this, and the placeholder fails loudly when unset.
            let placeholder = "https://set-\(variable.lowercased().replacingOccurrences(of: "_", with: "-")).invalid"
            line("    # LiteLLM read api_base from \(variable): export it, or write the URL here.")
            line("    base_url: \(LiteLLMYAMLText.scalar("${\(variable):-\(placeholder)}"))")
        }
        if let version = identity.apiVersion { line("    api_version: \(LiteLLMYAMLText.scalar(version))") }
        for awsLine in identity.aws?.lines ?? [] { line(awsLine) }
        if let variable = provider.apiKeyEnv { line("    api_key_env: \(LiteLLMYAMLText.scalar(variable))") }
    }

    private mutating func writeGroup(_ group: LiteLLMModelGroup) {
        line("  - name: \(LiteLLMYAMLText.scalar(group.name))")
        line("    strategy: \(group.strategy.rawValue)")
        line("    deployments:")
        for (entry, weight) in zip(group.entries, group.weights) {
            for note in LiteLLMImport.entryNotes(entry) { notMapped(note, indent: "      ") }
            if let source = group.weightSource {
                line("      # weight: its \(source), as LiteLLM's simple-shuffle weighs deployments by it")
            }
            var fields = [
                "provider: \(LiteLLMYAMLText.scalar(providerName(entry)))", "model: \(LiteLLMYAMLText.scalar(entry.upstream))",
            ]
            if let weight { fields.append("weight: \(LiteLLMYAMLText.number(weight))") }
            if let order = entry.order { fields.append("priority: \(order)") }
            if let price = entry.price {
                var parts = ["input: \(LiteLLMYAMLText.number(price.input))", "output: \(LiteLLMYAMLText.number(price.output))"]
                if let cached = price.cachedInput { parts.append("cached_input: \(LiteLLMYAMLText.number(cached))") }
                fields.append("price: { \(parts.joined(separator: ", ")) }")
            }
            line("      - { \(fields.joined(separator: ", ")) }")
        }
        if group.timeouts != Timeouts() {
            line("    timeouts: \(Self.timeouts(group.timeouts))   # timeout, stream_timeout")
        }
        if !group.fallbacks.isEmpty {
            line("    fallbacks: [\(group.fallbacks.map(LiteLLMYAMLText.scalar).joined(separator: ", "))]")
        }
    }

    private func providerName(_ entry: LiteLLMEntry) -> String {
        let identity = LiteLLMProvider.Identity(entry)
        return providers.first { $0.identity == identity }?.name ?? ""
    }

    private static func timeouts(_ timeouts: Timeouts) -> String {
        let fields = [
            timeouts.firstToken.map { "first_token: \(LiteLLMYAMLText.duration($0))" },
            timeouts.response.map { "response: \(LiteLLMYAMLText.duration($0))" },
            timeouts.total.map { "total: \(LiteLLMYAMLText.duration($0))" },
        ].compactMap { $0 }
        return "{ \(fields.joined(separator: ", ")) }"
    }
}

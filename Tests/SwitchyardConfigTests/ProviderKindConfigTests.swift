import SwitchyardConfig
import Testing

/// Settings that belong to one provider kind: each mistake is named at its field.
@Suite struct ProviderKindConfigTests {
    @Test(arguments: [
        ("  - { name: a, kind: azure-openai }", "providers[0].base_url", "needs its base_url (https://RESOURCE.openai.azure.com)"),
        ("  - { name: a, kind: azure-openai, base_url: \"https://x.openai.azure.com\", api_version: \"2024/10\" }",
         "providers[0].api_version", "expected an Azure OpenAI API version"),
        ("  - { name: a, kind: openai, api_version: 2024-10-21 }", "providers[0].api_version", "only an azure-openai provider"),
        ("  - { name: a, kind: gemini, api_version: v1 }", "providers[0].api_version", "only an azure-openai provider"),
        ("  - { name: a, kind: gemin }", "providers[0].kind", "gemini"),
        ("  - { name: a, kind: azure-openai, base_url: \"https://x.openai.azure.com\", responses_api: native }",
         "providers[0].responses_api", "only on api_version: v1"),
        ("  - { name: a, kind: anthropic, responses_api: native }", "providers[0].responses_api",
         "only openai, openai-compatible and azure-openai"),
        ("  - { name: a, kind: openai, responses_api: nativ }", "providers[0].responses_api", "did you mean 'native'"),
    ])
    func mistakesNameTheField(provider: String, path: String, message: String) {
        let yaml = "providers:\n\(provider)\nmodels:\n  - { name: m, deployments: [{ provider: a, model: x }] }\n"
        let issues = rejectionIssues(yaml)
        #expect(issues.contains { $0.path == path && $0.message.contains(message) }, "\(issues)")
    }
}

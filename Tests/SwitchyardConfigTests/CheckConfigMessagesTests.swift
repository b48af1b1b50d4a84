import Testing
@testable import SwitchyardConfig

/// check-config says what is wrong once, where it is, and what was probably meant.
@Suite struct CheckConfigMessagesTests {
    static let yaml = """
        providers:
          - { name: openai, kind: openai }
          - { name: anthropic, kind: anthropic }
        models:
          - { name: a, deployments: [{ provider: openai }] }
          - { name: b, deployments: [{ provider: anthropic }] }
        """

    @Test func aMisspelledKindIsOneErrorNotAlsoUnknownProvidersWhereItIsUsed() {
        let issues = rejectionIssues(Self.yaml.replacingOccurrences(of: "kind: anthropic", with: "kind: antropic"))
        #expect(issues.count == 1, "\(issues.map(\.description))")
        #expect(issues.first?.path == "providers[1].kind")
        #expect(issues.first?.message.contains("did you mean 'anthropic'?") == true)
    }

    @Test func aMisspelledProviderReferenceGetsADidYouMean() {
        let issues = rejectionIssues(Self.yaml.replacingOccurrences(of: "provider: anthropic }", with: "provider: antropic }"))
        let issue = issues.first { $0.path == "models[1].deployments[0].provider" }
        #expect(issue?.message == "unknown provider 'antropic' (did you mean 'anthropic'?); providers: anthropic, openai",
                "\(issues.map(\.description))")
    }

    @Test func aTabIsCalledATab() {
        let issues = rejectionIssues("providers:\n\t- { name: openai, kind: openai }\n")
        #expect(issues.count == 1)
        #expect(issues.first?.line == 2 && issues.first?.column == 1)
        #expect(issues.first?.message == "YAML syntax: a tab; YAML indents with spaces only, so replace the tab with spaces",
                "\(issues.map(\.description))")
    }
}

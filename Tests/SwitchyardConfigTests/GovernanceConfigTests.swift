import SwitchyardConfig
import SwitchyardCore
import Testing

@Suite struct GovernanceConfigTests {
    static let base = """
        providers:
          - { name: openai, kind: openai }
          - { name: anthropic, kind: anthropic }
        models:
          - name: gpt-4o
            deployments: [{ provider: openai, price: { input: 2.5, output: 10, cached_input: 1.25 } }]
          - name: gpt-4o-mini
            deployments: [{ provider: openai }]
          - name: claude-sonnet
            deployments: [{ provider: anthropic, model: claude-sonnet-4-5-20250929 }]
        """

    static let good = base + """

        governance:
          auth: open
          time_zone: Europe/Berlin
          default_max_tokens: 2048
        teams:
          - name: team-a
            models: [gpt-4o, claude-sonnet]
            rpm: 600
            tpm: 200000
          - name: team-b
        budgets:
          - { scope: team, name: team-a, limit: 100, period: daily, downgrade_to: gpt-4o-mini }
          - { scope: model, name: gpt-4o, limit: 50, period: weekly, downgrade_to: gpt-4o-mini, policy: clamp }
          - { scope: global, limit: 1000 }
        prices:
          my-finetune: { input: 3, output: 12, cached_input: 1.5 }
        """

    @Test func everyNewKeyParses() throws {
        let (config, warnings) = try ConfigLoader.parse(yaml: Self.good, file: "gw.yaml")
        #expect(warnings.isEmpty)
        #expect(config.policy == GovernancePolicy(auth: .open, timeZone: "Europe/Berlin", defaultMaxTokens: 2048))
        #expect(config.teams == [
            TeamSpec(name: "team-a", models: ["gpt-4o", "claude-sonnet"], limits: RateLimits(rpm: 600, tpm: 200_000)),
            TeamSpec(name: "team-b"),
        ])
        #expect(config.budgets == [
            BudgetSpec(scope: .team("team-a"), limit: 100, period: .daily, downgradeTo: "gpt-4o-mini"),
            BudgetSpec(scope: .model("gpt-4o"), limit: 50, period: .weekly, downgradeTo: "gpt-4o-mini", policy: .clamp),
            BudgetSpec(scope: .global, limit: 1000, period: .monthly),
        ])
        #expect(config.priceOverrides["my-finetune"] == Price(inputPerMTok: 3, outputPerMTok: 12, cachedInputPerMTok: 1.5))
        #expect(config.deployments[0].price.cachedInputPerMTok == 1.25)
    }

    @Test func defaultsWhenGovernanceIsAbsent() throws {
        let (config, _) = try ConfigLoader.parse(yaml: Self.base, file: "gw.yaml")
        #expect(config.policy == GovernancePolicy())
        #expect(config.teams.isEmpty)
    }

    /// 1-based line of the first line of `yaml` containing `text`.
    private func line(of text: String, in yaml: String) -> Int {
        (yaml.components(separatedBy: "\n").firstIndex { $0.contains(text) } ?? -1) + 1
    }

    private func expectError(_ yaml: String, path: String, at marker: String, saying words: String) {
        let found = rejectionIssues(yaml)
        let issue = found.first { $0.path == path }
        #expect(issue != nil, "no error at \(path); got \(found.map(\.description))")
        #expect(issue?.line == line(of: marker, in: yaml), "\(path)")
        #expect(issue?.message.contains(words) == true, "\(issue?.message ?? "")")
    }

    @Test func unknownAuthModeSuggestsTheNearest() {
        let yaml = Self.good.replacingOccurrences(of: "auth: open", with: "auth: key")
        expectError(yaml, path: "governance.auth", at: "auth: key", saying: "did you mean 'keys'?")
    }

    @Test func unknownTimeZoneNamesTheField() {
        let yaml = Self.good.replacingOccurrences(of: "Europe/Berlin", with: "Europe/Atlantis")
        expectError(yaml, path: "governance.time_zone", at: "Europe/Atlantis", saying: "unknown time zone 'Europe/Atlantis'")
    }

    @Test func teamMayOnlyNameConfiguredModels() {
        let yaml = Self.good.replacingOccurrences(of: "models: [gpt-4o, claude-sonnet]", with: "models: [gpt-4o, claude-sonet]")
        expectError(yaml, path: "teams[0].models[1]", at: "claude-sonet", saying: "did you mean 'claude-sonnet'?")
    }

    @Test func downgradeToUnknownOrSameModel() {
        let unknown = Self.good.replacingOccurrences(of: "period: daily, downgrade_to: gpt-4o-mini", with: "period: daily, downgrade_to: gpt-5")
        expectError(unknown, path: "budgets[0].downgrade_to", at: "downgrade_to: gpt-5", saying: "unknown model 'gpt-5'")
        let same = Self.good.replacingOccurrences(of: "period: weekly, downgrade_to: gpt-4o-mini", with: "period: weekly, downgrade_to: gpt-4o")
            .replacingOccurrences(of: "gpt-4o, policy: clamp", with: "gpt-4o")
        expectError(same, path: "budgets[1].downgrade_to", at: "downgrade_to: gpt-4o }", saying: "to itself")
    }

    @Test func unknownBudgetPolicySuggestsTheNearest() {
        let yaml = Self.good.replacingOccurrences(of: "policy: clamp", with: "policy: clmap")
        expectError(yaml, path: "budgets[1].policy", at: "policy: clmap", saying: "did you mean 'clamp'?")
    }

    @Test func negativeNonNumericAndNonFiniteLimits() {
        let negative = Self.good.replacingOccurrences(of: "limit: 1000", with: "limit: -5")
        expectError(negative, path: "budgets[2].limit", at: "limit: -5", saying: "≥ 0")
        let words = Self.good.replacingOccurrences(of: "limit: 1000", with: "limit: lots")
        expectError(words, path: "budgets[2].limit", at: "limit: lots", saying: "expected a number")
        let infinite = Self.good.replacingOccurrences(of: "limit: 1000", with: "limit: inf")
        expectError(infinite, path: "budgets[2].limit", at: "limit: inf", saying: "expected a number")
    }

    @Test func duplicateBudgetIsAnError() {
        let yaml = Self.good.replacingOccurrences(
            of: "  - { scope: global, limit: 1000 }",
            with: "  - { scope: global, limit: 1000 }\n  - { scope: global, limit: 5, period: monthly }")
        expectError(yaml, path: "budgets[3]", at: "limit: 5, period: monthly", saying: "budgets[2] already limits global monthly")
    }

    @Test func budgetOnAnUndeclaredTeamIsOnlyAWarning() throws {
        let yaml = Self.good.replacingOccurrences(of: "name: team-a, limit: 100", with: "name: team-z, limit: 100")
        let (config, warnings) = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml")
        #expect(config.budgets.first?.scope == .team("team-z"))
        let warning = warnings.first { $0.path == "budgets[0].name" }
        #expect(warning?.message.contains("team 'team-z' is not defined under teams:") == true)
        #expect(warning?.line == line(of: "team-z", in: yaml))
    }

    @Test func badPricesEntryIsLocated() {
        let yaml = Self.good.replacingOccurrences(of: "my-finetune: { input: 3, output: 12", with: "my-finetune: { input: -3, outptu: 12")
        let found = rejectionIssues(yaml)
        #expect(found.contains { $0.path == "prices.my-finetune.input" && $0.message.contains("≥ 0") })
        #expect(found.contains { $0.path == "prices.my-finetune.outptu" && $0.message.contains("did you mean 'output'?") })
        #expect(found.allSatisfy { !$0.path.hasPrefix("prices") || $0.line == line(of: "my-finetune", in: yaml) })
    }
}

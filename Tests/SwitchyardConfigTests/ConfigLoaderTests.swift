import Foundation
import SwitchyardConfig
import SwitchyardCore
import Testing

@Suite struct ConfigLoaderTests {
    static let good = """
        listen: 127.0.0.1:9000
        limits:
          max_body_bytes: 1048576
        timeouts: { connect: 2s, first_token: 20s, total: 2m }
        providers:
          - name: openai
            kind: openai
            base_url: https://api.openai.com/v1
            api_key_env: OPENAI_API_KEY
          - name: anthropic
            kind: anthropic
            api_key_env: ANTHROPIC_API_KEY
            timeouts: { first_token: 500ms }
        models:
          - name: gpt-4o
            strategy: weighted
            deployments:
              - { provider: openai, model: gpt-4o-2024-08-06, weight: 3, price: { input: 2.5, output: 10 } }
              - { provider: anthropic, model: claude-sonnet-4-5, weight: 1, price: { input: 3, output: 15 } }
            fallbacks: [claude]
          - name: claude
            strategy: priority
            deployments:
              - { provider: anthropic, model: claude-sonnet-4-5, price: { input: 3, output: 15 } }
        budgets:
          - { scope: global, limit: 100, period: daily }
          - { scope: model, name: gpt-4o, limit: 20 }
        """

    @Test func goodConfigLoadsIntoACatalog() throws {
        let (config, warnings) = try ConfigLoader.parse(yaml: Self.good, file: "gw.yaml")
        #expect(warnings.isEmpty)
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 9000))
        #expect(config.maxBodyBytes == 1_048_576)
        #expect(config.catalog.validationErrors().isEmpty)
        #expect(config.deployments.map(\.id) == ["gpt-4o/openai", "gpt-4o/anthropic", "claude/anthropic"])
        #expect(config.deployments[0].upstreamModel == "gpt-4o-2024-08-06")
        #expect(config.deployments[0].weight == 3)
        #expect(config.models[0].spec.fallbacks == ["claude"])
        #expect(config.models[1].spec.strategy == .priority)
        #expect(config.budgets == [
            BudgetSpec(scope: .global, limit: 100, period: .daily),
            BudgetSpec(scope: .model("gpt-4o"), limit: 20, period: .monthly),
        ])
        // Model over provider over gateway defaults.
        let t = config.timeouts(for: config.deployments[1])
        #expect(t == Timeouts(connect: 2, firstToken: 0.5, response: 120, total: 120))
        let (keys, problems) = config.providerKeys(environment: ["OPENAI_API_KEY": "sk-x"])
        #expect(keys == ["openai": "sk-x"])
        #expect(problems == ["environment variable ANTHROPIC_API_KEY is not set; provider anthropic will be called without a key"])
    }

    /// A key from a mounted secret file: read when the keys are asked for, trimmed of its newline, and any
    /// problem with the file named.
    @Test func providerKeysComeFromFilesToo() throws {
        let yaml = """
            providers:
              - { name: filed, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1", api_key_file: /run/secrets/filed }
              - { name: empty, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1", api_key_file: /run/secrets/empty }
              - { name: gone, kind: openai-compatible, base_url: "http://127.0.0.1:9/v1", api_key_file: /run/secrets/gone }
            models:
              - { name: m, deployments: [{ provider: filed }, { provider: empty }, { provider: gone }] }
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml").config
        let files = ["/run/secrets/filed": "sk-from-file\n", "/run/secrets/empty": " \n"]
        let (keys, problems) = config.providerKeys(environment: [:]) { path in
            guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
            return text
        }
        #expect(keys == ["filed": "sk-from-file"])
        #expect(problems.count == 2)
        #expect(problems[0].contains("api_key_file /run/secrets/empty of provider empty is empty"))
        #expect(problems[1].hasPrefix("cannot read api_key_file /run/secrets/gone of provider gone"))

        let both = yaml.replacingOccurrences(of: "api_key_file: /run/secrets/filed", with: "api_key_env: K, api_key_file: /run/secrets/filed")
        let issues = rejectionIssues(both)
        #expect(issues.contains { $0.path == "providers[0].api_key_file" && $0.message.contains("not both") }, "\(issues)")
    }

    @Test func clientLimitsDefaultAndRead() throws {
        let defaults = try ConfigLoader.parse(yaml: Self.good, file: "gw.yaml").config.clientLimits
        #expect(defaults == ClientLimits())
        let yaml = Self.good.replacingOccurrences(
            of: "  max_body_bytes: 1048576",
            with: "  max_body_bytes: 1048576\n  max_connections: 100\n  header_timeout: 2s\n  body_timeout: 500ms\n  idle_timeout: 1m")
        let limits = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml").config.clientLimits
        #expect(limits.maxConnections == 100)
        #expect(limits.headerTimeout == 2)
        #expect(limits.bodyTimeout == 0.5)
        #expect(limits.idleTimeout == 60)
        let bad = rejectionIssues(Self.good.replacingOccurrences(
            of: "  max_body_bytes: 1048576", with: "  max_body_bytes: 1048576\n  max_connections: 0\n  idle_timeout: never"))
        #expect(bad.contains { $0.path == "limits.max_connections" && $0.line == 4 })
        #expect(bad.contains { $0.path == "limits.idle_timeout" && $0.line == 5 })
    }

    @Test func typoInAFieldNamesPathLineAndSuggestion() {
        let found = rejectionIssues(Self.good.replacingOccurrences(of: "weight: 3", with: "wieght: 3"))
        let issue = found.first { $0.path == "models[0].deployments[0].wieght" }
        #expect(issue?.line == 18)
        #expect(issue?.message.contains("did you mean 'weight'?") == true)
        #expect(issue?.description.hasPrefix("bad.yaml:18:") == true)
    }

    @Test func negativeWeightAndUnknownProviderAreBothReported() {
        var yaml = Self.good.replacingOccurrences(of: "weight: 1,", with: "weight: -1,")
        yaml = yaml.replacingOccurrences(of: "- { provider: anthropic, model: claude-sonnet-4-5, price", with: "- { provider: antropic, model: claude-sonnet-4-5, price")
        let found = rejectionIssues(yaml)
        #expect(found.contains { $0.path == "models[0].deployments[1].weight" && $0.line == 19 && $0.message.contains("≥ 0") })
        #expect(found.contains { $0.path == "models[1].deployments[0].provider" && $0.line == 24 && $0.message.contains("unknown provider 'antropic'") })
    }

    @Test func unknownFallbackAndStrategyAndDuration() {
        var yaml = Self.good.replacingOccurrences(of: "fallbacks: [claude]", with: "fallbacks: [claud]")
        yaml = yaml.replacingOccurrences(of: "strategy: priority", with: "strategy: fastest")
        yaml = yaml.replacingOccurrences(of: "total: 2m", with: "total: soon")
        let found = rejectionIssues(yaml)
        #expect(found.contains { $0.path == "models[0].fallbacks[0]" && $0.line == 20 && $0.message.contains("unknown model 'claud'") })
        #expect(found.contains { $0.path == "models[1].strategy" && $0.line == 22 && $0.message.contains("weighted, latency, cost, priority") })
        #expect(found.contains { $0.path == "timeouts.total" && $0.line == 4 })
    }

    @Test func syntaxErrorsCarryALine() {
        let found = rejectionIssues("providers:\n  - name: x\n    kind: [unclosed\n")
        #expect(found.count == 1)
        #expect(found.first?.line ?? 0 >= 3)
        #expect(found.first?.message.hasPrefix("YAML syntax") == true)
    }

    @Test func missingSectionsAndBudgetsAreExplained() {
        let found = rejectionIssues("listen: localhost\nbudgets:\n  - { scope: team, limit: -5 }\n  - { scope: global, limit: lots }\n")
        #expect(found.contains { $0.path == "listen" && $0.message.contains("host:port") })
        #expect(found.contains { $0.path == "providers" && $0.message.contains("missing") })
        #expect(found.contains { $0.path == "models" && $0.message.contains("missing") })
        #expect(found.contains { $0.path == "budgets[0].name" && $0.line == 3 })
        #expect(found.contains { $0.path == "budgets[1].limit" && $0.line == 4 && $0.message.contains("expected a number") })
    }

    @Test func emptyFileAndUnpricedDeployment() throws {
        #expect(rejectionIssues("").first?.message == "the file is empty")
        let yaml = "providers: [{ name: local, kind: openai-compatible, base_url: http://127.0.0.1:11434/v1 }]\nmodels: [{ name: llama, deployments: [{ provider: local }] }]\n"
        let (config, warnings) = try ConfigLoader.parse(yaml: yaml, file: "local.yaml")
        #expect(config.deployments.first?.upstreamModel == "llama")
        #expect(config.unpricedDeployments == ["llama/local"])
        #expect(warnings.first?.message.contains("unknown") == true)
    }
}

import Foundation
import SwitchyardConfig
import SwitchyardCore
import Testing

/// Numbers no real configuration uses, which the gateway would later do arithmetic on: each is refused by
/// `check-config` with its field path and line, before a request can trip over it.
@Suite struct HostileNumberConfigTests {
    static let base = """
        governance: { auth: keys, default_max_tokens: 100 }
        teams:
          - { name: team-a, rpm: 10, tpm: 1000 }
        providers:
          - { name: openai, kind: openai, timeouts: { total: 30s } }
        models:
          - name: chat
            deployments:
              - { provider: openai, model: gpt-4o, weight: 2, priority: 1, price: { input: 2.5, output: 10 } }
        budgets:
          - { scope: global, limit: 1000 }
        """

    private func line(of text: String, in yaml: String) -> Int {
        (yaml.components(separatedBy: "\n").firstIndex { $0.contains(text) } ?? -1) + 1
    }

    /// `base` with `old` replaced by `new` is refused at `path`, on `new`'s line, with a message containing `words`.
    private func expectRefused(_ old: String, _ new: String, path: String, saying words: String) {
        let yaml = Self.base.replacingOccurrences(of: old, with: new)
        #expect(yaml != Self.base, "'\(old)' is not in the base config")
        let issues = rejectionIssues(yaml)
        let issue = issues.first { $0.path == path }
        #expect(issue != nil, "no error at \(path); got \(issues.map(\.description))")
        #expect(issue?.line == line(of: new, in: yaml), "\(path): line \(issue?.line ?? -1)")
        #expect(issue?.message.contains(words) == true, "\(issue?.message ?? "")")
    }

    @Test func theBaseIsAccepted() throws {
        _ = try ConfigLoader.parse(yaml: Self.base, file: "gw.yaml")
    }

    @Test func aDefaultMaxTokensOfIntMaxIsRefused() {
        expectRefused("default_max_tokens: 100", "default_max_tokens: 9223372036854775807",
                      path: "governance.default_max_tokens", saying: "from 1 to 100000000")
        // One past what any integer type holds is out of range too, not "not an integer".
        expectRefused("default_max_tokens: 100", "default_max_tokens: 99999999999999999999999",
                      path: "governance.default_max_tokens", saying: "from 1 to 100000000")
    }

    @Test func weightsLimitsPricesAndDurationsHaveCeilings() {
        expectRefused("weight: 2", "weight: 1e19", path: "models[0].deployments[0].weight", saying: "at most 1000000")
        expectRefused("priority: 1", "priority: 9223372036854775807",
                      path: "models[0].deployments[0].priority", saying: "from 0 to 1000000")
        expectRefused("limit: 1000", "limit: 1e308", path: "budgets[0].limit", saying: "at most 1000000000000")
        expectRefused("rpm: 10", "rpm: 9223372036854775807", path: "teams[0].rpm", saying: "from 1 to 1000000000000")
        expectRefused("tpm: 1000", "tpm: 1000000000000000", path: "teams[0].tpm", saying: "from 1 to 1000000000000")
        expectRefused("input: 2.5", "input: 1e300", path: "models[0].deployments[0].price.input", saying: "at most 1000000")
        expectRefused("total: 30s", "total: 1e300", path: "providers[0].timeouts.total", saying: "at most 86400 s")
    }

    @Test func aConfigFileOverFourMegabytesIsRefusedUnread() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sy-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.yaml").path
        // Valid YAML all the way through: only its size is wrong.
        let padding = String(repeating: "# padding padding padding padding padding padding padding padding\n", count: 70_000)
        try (Self.base + "\n" + padding).write(toFile: path, atomically: true, encoding: .utf8)
        let start = ContinuousClock.now
        do {
            _ = try ConfigLoader.load(path: path)
            Issue.record("a \(padding.utf8.count)-byte config was accepted")
        } catch let error as ConfigErrors {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.message.contains("larger than 4 MB") == true, "\(error.issues)")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        // Just under the limit still loads.
        let fits = String(repeating: "#\n", count: 1_000)
        try (Self.base + "\n" + fits).write(toFile: path, atomically: true, encoding: .utf8)
        _ = try ConfigLoader.load(path: path)
    }
}

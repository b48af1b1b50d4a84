import Foundation
import SwitchyardTestSupport
import Testing

/// The binary carries its price catalog and themes: a copy alone in an empty directory, far from the build tree,
/// still prices gpt-4o and draws with a built-in theme.
@Suite struct StandaloneBinaryTests {
    @Test func aCopiedBinaryStillKnowsItsPricesAndThemes() async throws {
        let dir = try TestPaths.scratch("standalone")
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("switchyard").path
        try FileManager.default.copyItem(atPath: try BuiltProduct.switchyard(), toPath: copy)
        let config = dir.appendingPathComponent("gw.yaml").path
        try """
            providers:
              - { name: openai, kind: openai }
            models:
              - { name: gpt-4o, deployments: [{ provider: openai, model: gpt-4o }] }
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let checked = try await Spawn.run([copy, "check-config", config])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("gpt-4o/openai  gpt-4o  catalog  $2.50 in / $10.00 out per 1M"), "\(checked.stdout)")
        #expect(!checked.stdout.contains("UNKNOWN COST"), "\(checked.stdout)")
        // An unknown theme names the built-ins, which come from the binary alone.
        let themed = try await Spawn.run([copy, "demo", "--theme", "nope"])
        #expect(themed.stderr.contains("default, light, high-contrast, mono"), "\(themed.stderr)")
    }
}

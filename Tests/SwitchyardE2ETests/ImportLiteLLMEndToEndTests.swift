import Foundation
import SwitchyardTestSupport
import Testing

/// `switchyard import-litellm` as a user runs it: the built binary on LiteLLM's own example configs, its output
/// piped into `switchyard check-config`, and the exit statuses of files it cannot use.
@Suite struct ImportLiteLLMEndToEndTests {
    static let examples = TestPaths.packageRoot.appendingPathComponent("Tests/SwitchyardConfigTests/LiteLLM")

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test(arguments: ["proxy_config.yaml", "load_balancing.yaml", "reliability.yaml"])
    func importedConfigPassesCheckConfig(example: String) async throws {
        let binary = Self.quoted(try BuiltProduct.switchyard())
        let dir = try TestPaths.scratch("import-litellm")
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = Self.quoted(Self.examples.appendingPathComponent(example).path)
        let out = Self.quoted(dir.appendingPathComponent("out.yaml").path)
        let outcome = try await Spawn.run(
            ["/bin/sh", "-c", "\(binary) import-litellm \(source) > \(out) && \(binary) check-config \(out)"])
        #expect(outcome.status == 0, "\(outcome.stdout)\n\(outcome.stderr)")
        #expect(outcome.stdout.contains(": ok — "), "\(outcome.stdout)")
        #expect(outcome.stderr.contains("not mapped"), "the import says on stderr what it left out: \(outcome.stderr)")
    }

    @Test func unusableFilesExitOneAndUsageErrorsTwo() async throws {
        let binary = try BuiltProduct.switchyard()
        let dir = try TestPaths.scratch("import-litellm")
        defer { try? FileManager.default.removeItem(at: dir) }
        let notYAML = dir.appendingPathComponent("notes.txt").path
        try "model_list: [unclosed\n".write(toFile: notYAML, atomically: true, encoding: .utf8)
        let noModels = dir.appendingPathComponent("settings.yaml").path
        try "litellm_settings: { drop_params: true }\n".write(toFile: noModels, atomically: true, encoding: .utf8)

        let broken = try await Spawn.run([binary, "import-litellm", notYAML])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("\(notYAML): not a YAML file"), "\(broken.stderr)")
        #expect(broken.stdout.isEmpty)
        let empty = try await Spawn.run([binary, "import-litellm", noModels])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("\(noModels): no model_list"), "\(empty.stderr)")
        let missing = try await Spawn.run([binary, "import-litellm", dir.appendingPathComponent("absent.yaml").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read the file"), "\(missing.stderr)")
        let usage = try await Spawn.run([binary, "import-litellm"])
        #expect(usage.status == 2, "\(usage.stderr)")
    }
}

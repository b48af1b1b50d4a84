import SwitchyardConfig
import SwitchyardCore
import Testing

@Suite struct TracingConfigTests {
    static let base = """
        providers:
          - { name: openai, kind: openai }
        models:
          - name: gpt-4o
            deployments: [{ provider: openai, price: { input: 2.5, output: 10 } }]
        """

    @Test func everyFieldParses() throws {
        let yaml = Self.base + """

            tracing:
              enabled: false
              ring_size: 500
              bodies: true
              max_body_bytes: 2048
              archive_size: 7000
            """
        let (config, warnings) = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml")
        #expect(warnings.isEmpty)
        #expect(config.tracing.enabled == false)
        #expect(config.tracing.ringCapacity == 500)
        #expect(config.tracing.captureBodies == true)
        #expect(config.tracing.maxBodyBytes == 2048)
        #expect(config.tracing.archiveCapacity == 7000)
    }

    @Test func absentSectionKeepsTheDefaults() throws {
        let (config, _) = try ConfigLoader.parse(yaml: Self.base, file: "gw.yaml")
        #expect(config.tracing == TracingConfig())
        #expect(config.tracing.enabled && !config.tracing.captureBodies)
    }

    @Test func aPartialSectionChangesOnlyWhatItNames() throws {
        let (config, _) = try ConfigLoader.parse(yaml: Self.base + "\ntracing: { bodies: yes }", file: "gw.yaml")
        var expected = TracingConfig()
        expected.captureBodies = true
        #expect(config.tracing == expected)
    }

    @Test func aTypoNamesThePathLineAndSuggestion() {
        let found = rejectionIssues(Self.base + "\ntracing:\n  bodys: true\n")
        let issue = found.first { $0.path == "tracing.bodys" }
        #expect(issue?.message.contains("did you mean 'bodies'?") == true, "\(found)")
        #expect(issue?.line == 7, "\(found)")
    }

    @Test(arguments: ["ring_size", "max_body_bytes", "archive_size"])
    func zeroNegativeAndHugeSizesAreRejected(field: String) {
        for value in ["0", "-5", "9223372036854775807"] {
            let found = rejectionIssues(Self.base + "\ntracing: { \(field): \(value) }")
            let issue = found.first { $0.path == "tracing.\(field)" }
            #expect(issue?.message.hasPrefix("must be from 1 to ") == true, "\(found)")
            #expect(issue?.message.hasSuffix(", got \(value)") == true, "\(found)")
        }
    }

    @Test func flagsMustBeBooleans() {
        let found = rejectionIssues(Self.base + "\ntracing: { enabled: sometimes, bodies: [a] }")
        #expect(found.first { $0.path == "tracing.enabled" }?.message == "expected true or false, got 'sometimes'")
        #expect(found.first { $0.path == "tracing.bodies" }?.message == "expected true or false, got a list")
    }

    @Test func theSectionMustBeAMapping() {
        let found = rejectionIssues(Self.base + "\ntracing: on")
        #expect(found.contains { $0.path == "tracing" && $0.message.contains("expected a mapping") }, "\(found)")
    }
}

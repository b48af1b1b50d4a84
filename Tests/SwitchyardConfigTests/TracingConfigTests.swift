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

    @Test func theOTLPSectionParses() throws {
        let yaml = Self.base + """

            tracing:
              otlp:
                endpoint: http://collector:4318/v1/traces
                protocol: http/json
                headers: { x-api-key: "${OTLP_KEY}" }
                timeout: 2s
                service_name: gw-eu
                queue_size: 64
                batch_size: 16
                schedule_delay: 500ms
                retry: { initial_backoff: 200ms, max_backoff: 1s, max_elapsed: 30s }
            """
        let (config, warnings) = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml", environment: ["OTLP_KEY": "k1"])
        #expect(warnings.isEmpty)
        let otlp = try #require(config.tracing.otlp)
        #expect(otlp.endpoint == "http://collector:4318/v1/traces")
        #expect(otlp.wireProtocol == .json)
        #expect(otlp.headers == ["x-api-key": "k1"])
        #expect(otlp.timeout == 2)
        #expect(otlp.serviceName == "gw-eu")
        #expect(otlp.queueSize == 64 && otlp.batchSize == 16)
        #expect(otlp.scheduleDelay == 0.5)
        #expect(otlp.retryInitialBackoff == 0.2 && otlp.retryMaxBackoff == 1 && otlp.retryMaxElapsed == 30)
    }

    @Test(arguments: [
        ("endpoint: collector:4318", "tracing.otlp.endpoint", "expected an http:// or https:// URL"),
        ("protocol: grpcx", "tracing.otlp.protocol", "grpcx"),
        ("timeout: soon", "tracing.otlp.timeout", "expected a positive duration"),
        ("queue_size: 0", "tracing.otlp.queue_size", "must be from 1 to "),
        ("headers: [a]", "tracing.otlp.headers", "expected a mapping of name to value"),
        ("retry: { max_elapsed: -1s }", "tracing.otlp.retry.max_elapsed", "expected a positive duration"),
        ("retry: { backof: 1s }", "tracing.otlp.retry.backof", "unknown field"),
        ("endpont: http://c", "tracing.otlp.endpont", "did you mean 'endpoint'?"),
        ("{ queue_size: 8, batch_size: 9 }", "tracing.otlp.batch_size", "must be at most queue_size (8), got 9"),
    ])
    func otlpErrorsNameTheFieldAndLine(field: String, path: String, message: String) {
        let yaml = Self.base + "\ntracing:\n  otlp:\n    " + (field.hasPrefix("{") ? "\(field)" : field) + "\n"
        let found = rejectionIssues(field.hasPrefix("{") ? Self.base + "\ntracing:\n  otlp: \(field)\n" : yaml)
        let issue = found.first { $0.path == path }
        #expect(issue?.message.contains(message) == true, "\(found)")
        #expect((issue?.line ?? 0) >= 7, "\(found)")
    }
}

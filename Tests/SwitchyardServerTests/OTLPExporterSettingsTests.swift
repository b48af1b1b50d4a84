@testable import SwitchyardControl
import SwitchyardCore
import Testing

/// How the exporter's settings come from the `tracing.otlp` section and the `OTEL_*` environment variables.
@Suite struct OTLPExporterSettingsTests {
    private func resolve(
        _ environment: [String: String], config: OTLPExportConfig? = nil
    ) -> (settings: OTLPExporterSettings?, warnings: [String]) {
        var warnings: [String] = []
        let settings = OTLPExporterSettings.resolve(config: config, environment: environment) { warnings.append($0) }
        return (settings, warnings)
    }

    @Test(arguments: [
        // (environment, expected endpoint) — nil: export stays off.
        ([:], nil),
        (["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"], "http://collector:4318/v1/traces"),
        (["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/"], "http://collector:4318/v1/traces"),
        (["OTEL_EXPORTER_OTLP_ENDPOINT": "https://otel.example/base"], "https://otel.example/base/v1/traces"),
        (["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318/custom"], "http://c:4318/custom"),
        (["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:1/t", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://d:2"], "http://c:1/t"),
        (["OTEL_EXPORTER_OTLP_ENDPOINT": ""], nil),
        (["OTEL_EXPORTER_OTLP_ENDPOINT": "collector:4318"], nil),
        (["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_SDK_DISABLED": "true"], nil),
        (["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_TRACES_EXPORTER": "none"], nil),
        (["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_TRACES_EXPORTER": "console,otlp"], "http://c:4318/v1/traces"),
    ] as [([String: String], String?)])
    func endpointFromTheEnvironment(environment: [String: String], expected: String?) {
        #expect(resolve(environment).settings?.endpoint == expected)
    }

    @Test(arguments: [
        ("a=b", ["a": "b"], 0),
        ("api-key=secret,X-Tenant=t1", ["api-key": "secret", "x-tenant": "t1"], 0),
        (" a = b , c=d ", ["a": "b", "c": "d"], 0),
        ("authorization=Bearer%20tok%3D%3D", ["authorization": "Bearer tok=="], 0),
        ("a=b=c", ["a": "b=c"], 0),
        ("broken,a=1", ["a": "1"], 1),
        ("=x,a=1", ["a": "1"], 1),
        ("", [:], 0),
    ] as [(String, [String: String], Int)])
    func headerLists(raw: String, expected: [String: String], malformed: Int) {
        let parsed = OTLPEnvironment.parseHeaders(raw)
        #expect(parsed.headers == expected)
        #expect(parsed.malformed.count == malformed)
    }

    @Test func tracesHeadersOverrideGeneralOnesAndTheFileOverridesBoth() throws {
        var config = OTLPExportConfig()
        config.headers = ["X-Team": "file"]
        let (settings, _) = resolve([
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318",
            "OTEL_EXPORTER_OTLP_HEADERS": "x-team=general,x-general=1",
            "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "x-team=traces,x-traces=2",
        ], config: config)
        let headers = try #require(settings).headers
        #expect(headers == [.init(name: "x-general", value: "1"), .init(name: "x-team", value: "file"),
                            .init(name: "x-traces", value: "2")])
    }

    @Test(arguments: [
        // (variables, expected timeout s, expected protocol, warnings)
        ([:], 10.0, OTLPExportConfig.WireProtocol.protobuf, 0),
        (["OTEL_EXPORTER_OTLP_TIMEOUT": "2500"], 2.5, .protobuf, 0),
        (["OTEL_EXPORTER_OTLP_TIMEOUT": "2500", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT": "700"], 0.7, .protobuf, 0),
        (["OTEL_EXPORTER_OTLP_TIMEOUT": "soon"], 10.0, .protobuf, 1),
        (["OTEL_EXPORTER_OTLP_TIMEOUT": "-3"], 10.0, .protobuf, 1),
        (["OTEL_EXPORTER_OTLP_PROTOCOL": "http/json"], 10.0, .json, 0),
        (["OTEL_EXPORTER_OTLP_PROTOCOL": "http/json", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/protobuf"], 10.0, .protobuf, 0),
        (["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"], 10.0, .protobuf, 1),
        (["OTEL_EXPORTER_OTLP_PROTOCOL": "carrier-pigeon"], 10.0, .protobuf, 1),
    ] as [([String: String], Double, OTLPExportConfig.WireProtocol, Int)])
    func timeoutAndProtocol(variables: [String: String], timeout: Double, wire: OTLPExportConfig.WireProtocol, warnings: Int) throws {
        var environment = variables
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://c:4318"
        let (settings, said) = resolve(environment)
        let resolved = try #require(settings)
        #expect(resolved.timeout == timeout)
        #expect(resolved.wireProtocol == wire)
        #expect(said.count == warnings, "\(said)")
    }

    @Test func theFileWinsFieldByFieldAndTheEnvironmentFillsTheRest() throws {
        var config = OTLPExportConfig()
        config.timeout = 3
        config.queueSize = 100
        config.batchSize = 500
        config.retryInitialBackoff = 0.2
        let resolved = try #require(resolve([
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://env:4318", "OTEL_EXPORTER_OTLP_TIMEOUT": "9000",
            "OTEL_SERVICE_NAME": "gw-eu", "OTEL_BSP_SCHEDULE_DELAY": "1500",
        ], config: config).settings)
        #expect(resolved.endpoint == "http://env:4318/v1/traces")
        #expect(resolved.timeout == 3)
        #expect(resolved.serviceName == "gw-eu")
        #expect(resolved.scheduleDelay == 1.5)
        #expect(resolved.queueSize == 100)
        // A batch never exceeds the queue.
        #expect(resolved.batchSize == 100)
        #expect(resolved.retry.initialBackoff == 0.2)
    }

    @Test func enabledFalseInTheFileTurnsTheEnvironmentOff() {
        var config = OTLPExportConfig()
        config.enabled = false
        #expect(resolve(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"], config: config).settings == nil)
    }

    @Test func defaultsAreTheBatchProcessors() throws {
        let resolved = try #require(resolve(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"]).settings)
        #expect(resolved.queueSize == 2_048)
        #expect(resolved.batchSize == 512)
        #expect(resolved.scheduleDelay == 5)
        #expect(resolved.serviceName == "switchyard")
        #expect(resolved.headers.isEmpty)
    }
}

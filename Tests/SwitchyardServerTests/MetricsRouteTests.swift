import AsyncHTTPClient
import Logging
import NIOCore
import SwitchyardCore
@testable import SwitchyardGateway
import Testing

/// Answers every attempt at once with fixed token counts.
private struct InstantTransport: UpstreamTransport {
    func send(_ call: UpstreamCall) async -> Result<UpstreamSuccess, UpstreamFailure> {
        .success(UpstreamSuccess(inputTokens: 10, outputTokens: 20))
    }
}

private func metricsEngine() throws -> GatewayEngine {
    let catalog = Catalog(
        providers: [ProviderSpec(name: "p", kind: .openai)],
        deployments: [DeploymentSpec(id: "m/p", model: "m", provider: "p", upstreamModel: "up",
                                     price: Price(inputPerMTok: 1, outputPerMTok: 1))],
        models: [ModelGroupSpec(name: "m", strategy: .weighted, deployments: ["m/p"])])
    return try GatewayEngine(catalog: catalog, transport: InstantTransport())
}

@Suite struct MetricsRouteTests {
    @Test func getMetricsServesTheExpositionOverHTTP() async throws {
        let engine = try metricsEngine()
        _ = await engine.handle(GatewayRequest(id: "a", model: "m", inputTokens: 10))
        _ = await engine.handle(GatewayRequest(id: "b", model: "m", inputTokens: 10))
        let ingress = GatewayIngress(engine: engine, maxBodyBytes: 1 << 20)
        let (addresses, continuation) = AsyncStream.makeStream(of: String.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await GatewayServer.serve(ingress: ingress, host: "127.0.0.1", port: 0,
                                              logger: Logger(label: "metrics-test")) { continuation.yield($0) }
            }
            var iterator = addresses.makeAsyncIterator()
            let address = try #require(await iterator.next())
            defer { group.cancelAll() }
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://\(address)/metrics"), timeout: .seconds(30))
            #expect(response.status.code == 200)
            #expect(response.headers.first(name: "content-type") == "text/plain; version=0.0.4; charset=utf-8")
            let text = String(buffer: try await response.body.collect(upTo: 1 << 22))
            // The engine's exposition, then the process's own figures.
            #expect(text.hasPrefix(PrometheusExposition.render(engine.metricsSnapshot())))
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("process_resident_memory_bytes ") })
            #expect(lines.contains { $0.hasPrefix("process_open_fds ") })
            #expect(lines.contains(#"switchyard_requests_total{model="m",code="200",status_class="2xx"} 2"#))
            #expect(lines.contains(#"switchyard_tokens_total{deployment="m/p",provider="p",model="m",direction="output"} 40"#))
            #expect(lines.contains("# TYPE switchyard_upstream_attempts_total counter"))
            #expect(lines.filter { $0 == "# TYPE switchyard_request_duration_seconds histogram" }.count == 1)
        }
    }
}

import Testing
@testable import SwitchyardCore

@Suite struct MetricsExpositionTests {
    @Test func theExpositionOfAScriptedRunParsesAndCarriesTheCounters() async throws {
        let h = try await scriptedMetricsRun()
        let text = PrometheusExposition.render(h.engine.metricsSnapshot())
        let p = try ParsedExposition(text)
        try p.checkHistograms()
        #expect(p.types["switchyard_requests_total"] == "counter")
        #expect(p.types["switchyard_request_duration_seconds"] == "histogram")
        #expect(p.types["switchyard_time_to_first_token_seconds"] == "histogram")
        #expect(p.types["switchyard_upstream_attempts_total"] == "counter")
        #expect(p.types["switchyard_tokens_total"] == "counter")
        #expect(p.types["switchyard_spend_usd_total"] == "counter")
        #expect(p.types["switchyard_fallbacks_total"] == "counter")
        #expect(p.types["switchyard_breaker_state"] == "gauge")
        #expect(p.types["switchyard_in_flight_requests"] == "gauge")

        #expect(p.value("switchyard_requests_total", ["model": "gpt", "code": "200", "status_class": "2xx"]) == 3)
        #expect(p.value("switchyard_requests_total", ["model": "gpt", "code": "400", "status_class": "4xx"]) == 1)
        #expect(p.value("switchyard_requests_total", ["model": "(unknown)", "code": "404"]) == 1)
        let openai = ["deployment": "gpt/openai", "provider": "openai", "model": "gpt"]
        #expect(p.value("switchyard_upstream_attempts_total", openai.merging(["outcome": "5xx"]) { $1 }) == 1)
        #expect(p.value("switchyard_upstream_attempts_total", openai.merging(["outcome": "timeout"]) { $1 }) == 1)
        #expect(p.value("switchyard_upstream_attempts_total", openai.merging(["outcome": "429"]) { $1 }) == 0)
        #expect(p.value("switchyard_tokens_total", openai.merging(["direction": "output"]) { $1 }) == 200)
        #expect(p.value("switchyard_tokens_total", openai.merging(["direction": "input"]) { $1 }) == 1000)
        #expect(p.value("switchyard_fallbacks_total", ["model": "gpt", "scope": "deployment"]) == 2)
        #expect(p.value("switchyard_deployment_cooling", ["deployment": "gpt/azure"]) == 1)
        #expect(p.value("switchyard_deployment_weight", ["deployment": "gpt/openai"]) == 3)
        #expect(p.value("switchyard_in_flight_requests") == 0)
        #expect(p.value("switchyard_request_duration_seconds_bucket", ["model": "gpt", "le": "0.1"]) == 2)
        #expect(p.value("switchyard_request_duration_seconds_bucket", ["model": "gpt", "le": "+Inf"]) == 4)
        #expect(p.value("switchyard_request_duration_seconds_count", ["model": "gpt"]) == 4)
        let spend = try #require(p.value("switchyard_spend_usd_total", ["deployment": "gpt/openai"]))
        #expect(abs(spend - 0.0045) < 1e-12)
    }

    @Test func renderingIsStable() async throws {
        let h = try await scriptedMetricsRun()
        let a = PrometheusExposition.render(h.engine.metricsSnapshot())
        let b = PrometheusExposition.render(h.engine.metricsSnapshot())
        #expect(a == b)
        let families = a.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        #expect(families.first == "switchyard_requests_total")
        #expect(Set(families).count == families.count)
    }

    @Test func labelValuesAreEscaped() throws {
        let nasty = "a\\b\"c\nd"
        let empty = HistogramSnapshot(bounds: MetricsBuckets.latency.bounds,
                                      cumulativeCounts: Array(repeating: 0, count: MetricsBuckets.latency.slots), sum: 0)
        let deployment = DeploymentMetrics(
            id: nasty, model: "m", provider: "p\"", upstreamModel: "u", attempts: [.ok: 7], latency: empty,
            inputTokens: 1, outputTokens: 2, spendUSD: 0.25, breaker: .open, cooling: false, enabled: true,
            weight: 0.5, inFlight: 0)
        let model = ModelMetrics(name: nasty, requests: [StatusCount(code: 503, count: 2)], duration: empty,
                                 timeToFirstToken: empty, fallbacks: [:])
        let snapshot = MetricsSnapshot(inFlightRequests: 3, deployments: [deployment], models: [model],
                                       unknownModelRequests: [])
        let text = PrometheusExposition.render(snapshot)
        #expect(text.contains(#"deployment="a\\b\"c\nd""#))
        #expect(text.split(separator: "\n").allSatisfy { !$0.isEmpty })
        let p = try ParsedExposition(text)
        try p.checkHistograms()
        #expect(p.value("switchyard_upstream_attempts_total", ["deployment": nasty, "outcome": "ok"]) == 7)
        #expect(p.value("switchyard_upstream_attempts_total", ["deployment": nasty, "outcome": "5xx"]) == 0)
        #expect(p.value("switchyard_requests_total", ["model": nasty, "code": "503", "status_class": "5xx"]) == 2)
        #expect(p.value("switchyard_breaker_state", ["provider": "p\"", "state": "open"]) == 1)
        #expect(p.value("switchyard_breaker_state", ["provider": "p\"", "state": "closed"]) == 0)
        #expect(p.value("switchyard_deployment_weight", ["deployment": nasty]) == 0.5)
        #expect(p.value("switchyard_spend_usd_total", ["deployment": nasty]) == 0.25)
        #expect(p.value("switchyard_in_flight_requests") == 3)
        #expect(PrometheusExposition.escapeLabelValue("plain") == "plain")
    }

    @Test func valuesUsePrometheusSpellings() {
        #expect(PrometheusExposition.formatValue(3) == "3")
        #expect(PrometheusExposition.formatValue(0.25) == "0.25")
        #expect(PrometheusExposition.formatValue(.infinity) == "+Inf")
        #expect(PrometheusExposition.formatValue(-.infinity) == "-Inf")
        #expect(PrometheusExposition.formatValue(.nan) == "NaN")
        #expect(Double(PrometheusExposition.formatValue(1e-7)) == 1e-7)
    }
}

import NIOCore
import NIOHTTP1
import SwitchyardCore
import SwitchyardHTTP

/// `GET /metrics`: the engine's cumulative counters and gauges in the Prometheus text format.
enum MetricsRoute {
    /// The exposition of `engine` now, with the process's own figures, as a response.
    static func response(_ engine: GatewayEngine) -> ServerResponse {
        let text = PrometheusExposition.render(engine.metricsSnapshot(), process: ProcessSampler.sample())
        var fields = HTTPHeaders()
        fields.add(name: "content-type", value: PrometheusExposition.contentType)
        return ServerResponse(status: .ok, headers: fields, body: .bytes(ByteBuffer(string: text)))
    }
}

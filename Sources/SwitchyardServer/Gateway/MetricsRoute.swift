import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardCore

/// `GET /metrics`: the engine's cumulative counters and gauges in the Prometheus text format.
struct MetricsRoute: Sendable {
    let engine: GatewayEngine

    /// Registers the route on `router`.
    func add(to router: Router<GatewayContext>) {
        let engine = self.engine
        router.get("/metrics") { _, _ in Self.response(engine) }
    }

    /// The exposition of `engine` now, as a response.
    static func response(_ engine: GatewayEngine) -> Response {
        let text = PrometheusExposition.render(engine.metricsSnapshot())
        var fields = HTTPFields()
        fields[.contentType] = PrometheusExposition.contentType
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

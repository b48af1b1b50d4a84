import Foundation
import SwitchyardCore
import Testing

/// W3C trace context through the gateway: a client's trace is continued upstream with a span of our own.
@Suite struct GatewayTraceContextTests {
    @Test func theClientsTraceIsContinuedUpstream() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: { GatewayYAML.single($0[0]) }) { gw in
            let sent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"), headers: [("traceparent", sent)])
            #expect(response.status == 200)
            #expect(response.headers.first(name: "x-switchyard-trace-id") == "4bf92f3577b34da6a3ce929d0e0e4736")
            let upstream = try #require(gw.sims[0].server.recentRequests.last?.headers["traceparent"])
            let context = try #require(TraceContext(traceparent: upstream))
            #expect(context.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
            #expect(context.parentSpanID != "00f067aa0ba902b7", "the upstream call is a span of its own")
        }
    }

    @Test func aRequestWithoutATraceStartsOne() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: { GatewayYAML.single($0[0]) }) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"),
                                              headers: [("traceparent", "00-zz-bad-01")])
            let traceID = try #require(response.headers.first(name: "x-switchyard-trace-id"))
            #expect(traceID.count == 32)
            let upstream = try #require(gw.sims[0].server.recentRequests.last?.headers["traceparent"])
            #expect(TraceContext(traceparent: upstream)?.traceID == traceID)
        }
    }
}

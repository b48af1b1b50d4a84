import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// `GET /v1/traces` and `GET /v1/traces/{id}` over the real control socket, the ring and the archive behind them.
@Suite(.serialized) struct TraceRouteTests {
    /// Six traces a minute apart: three models, two failures, one fallback, latencies 0.5…3 s.
    static let traces: [RequestTrace] = (0..<6).map(sample)

    static func sample(_ i: Int) -> RequestTrace {
        let models = ["gpt-4o", "claude", "gpt-4o-mini"]
        let even = i % 2 == 0
        let time: Double = TraceSamples.start + Double(i) * 60
        let latency: Double = 0.5 + Double(i) * 0.5
        return TraceSamples.trace(
            i, time: time, model: models[i % 3], status: i == 2 || i == 5 ? 503 : 200,
            key: even ? "team-a/ci" : "team-b/web", team: even ? "team-a" : "team-b", latency: latency,
            fellBack: i == 4)
    }

    /// Records the traces and archives them; the ring keeps only the newest three, so lists merge both.
    private func recorded(_ control: TracedControl) async throws {
        for trace in Self.traces { control.recorder.record(trace) }
        _ = try await control.recorder.flush()
        #expect(try control.store.count() == Self.traces.count)
    }

    private func list(_ client: ControlClient, _ query: String) async throws -> [String] {
        let reply = try await send(client, "GET", "/v1/traces" + (query.isEmpty ? "" : "?" + query))
        #expect(reply.status == 200, "\(query): \(reply.text)")
        return try reply.decode(TraceList.self).traces.map(\.id)
    }

    private func ids(_ indices: [Int]) -> [String] { indices.map { Self.traces[$0].id } }

    @Test func listsFilterByEveryParameterNewestFirst() async throws {
        try await TracedControl.with { control in
            try await recorded(control)
            let client = control.running.client
            #expect(try await list(client, "") == ids([5, 4, 3, 2, 1, 0]))
            #expect(try await list(client, "model=claude") == ids([4, 1]))
            #expect(try await list(client, "status=503") == ids([5, 2]))
            #expect(try await list(client, "status=%3E%3D500") == ids([5, 2]))
            #expect(try await list(client, "status=5xx&model=gpt-4o-mini") == ids([5, 2]))
            #expect(try await list(client, "key=team-b/web") == ids([5, 3, 1]))
            #expect(try await list(client, "team=team-a") == ids([4, 2, 0]))
            #expect(try await list(client, "min_latency=2s") == ids([5, 4, 3]))
            #expect(try await list(client, "min_latency=1750ms") == ids([5, 4, 3]))
            #expect(try await list(client, "fallback=true") == ids([4]))
            #expect(try await list(client, "fallback=false&team=team-a") == ids([2, 0]))
            #expect(try await list(client, "limit=2") == ids([5, 4]))
            let t = TraceSamples.start
            #expect(try await list(client, "since=\(Int(t) + 60)&until=\(Int(t) + 181)") == ids([3, 2, 1]))
            #expect(try await list(client, "since=2027-01-15T08:10:00Z") == [], "all traces are older")
            #expect(try await list(client, "filter=ok%20!key%3Dteam-a/ci") == ids([3, 1]))
        }
    }

    @Test func summariesCarryTheListFields() async throws {
        try await TracedControl.with { control in
            try await recorded(control)
            let reply = try await send(control.running.client, "GET", "/v1/traces?limit=1")
            let object = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
            let first = try #require((object["traces"] as? [[String: Any]])?.first)
            for field in ["id", "trace_id", "time", "model", "served_by", "status", "latency", "ttft", "cost", "tokens",
                          "attempts", "fell_back", "key", "team"] {
                #expect(first[field] != nil, "missing \(field) in \(first)")
            }
            let newest = try #require(Self.traces.last)
            #expect(first["id"] as? String == newest.id)
            #expect(first["trace_id"] as? String == newest.traceID)
            #expect(first["attempts"] as? Int == 2)
            #expect((first["tokens"] as? [String: Int]) == ["input": 1_200, "output": 340])
        }
    }

    @Test func badParametersAre400NamingTheParameter() async throws {
        try await TracedControl.with { control in
            let client = control.running.client
            let cases: [(String, String)] = [
                ("status=abc", "status"), ("filter=stauts%3E1", "did you mean 'status'"),
                ("min_latency=soon", "bad duration"), ("limit=0", "limit"), ("limit=5000", "limit"),
                ("since=yesterday", "since 'yesterday'"), ("fallback=maybe", "fallback"), ("sort=time", "unknown parameter 'sort'"),
                ("model=a%20b", "spaces"), ("format=xml", "format"), ("since=10m&until=20m", "until must be after since"),
            ]
            for (query, fragment) in cases {
                let reply = try await send(client, "GET", "/v1/traces?" + query)
                #expect(reply.status == 400, "\(query): \(reply.status) \(reply.text)")
                #expect(reply.errorMessage?.contains(fragment) == true, "\(query): \(reply.text)")
            }
        }
    }

    /// A trace as the control API serves it: numbers without float noise (0.155, not 0.15500000000000003).
    static func asServed(_ trace: RequestTrace) throws -> RequestTrace {
        try ControlJSON.decode(RequestTrace.self, from: ControlJSON.encode(trace))
    }

    @Test func oneTraceIsTheRecordersJSONAndTheFeedDecodesIt() async throws {
        try await TracedControl.with { control in
            try await recorded(control)
            let client = control.running.client
            // The oldest is only in the archive, the newest also in the ring.
            for trace in [Self.traces[0], Self.traces[5]] {
                let reply = try await send(client, "GET", "/v1/traces/\(trace.id)")
                #expect(reply.status == 200)
                #expect(try reply.decode(RequestTrace.self) == (try Self.asServed(trace)))
                // Field names in snake_case, as everywhere in the control API.
                #expect(reply.text.contains(#""trace_id":"\#(trace.traceID)""#), "\(reply.text)")
                #expect(!reply.text.contains("traceID"), "\(reply.text)")
            }
            let missing = try await send(client, "GET", "/v1/traces/req-nope")
            #expect(missing.status == 404)
            #expect(missing.errorMessage == "no trace for request 'req-nope'")

            // The dashboard's socket feed reads the same route.
            let feed = SocketFeed(socketPath: control.running.socketPath)
            var fetched: RequestTrace?
            var absent: RequestTrace?
            var failure: (any Error)?
            do {
                fetched = try await feed.trace(id: Self.traces[0].id)
                absent = try await feed.trace(id: "req-nope")
            } catch {
                failure = error
            }
            await feed.shutdown()
            if let failure { throw failure }
            #expect(try fetched == Self.asServed(Self.traces[0]))
            #expect(absent == nil)
        }
    }

    @Test func otlpFormatExportsOneTraceOrAList() async throws {
        try await TracedControl.with { control in
            try await recorded(control)
            let client = control.running.client
            let one = try await send(client, "GET", "/v1/traces/\(Self.traces[1].id)?format=otlp")
            #expect(one.status == 200)
            let export = try one.decode(OTLPTraceExport.self)
            let spans = export.resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans)
            #expect(spans.count == Self.traces[1].spans.count)
            #expect(Set(spans.map(\.traceId)) == [Self.traces[1].traceID])
            let listed = try await send(client, "GET", "/v1/traces?status=503&format=otlp")
            let all = try listed.decode(OTLPTraceExport.self).resourceSpans.flatMap(\.scopeSpans).flatMap(\.spans)
            #expect(Set(all.map(\.traceId)) == [Self.traces[2].traceID, Self.traces[5].traceID])
        }
    }

    @Test func withoutTracingTheRoutesSaySo() async throws {
        try await TracedControl.with(tracing: false) { control in
            for path in ["/v1/traces", "/v1/traces/req-1"] {
                let reply = try await send(control.running.client, "GET", path)
                #expect(reply.status == 503)
                #expect(reply.errorMessage?.contains("tracing is off") == true, "\(reply.text)")
            }
        }
    }
}

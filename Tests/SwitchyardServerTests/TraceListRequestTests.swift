@testable import SwitchyardControl
import SwitchyardCore
import Testing

/// Query parameters of `GET /v1/traces` into one filter, a time range and a limit.
@Suite struct TraceListRequestTests {
    private func request(_ parameters: [(String, String)]) throws -> TraceListRequest {
        try TraceListRequest(parameters: parameters, now: 10_000)
    }

    @Test func parametersBecomeFilterTerms() throws {
        let r = try request([
            ("model", "gpt-4o"), ("status", ">=500"), ("key", "ci"), ("team", "a"), ("min_latency", "250ms"),
            ("fallback", "true"), ("filter", "!stream tokens>10"),
        ])
        #expect(r.query.filter.description == "model=gpt-4o status>=500 key=ci team=a latency>=250ms fallback !stream tokens>10")
        #expect(r.query.limit == TraceListRequest.defaultLimit)
        #expect(!r.otlp)
        #expect(try request([("status", "5xx")]).query.filter.description == "status=5xx")
        #expect(try request([("status", "429")]).query.filter.description == "status=429")
        #expect(try request([("fallback", "false")]).query.filter.description == "!fallback")
    }

    @Test func timesAreEpochISOOrRelativeToNow() throws {
        let r = try request([("since", "15m"), ("until", "1970-01-01T02:40:00Z"), ("limit", "7"), ("format", "otlp")])
        #expect(r.query.since == 9_100.0)
        #expect(r.query.until == 9_600.0)
        #expect(r.query.limit == 7)
        #expect(r.otlp)
        #expect(try request([("since", "5000")]).query.since == 5_000.0)
    }

    @Test func errorsNameTheParameter() {
        for (name, value) in [("status", "lots"), ("min_latency", "1x"), ("filter", "stauts>1"), ("limit", "1001")] {
            let error = #expect(throws: TraceRequestError.self) { try request([(name, value)]) }
            let fragment = name == "filter" ? "filter: unknown field 'stauts'" : name
            #expect(error?.message.contains(fragment) == true, "\(name)=\(value): \(String(describing: error))")
        }
    }
}

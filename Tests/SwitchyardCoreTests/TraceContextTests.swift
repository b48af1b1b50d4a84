import Testing
@testable import SwitchyardCore

@Suite struct TraceContextTests {
    @Test func parsesAValidTraceparent() throws {
        let context = try #require(TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        #expect(context.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(context.parentSpanID == "00f067aa0ba902b7")
        #expect(context.sampled)
        #expect(context.traceparent(spanID: "b7ad6b7169203331") == "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01")
        // Surrounding whitespace is allowed; a later version is read by its version-00 fields.
        #expect(TraceContext(traceparent: " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00 ")?.sampled == false)
        #expect(TraceContext(traceparent: "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra") != nil)
    }

    @Test(arguments: [
        "", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",            // too few fields
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",                       // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",                       // zero parent id
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",                       // upper case
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",                       // forbidden version
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",                 // version 00 has 4 fields
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",                        // short trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01",                       // not hex
    ])
    func refusesInvalidTraceparents(_ header: String) {
        #expect(TraceContext(traceparent: header) == nil)
    }

    @Test func newTracesAndSpansAreWellFormed() throws {
        let trace = TraceContext.new()
        let header = trace.traceparent(spanID: TraceContext.newSpanID())
        let parsed = try #require(TraceContext(traceparent: header))
        #expect(parsed.traceID == trace.traceID)
        #expect(TraceContext.new().traceID != trace.traceID)
    }
}

import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import Testing

/// The text `switchyard ctl trace` prints for a known trace.
@Suite struct TraceWaterfallTests {
    @Test func aKnownTraceRendersAsTheGolden() {
        let text = TraceWaterfall.render(TraceSamples.trace(7, key: "team-a/ci"))
        #expect(text == Self.golden, "got:\n\(text)")
    }

    @Test func barsSpanTheirShareOfTheAxis() {
        #expect(TraceWaterfall.bar(start: 0, duration: 1, total: 1, width: 10) == "━━━━━━━━━━")
        #expect(TraceWaterfall.bar(start: 0.5, duration: 0.25, total: 1, width: 10) == "     ━━━  ")
        // A span too short to see still gets one cell, at its start.
        #expect(TraceWaterfall.bar(start: 0.999, duration: 0, total: 1, width: 10) == "         ━")
    }

    @Test func depthFollowsParents() {
        let spans = [
            TraceSpan(spanID: "a", parentSpanID: "client", name: .request, start: 0, duration: 1),
            TraceSpan(spanID: "b", parentSpanID: "a", name: .attempt, start: 0, duration: 1),
            TraceSpan(spanID: "c", parentSpanID: "b", name: .backoff, start: 0, duration: 1),
        ]
        #expect(TraceWaterfall.depthByID(spans) == ["a": 0, "b": 1, "c": 2])
    }

    static let golden = """
        request req-000007  trace 00000000000000000000000000abc007
        gpt-4o → gpt-4o/azure · status 200 · 1300ms · ttft 515ms · $0.006400 · tokens 1200 in / 340 out · 2 attempts
        2027-01-15 08:00:00.250 UTC · key team-a/ci · team team-a

            START  DURATION  TIMELINE                                    SPAN
            0.0ms    1300ms  |━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━|  request  http.status=200
            0.0ms     0.8ms  |━                                       |    ingress.parse
            0.8ms     0.4ms  |━                                       |    auth  key=team-a/ci
            1.2ms     0.6ms  |━                                       |    admission
            1.8ms     0.2ms  |━                                       |    route  deployment=gpt-4o/openai
                                                                             ▶ gpt-4o/openai  available  weight 3  share 60%  avg 420ms  priority 0  picked
                                                                               gpt-4o/azure  available  weight 2  share 40%  avg 550ms  priority 0
                                                                               gpt-4o/bedrock  cooling  weight 1  priority 1
            4.0ms     250ms  |━━━━━━━━                                |    attempt ✗  deployment=gpt-4o/openai http.status=503 error.class=5xx “upstream 503”
            254ms      50ms  |       ━━━                              |    backoff  reason="next deployment after 503"
            305ms     955ms  |         ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ |    attempt  deployment=gpt-4o/azure http.status=200 ttft=0.21 tokens.output=340
           1260ms      40ms  |                                      ━━|    response.write
        """
}

import Foundation
import SwitchyardCore
@testable import SwitchyardGateway
import Testing

/// The access log's two formats: logfmt that quotes what needs quoting, and JSON with the same fields.
@Suite struct AccessLogLineTests {
    let record = RequestRecord(
        id: "req_1", time: 1_796_600_000, model: "chat", servedBy: "chat/openai", key: "search/ci", team: "search",
        status: 502, latency: 0.8123, timeToFirstToken: nil, inputTokens: 12, outputTokens: 0, cost: 0.000215,
        stream: false, fellBack: true, errorMessage: "upstreams of 'chat' failed: 503 = busy", attempts: [])

    @Test func textIsLogfmtWithQuotedValues() {
        let line = AccessLog(format: .text) { _ in }.line(record, traceID: "abc")
        #expect(line.hasPrefix("time=2026-"))
        #expect(line.contains(" request_id=req_1 trace_id=abc key=search/ci team=search model=chat deployment=chat/openai status=502 "))
        #expect(line.contains(" fell_back=true latency_ms=812.3 "))
        #expect(line.hasSuffix(#" error="upstreams of 'chat' failed: 503 = busy""#))
        #expect(!line.contains("\n"))
    }

    @Test func jsonHasTheSameFields() throws {
        let line = AccessLog(format: .json) { _ in }.line(record, traceID: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["status"] as? Int == 502)
        #expect(object["cost"] as? Double == 0.000215)
        #expect(object["trace_id"] == nil)
        #expect(object["attempts"] as? Int == 0)
    }
}

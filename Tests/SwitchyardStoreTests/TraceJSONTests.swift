import Foundation
import SwitchyardCore
import Testing
@testable import SwitchyardStore

/// The archive's own trace encoder writes what `RequestTrace`'s `Decodable` reads back, field for field.
struct TraceJSONTests {
    @Test(arguments: [0, 1, 2, 3, 5, 8])
    func roundTripsThroughTheStandardDecoder(_ i: Int) throws {
        var trace = TraceFixtures.trace(i, time: 1_790_000_000.123456 + Double(i), status: i % 3 == 0 ? 502 : 200,
                                        key: i % 2 == 0 ? nil : "team-a/ci", fellBack: i % 2 == 1)
        if i % 2 == 0 {
            trace.requestBody = #"{"messages":[{"role":"user","content":"line\nbreak \"quoted\" \u{1F680} tab\t"}]}"#
            trace.responseBody = "data: {\"x\":1}\n\n"
            trace.bodyTruncated = true
            trace.parentSpanID = "00f067aa0ba902b7"
        }
        let json = TraceJSON.encode(trace)
        let decoded = try JSONDecoder().decode(RequestTrace.self, from: Data(json.utf8))
        #expect(decoded == trace)
    }

    @Test func writesTheStandardEncodersKeys() throws {
        let trace = TraceFixtures.trace(3, time: 1_790_000_000, fellBack: true)
        let ours = try JSONSerialization.jsonObject(with: Data(TraceJSON.encode(trace).utf8)) as? NSDictionary
        let standard = try JSONSerialization.jsonObject(with: JSONEncoder().encode(trace)) as? NSDictionary
        #expect(ours != nil)
        #expect(ours == standard)
    }
}

import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import Testing

/// The export against the OTLP/JSON shape (opentelemetry-proto's JSON mapping), read back as plain JSON so the
/// test checks field names and encodings, not our own Codable types.
@Suite struct OTLPTraceEncoderTests {
    private func json(_ traces: [RequestTrace]) throws -> [String: Any] {
        let data = try JSONEncoder().encode(OTLPTraceEncoder.export(traces, version: "1.2.3"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func spans(_ root: [String: Any]) throws -> [[String: Any]] {
        let resourceSpans = try #require(root["resourceSpans"] as? [[String: Any]])
        let scopeSpans = try #require(resourceSpans.first?["scopeSpans"] as? [[String: Any]])
        return try #require(scopeSpans.first?["spans"] as? [[String: Any]])
    }

    private func attributes(_ object: [String: Any]) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for kv in object["attributes"] as? [[String: Any]] ?? [] {
            if let key = kv["key"] as? String, let value = kv["value"] as? [String: Any] { out[key] = value }
        }
        return out
    }

    @Test func resourceAndScopeNameTheGateway() throws {
        let root = try json([TraceSamples.trace(1)])
        let resourceSpans = try #require(root["resourceSpans"] as? [[String: Any]])
        #expect(resourceSpans.count == 1)
        let resource = try #require(resourceSpans[0]["resource"] as? [String: Any])
        #expect(attributes(resource)["service.name"]?["stringValue"] as? String == "switchyard")
        let scope = try #require((resourceSpans[0]["scopeSpans"] as? [[String: Any]])?.first?["scope"] as? [String: Any])
        #expect(scope["name"] as? String == "switchyard")
        #expect(scope["version"] as? String == "1.2.3")
    }

    @Test func spansHaveHexIDsNanosAsStringsKindsAndStatus() throws {
        let trace = TraceSamples.trace(1)
        let spans = try spans(try json([trace]))
        #expect(spans.count == trace.spans.count)
        for (span, source) in zip(spans, trace.spans) {
            #expect(span["traceId"] as? String == trace.traceID)
            let traceID = try #require(span["traceId"] as? String)
            #expect(traceID.count == 32 && traceID.allSatisfy(\.isHexDigit))
            let spanID = try #require(span["spanId"] as? String)
            #expect(spanID == source.spanID && spanID.count == 16)
            // The request and its attempts are named for the GenAI operation; other steps keep their names.
            switch source.name {
            case .request: #expect(span["name"] as? String == "chat gpt-4o")
            case .attempt: #expect(span["name"] as? String == "chat")
            default: #expect(span["name"] as? String == source.name.rawValue)
            }
            // Nanoseconds are decimal strings (uint64 in the JSON mapping), never numbers.
            let start = try #require(span["startTimeUnixNano"] as? String)
            let end = try #require(span["endTimeUnixNano"] as? String)
            let startNanos = try #require(UInt64(start)), endNanos = try #require(UInt64(end))
            let expectedStart = UInt64((trace.record.time * 1e6).rounded()) * 1_000 + UInt64((source.start * 1e9).rounded())
            #expect(startNanos == expectedStart)
            #expect(endNanos - startNanos == UInt64((source.duration * 1e9).rounded()))
            let kind = try #require(span["kind"] as? Int)
            switch source.name {
            case .request: #expect(kind == 2)
            case .attempt: #expect(kind == 3)
            default: #expect(kind == 1)
            }
            let status = try #require(span["status"] as? [String: Any])
            #expect(status["code"] as? Int == (source.status == .ok ? 1 : 2))
            if source.parentSpanID != nil { #expect(span["parentSpanId"] as? String == source.parentSpanID) }
        }
        let failed = try #require(spans.first { ($0["status"] as? [String: Any])?["code"] as? Int == 2 })
        #expect((failed["status"] as? [String: Any])?["message"] as? String == "upstream 503")
    }

    @Test func theRootContinuesTheClientsSpanWhenThereIsOne() throws {
        let withClient = try spans(try json([TraceSamples.trace(2, clientSpan: "00f067aa0ba902b7")]))
        #expect(withClient[0]["parentSpanId"] as? String == "00f067aa0ba902b7")
        let alone = try spans(try json([TraceSamples.trace(2)]))
        #expect(alone[0]["parentSpanId"] == nil)
        #expect(alone[1]["parentSpanId"] as? String == alone[0]["spanId"] as? String)
    }

    @Test func attributesAreTypedAndCandidatesAreEvents() throws {
        let spans = try spans(try json([TraceSamples.trace(3)]))
        let root = attributes(spans[0])
        #expect(root["gen_ai.request.model"]?["stringValue"] as? String == "gpt-4o")
        // 64-bit integers are strings in the JSON mapping; doubles and bools are JSON numbers and booleans.
        #expect(root["http.response.status_code"]?["intValue"] as? String == "200")
        #expect(root["gen_ai.usage.output_tokens"]?["intValue"] as? String == "340")
        #expect(root["switchyard.cost_usd"]?["doubleValue"] as? Double == 0.0064)
        #expect(root["switchyard.fell_back"]?["boolValue"] as? Bool == false)
        let answered = attributes(spans[7])
        #expect(answered["switchyard.deployment"]?["stringValue"] as? String == "gpt-4o/azure")
        #expect(answered["http.response.status_code"]?["intValue"] as? String == "200")
        #expect(answered["switchyard.ttft"]?["doubleValue"] as? Double == 0.21)
        let route = try #require(spans.first { $0["name"] as? String == "route" })
        let events = try #require(route["events"] as? [[String: Any]])
        #expect(events.count == 3)
        #expect(events.allSatisfy { $0["name"] as? String == "route.candidate" && $0["timeUnixNano"] is String })
        let picked = events.map(attributes).filter { $0["picked"]?["boolValue"] as? Bool == true }
        #expect(picked.count == 1)
        #expect(picked.first?["deployment"]?["stringValue"] as? String == "gpt-4o/openai")
        #expect(picked.first?["share"]?["doubleValue"] as? Double == 0.6)
    }

    @Test func textValuesKeepIdentifiersAsStrings() {
        #expect(OTLPTraceEncoder.value("503") == .int(503))
        #expect(OTLPTraceEncoder.value("-2") == .int(-2))
        #expect(OTLPTraceEncoder.value("0.25") == .double(0.25))
        #expect(OTLPTraceEncoder.value("007") == .string("007"))
        #expect(OTLPTraceEncoder.value("1.2.3") == .string("1.2.3"))
        #expect(OTLPTraceEncoder.value("gpt-4o") == .string("gpt-4o"))
        #expect(OTLPTraceEncoder.value("") == .string(""))
    }

    @Test func manyTracesShareOneResource() throws {
        let traces = (0..<3).map { TraceSamples.trace($0) }
        let spans = try spans(try json(traces))
        #expect(spans.count == traces.reduce(0) { $0 + $1.spans.count })
        #expect(Set(spans.compactMap { $0["traceId"] as? String }) == Set(traces.map(\.traceID)))
    }
}

import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// Writes a `RequestTrace` as the JSON its synthesized `Decodable` reads back (same keys, nil fields left out),
/// without Foundation's `JSONEncoder`: archiving encodes every trace, and that encoder cost about 100 µs each.
public enum TraceJSON {
    /// The trace's JSON text.
    public static func encode(_ trace: RequestTrace) -> String {
        var w = JSONWriter(capacity: 2_048)
        w.beginObject()
        w.key("record")
        write(trace.record, to: &w)
        w.put(trace.traceID, "traceID")
        w.putIfPresent(trace.parentSpanID, "parentSpanID")
        w.putIfPresent(trace.traceState, "traceState")
        w.key("spans")
        w.beginArray()
        for span in trace.spans { write(span, to: &w) }
        w.endArray()
        w.putIfPresent(trace.requestBody, "requestBody")
        w.putIfPresent(trace.responseBody, "responseBody")
        w.put(trace.bodyTruncated, "bodyTruncated")
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private static func write(_ r: RequestRecord, to w: inout JSONWriter) {
        w.beginObject()
        w.put(r.id, "id")
        w.put(r.time, "time")
        w.put(r.model, "model")
        w.putIfPresent(r.servedBy, "servedBy")
        w.putIfPresent(r.key, "key")
        w.putIfPresent(r.team, "team")
        w.put(r.status, "status")
        w.put(r.latency, "latency")
        w.putIfPresent(r.timeToFirstToken, "timeToFirstToken")
        w.put(r.inputTokens, "inputTokens")
        w.put(r.outputTokens, "outputTokens")
        w.put(r.cost, "cost")
        w.put(r.stream, "stream")
        w.put(r.fellBack, "fellBack")
        w.putIfPresent(r.errorMessage, "errorMessage")
        w.key("attempts")
        w.beginArray()
        for a in r.attempts { write(a, to: &w) }
        w.endArray()
        w.endObject()
    }

    private static func write(_ a: AttemptRecord, to w: inout JSONWriter) {
        w.beginObject()
        w.put(a.index, "index")
        w.put(a.deployment, "deployment")
        w.put(a.model, "model")
        w.put(a.startOffset, "startOffset")
        w.put(a.latency, "latency")
        w.putIfPresent(a.timeToFirstToken, "timeToFirstToken")
        w.putIfPresent(a.status, "status")
        w.putIfPresent(a.errorClass?.rawValue, "errorClass")
        w.putIfPresent(a.retryAfter, "retryAfter")
        w.put(a.message, "message")
        w.put(a.decision.rawValue, "decision")
        w.put(a.backoff, "backoff")
        w.put(a.inputTokens, "inputTokens")
        w.put(a.outputTokens, "outputTokens")
        w.put(a.cost, "cost")
        w.endObject()
    }

    private static func write(_ s: TraceSpan, to w: inout JSONWriter) {
        w.beginObject()
        w.put(s.spanID, "spanID")
        w.putIfPresent(s.parentSpanID, "parentSpanID")
        w.put(s.name.rawValue, "name")
        w.put(s.start, "start")
        w.put(s.duration, "duration")
        w.put(s.status.rawValue, "status")
        w.putIfPresent(s.message, "message")
        w.key("attributes")
        w.beginArray()
        for attribute in s.attributes {
            w.beginObject()
            w.put(attribute.key, "key")
            w.put(attribute.value, "value")
            w.endObject()
        }
        w.endArray()
        if let candidates = s.candidates {
            w.key("candidates")
            w.beginArray()
            for c in candidates {
                w.beginObject()
                w.put(c.deployment, "deployment")
                w.put(c.state, "state")
                w.put(c.weight, "weight")
                w.putIfPresent(c.share, "share")
                w.putIfPresent(c.latency, "latency")
                w.put(c.priority, "priority")
                w.put(c.picked, "picked")
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }
}

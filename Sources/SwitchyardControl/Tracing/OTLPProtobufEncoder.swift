/// Writes an `OTLPTraceExport` in the protobuf binary encoding of opentelemetry-proto's
/// `ExportTraceServiceRequest` (`http/protobuf`, the OTLP default). Hand-written over the few messages a trace
/// export uses; the field numbers are those of `trace.proto`, `common.proto` and `resource.proto`.
public enum OTLPProtobufEncoder {
    /// The request's bytes.
    public static func encode(_ export: OTLPTraceExport) -> [UInt8] {
        var w = ProtobufWriter()
        for resourceSpans in export.resourceSpans {
            w.message(1) { w in
                w.message(1) { w in
                    for attribute in resourceSpans.resource.attributes { w.message(1) { keyValue(attribute, &$0) } }
                }
                for scopeSpans in resourceSpans.scopeSpans {
                    w.message(2) { w in
                        w.message(1) { w in
                            w.string(1, scopeSpans.scope.name)
                            if let version = scopeSpans.scope.version { w.string(2, version) }
                        }
                        for span in scopeSpans.spans { w.message(2) { encode(span, &$0) } }
                    }
                }
            }
        }
        return w.bytes
    }

    private static func encode(_ span: OTLPTraceExport.Span, _ w: inout ProtobufWriter) {
        w.bytes(1, hexBytes(span.traceId))
        w.bytes(2, hexBytes(span.spanId))
        if let state = span.traceState { w.string(3, state) }
        if let parent = span.parentSpanId { w.bytes(4, hexBytes(parent)) }
        w.string(5, span.name)
        w.varint(6, UInt64(span.kind))
        w.fixed64(7, UInt64(span.startTimeUnixNano) ?? 0)
        w.fixed64(8, UInt64(span.endTimeUnixNano) ?? 0)
        for attribute in span.attributes { w.message(9) { keyValue(attribute, &$0) } }
        for event in span.events ?? [] {
            w.message(11) { w in
                w.fixed64(1, UInt64(event.timeUnixNano) ?? 0)
                w.string(2, event.name)
                for attribute in event.attributes { w.message(3) { keyValue(attribute, &$0) } }
            }
        }
        w.message(15) { w in
            if let message = span.status.message { w.string(2, message) }
            w.varint(3, UInt64(span.status.code))
        }
    }

    private static func keyValue(_ kv: OTLPTraceExport.KeyValue, _ w: inout ProtobufWriter) {
        w.string(1, kv.key)
        w.message(2) { w in
            switch kv.value {
            case .string(let s): w.string(1, s)
            case .bool(let b): w.varint(2, b ? 1 : 0)
            case .int(let i): w.varint(3, UInt64(bitPattern: i))
            case .double(let d): w.fixed64(4, d.bitPattern)
            }
        }
    }

    /// The bytes a hex id spells (ids are lower-case hex of even length; anything else yields what parsed).
    static func hexBytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let nibble: UInt8
            switch c {
            case 48...57: nibble = c - 48
            case 97...102: nibble = c - 87
            case 65...70: nibble = c - 55
            default: return out
            }
            if let h = high {
                out.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return out
    }
}

/// Appends protobuf fields to a byte buffer. A nested message is built in a buffer of its own and copied in
/// behind its length (exports are small, and off the request path).
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ field: Int, _ value: UInt64) {
        tag(field, wireType: 0)
        raw(varint: value)
    }

    mutating func fixed64(_ field: Int, _ value: UInt64) {
        tag(field, wireType: 1)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func string(_ field: Int, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        tag(field, wireType: 2)
        raw(varint: UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func message(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        body(&inner)
        bytes(field, inner.bytes)
    }

    private mutating func tag(_ field: Int, wireType: UInt64) {
        raw(varint: UInt64(field) << 3 | wireType)
    }

    private mutating func raw(varint value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}

@testable import SwitchyardControl
import SwitchyardCore
import Testing

/// The hand-written protobuf encoding, checked on its building blocks (the end-to-end test parses whole exports
/// with the reference implementation).
@Suite struct OTLPProtobufEncoderTests {
    @Test func varintsTagsAndFixedWidth() {
        var w = ProtobufWriter()
        w.varint(1, 150)
        #expect(w.bytes == [0x08, 0x96, 0x01])
        w = ProtobufWriter()
        w.fixed64(7, 1)
        #expect(w.bytes == [0x39, 1, 0, 0, 0, 0, 0, 0, 0])
        w = ProtobufWriter()
        w.string(5, "hi")
        #expect(w.bytes == [0x2A, 2, 0x68, 0x69])
        w = ProtobufWriter()
        w.message(2) { $0.varint(3, 2) }
        #expect(w.bytes == [0x12, 2, 0x18, 2])
        // Negative int64 values take ten bytes, as two's complement.
        w = ProtobufWriter()
        w.varint(3, UInt64(bitPattern: -1))
        #expect(w.bytes == [0x18] + Array(repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func idsAreTheirBytes() {
        #expect(OTLPProtobufEncoder.hexBytes("00f067aa0ba902b7") == [0x00, 0xF0, 0x67, 0xAA, 0x0B, 0xA9, 0x02, 0xB7])
        #expect(OTLPProtobufEncoder.hexBytes("4bf92f3577b34da6a3ce929d0e0e4736").count == 16)
    }

    @Test func anExportStartsWithItsResourceSpans() {
        let bytes = OTLPProtobufEncoder.encode(OTLPTraceEncoder.export([TraceSamples.trace(1)], version: "1.0"))
        // Field 1 (resource_spans), length-delimited; the whole request is that one message.
        #expect(bytes.first == 0x0A)
        #expect(bytes.count > 500)
    }
}

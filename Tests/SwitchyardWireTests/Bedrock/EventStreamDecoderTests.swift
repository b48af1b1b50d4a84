import Foundation
@testable import SwitchyardWire
import Testing

@Suite struct EventStreamDecoderTests {
    /// A `messageStop` frame written by an independent encoder (Python's zlib CRC-32), byte for byte.
    static let messageStopFrame = hex(
        "0000007b00000051f74c6fd50b3a6576656e742d7479706507000b6d65737361676553746f700d3a636f6e74656e742d7479706507"
            + "00106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d747970650700056576656e747b2273746f7052656173"
            + "6f6e223a2022656e645f7475726e227de70e424b")

    static func hex(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            out.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }

    @Test func crcCheckValue() {
        #expect(EventStreamCRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func readsAFrameFromAnotherEncoder() throws {
        var decoder = EventStreamDecoder()
        let messages = try decoder.feed(Self.messageStopFrame)
        #expect(messages.count == 1)
        #expect(messages[0].kind == "messageStop")
        #expect(messages[0].messageType == "event")
        #expect(String(decoding: messages[0].payload, as: UTF8.self) == #"{"stopReason": "end_turn"}"#)
        #expect(try ConverseStreamEvent(messages[0]) == .messageStop(stopReason: "end_turn"))
        try decoder.finish()
        // The encoder writes the same bytes.
        #expect(EventStreamEncoder.event("messageStop", payload: messages[0].payload) == Self.messageStopFrame)
    }

    @Test func everyHeaderTypeRoundTrips() throws {
        let message = EventStreamMessage(headers: [
            ("t", .bool(true)), ("f", .bool(false)), ("b", .byte(-3)), ("s", .short(-300)), ("i", .integer(70_000)),
            ("l", .long(-5_000_000_000)), ("by", .bytes([0, 1, 255])), ("str", .string("héllo")),
            ("ts", .timestamp(1_700_000_000_000)), ("id", .uuid(Array(0..<16))),
        ], payload: Array("{}".utf8))
        var decoder = EventStreamDecoder()
        #expect(try decoder.feed(EventStreamEncoder.encode(message)) == [message])
    }

    @Test func framesSplitAtEveryByteAndJoinedInOneRead() throws {
        let frames = [
            EventStreamEncoder.event("messageStart", payload: Array(#"{"role":"assistant"}"#.utf8)),
            EventStreamEncoder.event("contentBlockDelta",
                                     payload: Array(#"{"contentBlockIndex":0,"delta":{"text":"Hi"}}"#.utf8)),
            Self.messageStopFrame,
        ]
        let bytes = frames.flatMap { $0 }
        var byteAtATime = EventStreamDecoder()
        var kinds: [String?] = []
        for byte in bytes { kinds += try byteAtATime.feed([byte]).map(\.kind) }
        #expect(kinds == ["messageStart", "contentBlockDelta", "messageStop"])
        try byteAtATime.finish()
        var whole = EventStreamDecoder()
        #expect(try whole.feed(bytes).map(\.kind) == kinds)
    }

    @Test func badPreludeChecksum() {
        var frame = Self.messageStopFrame
        frame[9] ^= 1
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.preludeChecksum) { try decoder.feed(frame) }
        // A broken stream stays broken.
        #expect(throws: EventStreamError.preludeChecksum) { try decoder.feed(Self.messageStopFrame) }
    }

    @Test func badMessageChecksum() {
        var frame = Self.messageStopFrame
        frame[frame.count - 10] ^= 0x20
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.messageChecksum) { try decoder.feed(frame) }
    }

    @Test func oversizedFrameIsRefusedFromItsPrelude() {
        var decoder = EventStreamDecoder(maxMessageBytes: 64)
        #expect(throws: EventStreamError.tooLarge(123, limit: 64)) { try decoder.feed(Self.messageStopFrame.prefix(12)) }
    }

    @Test func impossibleLengths() {
        // Total 8 (shorter than a prelude), headers 0, with a correct prelude checksum.
        var prelude: [UInt8] = [0, 0, 0, 8, 0, 0, 0, 0]
        let crc = EventStreamCRC32.checksum(prelude)
        prelude += [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.badLengths(total: 8, headers: 0)) { try decoder.feed(prelude) }
    }

    @Test func bodyEndingInsideAFrame() throws {
        var decoder = EventStreamDecoder()
        #expect(try decoder.feed(Self.messageStopFrame.dropLast(5)).isEmpty)
        #expect(throws: EventStreamError.truncated(bytes: Self.messageStopFrame.count - 5)) { try decoder.finish() }
    }

    @Test func headerRunningPastItsEnd() throws {
        // A string header claiming 200 bytes in a 10-byte header block.
        var message = EventStreamEncoder.encode(EventStreamMessage(headers: [("k", .string("abcdef"))], payload: []))
        message[15] = 200
        // Fix both checksums so only the header is wrong.
        let body = Array(message[0..<8])
        let prelude = EventStreamCRC32.checksum(body)
        message[8..<12] = [UInt8(prelude >> 24), UInt8(prelude >> 16 & 0xFF), UInt8(prelude >> 8 & 0xFF), UInt8(prelude & 0xFF)]
        let crc = EventStreamCRC32.checksum(message.dropLast(4))
        message[(message.count - 4)...] = [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        var decoder = EventStreamDecoder()
        #expect(throws: EventStreamError.self) { try decoder.feed(message) }
    }

    @Test func exceptionMessages() throws {
        var decoder = EventStreamDecoder()
        let frame = EventStreamEncoder.exception("throttlingException", message: "Too many tokens, slow down")
        let messages = try decoder.feed(frame)
        #expect(try ConverseStreamEvent(messages[0]) == .exception(type: "throttlingException", message: "Too many tokens, slow down"))
    }
}

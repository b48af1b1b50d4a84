import SwitchyardJSON

/// Writes event-stream messages with both checksums: for the simulator's Bedrock streams and for tests.
public enum EventStreamEncoder {
    /// The framed bytes of `message`. Header names longer than 255 bytes and string or byte values longer than
    /// 65,535 are cut to fit, so the frame is always well formed.
    public static func encode(_ message: EventStreamMessage) -> [UInt8] {
        var headers: [UInt8] = []
        for header in message.headers {
            let name = Array(header.name.utf8.prefix(255))
            headers.append(UInt8(name.count))
            headers += name
            switch header.value {
            case .bool(let value): headers.append(value ? 0 : 1)
            case .byte(let value):
                headers.append(2)
                headers.append(UInt8(bitPattern: value))
            case .short(let value):
                headers.append(3)
                append(UInt64(UInt16(bitPattern: value)), bytes: 2, to: &headers)
            case .integer(let value):
                headers.append(4)
                append(UInt64(UInt32(bitPattern: value)), bytes: 4, to: &headers)
            case .long(let value):
                headers.append(5)
                append(UInt64(bitPattern: value), bytes: 8, to: &headers)
            case .bytes(let value):
                headers.append(6)
                appendSized(value, to: &headers)
            case .string(let value):
                headers.append(7)
                appendSized(Array(value.utf8), to: &headers)
            case .timestamp(let value):
                headers.append(8)
                append(UInt64(bitPattern: value), bytes: 8, to: &headers)
            case .uuid(let value):
                headers.append(9)
                headers += (value + [UInt8](repeating: 0, count: 16)).prefix(16)
            }
        }
        var frame: [UInt8] = []
        frame.reserveCapacity(16 + headers.count + message.payload.count)
        append(UInt64(16 + headers.count + message.payload.count), bytes: 4, to: &frame)
        append(UInt64(headers.count), bytes: 4, to: &frame)
        append(UInt64(EventStreamCRC32.checksum(frame)), bytes: 4, to: &frame)
        frame += headers
        frame += message.payload
        append(UInt64(EventStreamCRC32.checksum(frame)), bytes: 4, to: &frame)
        return frame
    }

    /// An event as Bedrock frames it: `:event-type`, `:content-type` and `:message-type` headers, JSON payload.
    public static func event(_ type: String, payload: [UInt8]) -> [UInt8] {
        encode(EventStreamMessage(headers: [
            (":event-type", .string(type)), (":content-type", .string("application/json")),
            (":message-type", .string("event")),
        ], payload: payload))
    }

    /// An exception as Bedrock frames it mid-stream: `{"message":…}` under `:exception-type`.
    public static func exception(_ type: String, message: String) -> [UInt8] {
        let payload = JSONValue.object(["message": .string(message)]).jsonString()
        return encode(EventStreamMessage(headers: [
            (":exception-type", .string(type)), (":content-type", .string("application/json")),
            (":message-type", .string("exception")),
        ], payload: Array(payload.utf8)))
    }

    private static func appendSized(_ value: [UInt8], to out: inout [UInt8]) {
        let kept = value.prefix(Int(UInt16.max))
        append(UInt64(kept.count), bytes: 2, to: &out)
        out += kept
    }

    private static func append(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
        for shift in stride(from: (bytes - 1) * 8, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}

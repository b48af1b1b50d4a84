/// A frame that breaks AWS's event-stream framing; the stream cannot be read past it.
public enum EventStreamError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The prelude's checksum does not match its eight bytes.
    case preludeChecksum
    /// The message's checksum does not match its bytes.
    case messageChecksum
    /// The lengths in the prelude cannot describe a message (shorter than a prelude, headers past the end).
    case badLengths(total: UInt32, headers: UInt32)
    /// A message longer than the decoder accepts.
    case tooLarge(UInt32, limit: Int)
    /// A header that runs past the headers' end or has an unknown value type.
    case badHeader(String)
    /// The body ended inside a message.
    case truncated(bytes: Int)

    public var description: String {
        switch self {
        case .preludeChecksum: "event-stream prelude checksum mismatch"
        case .messageChecksum: "event-stream message checksum mismatch"
        case .badLengths(let total, let headers):
            "event-stream frame with impossible lengths (total \(total), headers \(headers))"
        case .tooLarge(let size, let limit): "event-stream frame of \(size) bytes exceeds the \(limit)-byte limit"
        case .badHeader(let why): "malformed event-stream header: \(why)"
        case .truncated(let bytes): "event stream ended inside a frame (\(bytes) bytes left over)"
        }
    }
}

/// Reads `application/vnd.amazon.eventstream` frames from bytes as they arrive: a frame may be split across
/// reads, and one read may hold several. Both checksums are verified before a message is handed out.
public struct EventStreamDecoder: Sendable {
    /// Largest frame accepted: AWS caps payloads at 16 MiB and headers at 128 KiB.
    public static let defaultMaxMessageBytes = 16 * 1024 * 1024 + 128 * 1024 + 16

    private let maxMessageBytes: Int
    private var buffer: [UInt8] = []
    /// Where the unread bytes start in `buffer`; consumed bytes are dropped in batches, not per frame.
    private var start = 0
    private var failed: EventStreamError?

    /// A decoder refusing frames longer than `maxMessageBytes`.
    public init(maxMessageBytes: Int = EventStreamDecoder.defaultMaxMessageBytes) {
        self.maxMessageBytes = maxMessageBytes
    }

    /// The messages completed by `bytes`; after an error every later call throws it again.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(EventStreamError) -> [EventStreamMessage]
    where Bytes.Element == UInt8 {
        if let failed { throw failed }
        buffer.append(contentsOf: bytes)
        var out: [EventStreamMessage] = []
        do {
            while let message = try next() { out.append(message) }
        } catch {
            failed = error
            throw error
        }
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        return out
    }

    /// Checks that the body ended between frames.
    public func finish() throws(EventStreamError) {
        if let failed { throw failed }
        let left = buffer.count - start
        if left > 0 { throw .truncated(bytes: left) }
    }

    private mutating func next() throws(EventStreamError) -> EventStreamMessage? {
        let available = buffer.count - start
        guard available >= 12 else { return nil }
        let total = readUInt32(at: start)
        let headersLength = readUInt32(at: start + 4)
        let preludeCRC = readUInt32(at: start + 8)
        guard EventStreamCRC32.checksum(buffer[start..<start + 8]) == preludeCRC else { throw .preludeChecksum }
        guard total >= 16, UInt64(headersLength) + 16 <= UInt64(total) else {
            throw .badLengths(total: total, headers: headersLength)
        }
        guard UInt64(total) <= UInt64(maxMessageBytes) else { throw .tooLarge(total, limit: maxMessageBytes) }
        let length = Int(total)
        guard available >= length else { return nil }
        let end = start + length
        guard EventStreamCRC32.checksum(buffer[start..<end - 4]) == readUInt32(at: end - 4) else {
            throw .messageChecksum
        }
        let headersStart = start + 12
        let headersEnd = headersStart + Int(headersLength)
        let headers = try Self.headers(buffer[headersStart..<headersEnd])
        let payload = Array(buffer[headersEnd..<end - 4])
        start = end
        return EventStreamMessage(headers: headers, payload: payload)
    }

    private func readUInt32(at index: Int) -> UInt32 {
        buffer[index..<index + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    private static func headers(
        _ bytes: ArraySlice<UInt8>
    ) throws(EventStreamError) -> [(name: String, value: EventStreamMessage.HeaderValue)] {
        var out: [(name: String, value: EventStreamMessage.HeaderValue)] = []
        var i = bytes.startIndex
        let end = bytes.endIndex
        func take(_ count: Int, _ what: String) throws(EventStreamError) -> ArraySlice<UInt8> {
            guard count <= end - i else { throw .badHeader("\(what) runs past the headers") }
            defer { i += count }
            return bytes[i..<i + count]
        }
        func integer(_ count: Int, _ what: String) throws(EventStreamError) -> UInt64 {
            try take(count, what).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        while i < end {
            let nameLength = Int(try integer(1, "name length"))
            guard nameLength > 0 else { throw .badHeader("empty name") }
            let name = String(decoding: try take(nameLength, "name"), as: UTF8.self)
            let type = try integer(1, "value type of \(name)")
            let value: EventStreamMessage.HeaderValue
            switch type {
            case 0: value = .bool(true)
            case 1: value = .bool(false)
            case 2: value = .byte(Int8(truncatingIfNeeded: try integer(1, name)))
            case 3: value = .short(Int16(truncatingIfNeeded: try integer(2, name)))
            case 4: value = .integer(Int32(truncatingIfNeeded: try integer(4, name)))
            case 5: value = .long(Int64(bitPattern: try integer(8, name)))
            case 6: value = .bytes(Array(try take(Int(try integer(2, name)), name)))
            case 7: value = .string(String(decoding: try take(Int(try integer(2, name)), name), as: UTF8.self))
            case 8: value = .timestamp(Int64(bitPattern: try integer(8, name)))
            case 9: value = .uuid(Array(try take(16, name)))
            default: throw .badHeader("unknown value type \(type) of \(name)")
            }
            out.append((name, value))
        }
        return out
    }
}

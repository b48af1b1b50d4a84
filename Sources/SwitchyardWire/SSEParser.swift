import Foundation

/// An incremental `text/event-stream` parser: feed byte chunks split anywhere, get each event once it is complete.
///
/// Lines may end in `\n`, `\r\n` or `\r` (also when a `\r\n` pair straddles two chunks); lines starting with `:`
/// are comments; an event is dispatched at the blank line that ends it, and only if it carried `data:`.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var afterCR = false
    private var eventName: String?
    private var dataLines: [String] = []
    private var hasData = false
    private var eventID: String?
    private var retry: Int?

    /// A parser at the start of a stream.
    public init() {}

    /// Consumes a chunk of bytes and returns the events it completed, in order.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [SSEEvent] where Bytes.Element == UInt8 {
        var out: [SSEEvent] = []
        for byte in bytes {
            switch byte {
            case 0x0A:  // \n
                if afterCR {
                    // Second half of a \r\n whose \r already ended the line.
                    afterCR = false
                } else {
                    endLine(into: &out)
                }
            case 0x0D:  // \r
                endLine(into: &out)
                afterCR = true
            default:
                afterCR = false
                line.append(byte)
            }
        }
        return out
    }

    /// Consumes a chunk of text.
    public mutating func feed(_ text: String) -> [SSEEvent] {
        feed(text.utf8)
    }

    /// Ends the stream: returns an event left unterminated by a final blank line, if it carried data.
    public mutating func finish() -> [SSEEvent] {
        var out: [SSEEvent] = []
        if !line.isEmpty { endLine(into: &out) }
        dispatch(into: &out)
        afterCR = false
        return out
    }

    private mutating func endLine(into out: inout [SSEEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            dispatch(into: &out)
            return
        }
        if line[0] == 0x3A { return }  // ":" comment (keep-alive)
        let field: String
        var value: String
        if let colon = line.firstIndex(of: 0x3A) {
            field = String(decoding: line[..<colon], as: UTF8.self)
            var start = colon + 1
            if start < line.count, line[start] == 0x20 { start += 1 }  // one optional space
            value = String(decoding: line[start...], as: UTF8.self)
        } else {
            field = String(decoding: line, as: UTF8.self)
            value = ""
        }
        switch field {
        case "event": eventName = value
        case "data":
            dataLines.append(value)
            hasData = true
        case "id":
            if !value.contains("\u{0}") { eventID = value }
        case "retry":
            if let ms = Int(value), ms >= 0 { retry = ms }
        default:
            value.removeAll()  // unknown fields are ignored
        }
    }

    private mutating func dispatch(into out: inout [SSEEvent]) {
        if hasData {
            out.append(SSEEvent(event: eventName, data: dataLines.joined(separator: "\n"), id: eventID, retry: retry))
        }
        eventName = nil
        dataLines.removeAll(keepingCapacity: true)
        hasData = false
        eventID = nil
        retry = nil
    }
}

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
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            feedContiguous(buffer, into: &out)
        }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { feedContiguous($0, into: &out) }
        }
        return out
    }

    /// Consumes a chunk of text.
    public mutating func feed(_ text: String) -> [SSEEvent] {
        feed(Array(text.utf8))
    }

    /// Consumes a chunk of bytes held in `Data`.
    public mutating func feed(_ data: Data) -> [SSEEvent] {
        var out: [SSEEvent] = []
        data.withUnsafeBytes { raw in
            feedContiguous(raw.bindMemory(to: UInt8.self), into: &out)
        }
        return out
    }

    /// Ends the stream: returns an event left unterminated by a final blank line, if it carried data.
    public mutating func finish() -> [SSEEvent] {
        var out: [SSEEvent] = []
        if !line.isEmpty { endLine(into: &out) }
        dispatch(into: &out)
        afterCR = false
        return out
    }

    private mutating func feedContiguous(_ buffer: UnsafeBufferPointer<UInt8>, into out: inout [SSEEvent]) {
        var i = 0
        let n = buffer.count
        while i < n {
            if afterCR {
                afterCR = false
                // Second half of a \r\n whose \r already ended the line.
                if buffer[i] == 0x0A {
                    i += 1
                    continue
                }
            }
            // Copy the run up to the next line break in one go.
            var j = i
            while j < n, buffer[j] != 0x0A, buffer[j] != 0x0D { j += 1 }
            if j > i { line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<j])) }
            guard j < n else { return }
            endLine(into: &out)
            afterCR = buffer[j] == 0x0D
            i = j + 1
        }
    }

    private mutating func endLine(into out: inout [SSEEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            dispatch(into: &out)
            return
        }
        if line[0] == 0x3A { return }  // ":" comment (keep-alive)
        let colon = line.firstIndex(of: 0x3A) ?? line.count
        var start = colon + 1
        if start < line.count, line[start] == 0x20 { start += 1 }  // one optional space
        let value = start < line.count ? String(decoding: line[start...], as: UTF8.self) : ""
        switch line[..<colon].count {
        case 4 where line.starts(with: [0x64, 0x61, 0x74, 0x61]):  // data
            dataLines.append(value)
            hasData = true
        case 5 where line.starts(with: [0x65, 0x76, 0x65, 0x6E, 0x74]):  // event
            eventName = value
        case 2 where line.starts(with: [0x69, 0x64]):  // id
            if !value.contains("\u{0}") { eventID = value }
        case 5 where line.starts(with: [0x72, 0x65, 0x74, 0x72, 0x79]):  // retry
            if let ms = Int(value), ms >= 0 { retry = ms }
        default:
            break  // unknown fields are ignored
        }
    }

    private mutating func dispatch(into out: inout [SSEEvent]) {
        if hasData {
            let data = dataLines.count == 1 ? dataLines[0] : dataLines.joined(separator: "\n")
            out.append(SSEEvent(event: eventName, data: data, id: eventID, retry: retry))
        }
        eventName = nil
        dataLines.removeAll(keepingCapacity: true)
        hasData = false
        eventID = nil
        retry = nil
    }
}

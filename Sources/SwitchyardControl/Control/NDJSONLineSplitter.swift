/// Splits a byte stream into newline-delimited JSON lines, whatever the chunk boundaries.
public struct NDJSONLineSplitter: Sendable {
    /// A line grew past the limit without a newline: the peer is not speaking NDJSON.
    public struct LineTooLong: Error, Sendable, CustomStringConvertible {
        /// The limit, in bytes.
        public var limit: Int
        /// Why the stream was refused.
        public var description: String { "a feed line exceeded \(limit) bytes without a newline" }
    }

    /// Longest line accepted, in bytes.
    public let maxLineBytes: Int
    private var pending: [UInt8] = []
    /// How far `pending` has been searched for a newline, so a long line arriving in many chunks is scanned once.
    private var scanned = 0

    /// A splitter refusing lines longer than `maxLineBytes` (default 64 MiB).
    public init(maxLineBytes: Int = 64 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Bytes received after the last newline.
    public var pendingByteCount: Int { pending.count }

    /// The lines `chunk` completes, without their `\n` or `\r\n`; blank lines are skipped.
    public mutating func append(_ chunk: some Collection<UInt8>) throws -> [[UInt8]] {
        pending.append(contentsOf: chunk)
        var lines: [[UInt8]] = []
        var lineStart = 0
        var i = scanned
        while i < pending.count {
            if pending[i] == UInt8(ascii: "\n") {
                var end = i
                if end > lineStart, pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if end > lineStart { lines.append(Array(pending[lineStart..<end])) }
                lineStart = i + 1
            }
            i += 1
        }
        if lineStart > 0 { pending.removeFirst(lineStart) }
        scanned = pending.count
        if pending.count > maxLineBytes {
            reset()
            throw LineTooLong(limit: maxLineBytes)
        }
        return lines
    }

    /// Drops an unfinished line (after a disconnect it can never be completed).
    public mutating func reset() {
        pending.removeAll(keepingCapacity: true)
        scanned = 0
    }
}

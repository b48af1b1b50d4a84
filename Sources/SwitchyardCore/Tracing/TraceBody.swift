/// A body as a trace keeps it: decoded as UTF-8, secrets redacted, cut at the configured cap.
public enum TraceBody {
    /// Bytes past the cap that are still redacted before cutting, so a key straddling the cap is recognised
    /// whole rather than leaving its start behind.
    static let redactionMargin = 512

    /// The kept text of `bytes`: redacted, at most `maxBytes` of UTF-8 (cut on a character boundary), and
    /// whether anything was cut.
    public static func capture(_ bytes: some Collection<UInt8>, maxBytes: Int) -> (text: String, truncated: Bool) {
        let cap = max(0, maxBytes)
        let window = bytes.prefix(cap + redactionMargin)
        let redacted = TraceRedactor.redact(String(decoding: window, as: UTF8.self))
        let cut = prefix(redacted, maxBytes: cap)
        return (cut, cut.utf8.count < redacted.utf8.count || window.count < bytes.count)
    }

    /// The longest prefix of `text` of at most `maxBytes` UTF-8 bytes that ends on a character boundary.
    static func prefix(_ text: String, maxBytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > maxBytes else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: maxBytes)
        // Back off continuation bytes (10xxxxxx) so no character is split.
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return String(decoding: utf8[utf8.startIndex..<end], as: UTF8.self)
    }
}

/// Collects a streamed body (SSE frames as they are written) for a trace, keeping only what the cap needs.
public struct TraceBodyBuffer: Sendable {
    private var bytes: [UInt8] = []
    private var dropped = false
    /// The cap the body is cut at.
    public let maxBytes: Int

    /// An empty buffer for a body cut at `maxBytes`.
    public init(maxBytes: Int) {
        self.maxBytes = max(0, maxBytes)
    }

    /// Appends a chunk; bytes beyond the cap (and the redaction margin) are only counted as cut.
    public mutating func append(_ chunk: some Collection<UInt8>) {
        let room = maxBytes + TraceBody.redactionMargin - bytes.count
        guard room > 0 else {
            if !chunk.isEmpty { dropped = true }
            return
        }
        if chunk.count > room {
            bytes.append(contentsOf: chunk.prefix(room))
            dropped = true
        } else {
            bytes.append(contentsOf: chunk)
        }
    }

    /// The kept text (redacted, capped) and whether it was cut.
    public func finish() -> (text: String, truncated: Bool) {
        let (text, truncated) = TraceBody.capture(bytes, maxBytes: maxBytes)
        return (text, truncated || dropped)
    }
}

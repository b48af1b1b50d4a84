/// Removes secrets from text kept in traces (bodies, span messages, attribute values): the values of JSON fields
/// named like credentials (`api_key`, `authorization`, `password`, `secret`, `token` … but not `max_tokens`),
/// `Bearer` tokens, and anything shaped like an API key (`sk-…`, `sk-sy-…`, `sk-ant-…` and similar prefixes
/// followed by a long token). Each becomes `[redacted]`.
///
/// It scans bytes once, by hand: traces are recorded on every request, and a regular expression per pattern
/// would cost more than the rest of the trace. JSON nested as an escaped string (`{\"api_key\":\"…\"}` inside a
/// prompt) is recognised too.
public enum TraceRedactor {
    /// What a secret is replaced with.
    public static let placeholder = "[redacted]"

    /// `text` with every secret replaced; `text` itself when it holds none.
    public static func redact(_ text: String) -> String {
        // Native strings are contiguous UTF-8: scan them in place, copying only when something is replaced.
        let scanned = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var scanner = Scanner(bytes)
            return scanner.run() ? String(decoding: scanner.output, as: UTF8.self) : nil
        }
        if let scanned { return scanned ?? text }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(buffer)
            return scanner.run() ? String(decoding: scanner.output, as: UTF8.self) : text
        }
    }

    /// Field names (lower-cased, without `_` and `-`) whose string values are secrets.
    static let sensitiveFields: Set<[UInt8]> = Set([
        "apikey", "xapikey", "authorization", "proxyauthorization", "password", "passwd", "secret", "clientsecret",
        "token", "accesstoken", "refreshtoken", "idtoken", "sessiontoken", "authtoken", "bearertoken", "privatekey",
        "cookie", "setcookie",
    ].map { Array($0.utf8) })

    /// Prefixes of provider and gateway key formats; a match needs `keyBodyMinimum` more token characters.
    /// (`mayStartSecret` lists their first bytes.)
    static let keyPrefixes: [[UInt8]] = [
        "sk-", "sk_", "pk-", "pk_", "rk-", "rk_", "ghp_", "gho_", "ghs_", "github_pat_", "xoxb-", "xoxp-", "AIza",
        "AKIA",
    ].map { Array($0.utf8) }

    /// Token characters after a key prefix for it to count as a key (short ones are display prefixes like
    /// `sk-sy-abcd`, which are meant to be shown).
    static let keyBodyMinimum = 16

    /// Token characters after `Bearer ` for them to count as a credential (not `Bearer realm=…`).
    static let bearerMinimum = 8

    /// One pass over the bytes; `output` is only built once something was replaced.
    private struct Scanner {
        let input: UnsafeBufferPointer<UInt8>
        var output: [UInt8] = []
        /// Bytes before this index that are not yet copied to `output`.
        var copied = 0
        var changed = false

        init(_ input: UnsafeBufferPointer<UInt8>) { self.input = input }

        /// Returns whether anything was redacted.
        mutating func run() -> Bool {
            var i = 0
            let n = input.count
            while i < n {
                let byte = input[i]
                if byte == quote || (byte == backslash && i + 1 < n && input[i + 1] == quote) {
                    if let (valueStart, valueEnd) = sensitiveFieldValue(at: i) {
                        replace(valueStart..<valueEnd)
                        i = valueEnd
                        continue
                    }
                } else if mayStartSecret(byte), i == 0 || !isAlphanumeric(input[i - 1]) {
                    if let end = bearerToken(at: i) ?? keyToken(at: i) {
                        replace(i..<end.start, keep: true)
                        replace(end.start..<end.end)
                        i = end.end
                        continue
                    }
                }
                i += 1
            }
            guard changed else { return false }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied...]))
            return true
        }

        /// Copies the bytes up to `range` and, unless `keep`, the placeholder instead of the range's bytes.
        private mutating func replace(_ range: Range<Int>, keep: Bool = false) {
            if !changed {
                changed = true
                output.reserveCapacity(input.count)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<range.lowerBound]))
            if keep {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
            } else {
                output.append(contentsOf: TraceRedactor.placeholder.utf8)
            }
            copied = range.upperBound
        }

        /// At a `"` (or `\"`) opening a JSON key named like a credential whose value is a string: the range of
        /// that string's contents.
        private func sensitiveFieldValue(at start: Int) -> (Int, Int)? {
            let escaped = input[start] == backslash
            let quoteLength = escaped ? 2 : 1
            var i = start + quoteLength
            var name: [UInt8] = []
            // Key names are short; a long run is a string value, not a key.
            while i < input.count, name.count <= 24 {
                let byte = input[i]
                if isQuote(at: i, escaped: escaped) { break }
                guard byte != quote, byte != backslash else { return nil }
                if byte != underscore, byte != dash { name.append(lowercased(byte)) }
                i += 1
            }
            guard i < input.count, isQuote(at: i, escaped: escaped), TraceRedactor.sensitiveFields.contains(name)
            else { return nil }
            i += quoteLength
            i = skipSpaces(from: i)
            guard i < input.count, input[i] == colon else { return nil }
            i = skipSpaces(from: i + 1)
            guard i < input.count, isQuote(at: i, escaped: escaped) else { return nil }
            let valueStart = i + quoteLength
            var j = valueStart
            while j < input.count {
                if escaped {
                    if isQuote(at: j, escaped: true) { return (valueStart, j) }
                } else if input[j] == backslash {
                    j += 2
                    continue
                } else if input[j] == quote {
                    return (valueStart, j)
                }
                j += 1
            }
            // An unterminated value (a body cut short) is still a secret.
            return (valueStart, input.count)
        }

        /// At a word starting `Bearer` followed by spaces and a token: where the token starts and ends.
        private func bearerToken(at start: Int) -> (start: Int, end: Int)? {
            let word = bearerWord
            guard start + word.count < input.count else { return nil }
            for k in 0..<word.count where lowercased(input[start + k]) != word[k] { return nil }
            var i = start + word.count
            guard input[i] == space else { return nil }
            while i < input.count, input[i] == space { i += 1 }
            let tokenStart = i
            while i < input.count, isBearerCharacter(input[i]) { i += 1 }
            return i - tokenStart >= TraceRedactor.bearerMinimum ? (tokenStart, i) : nil
        }

        /// At a key prefix followed by a long token: the whole key.
        private func keyToken(at start: Int) -> (start: Int, end: Int)? {
            for prefix in TraceRedactor.keyPrefixes where hasPrefix(prefix, at: start) {
                var i = start + prefix.count
                while i < input.count, isKeyCharacter(input[i]) { i += 1 }
                if i - start - prefix.count >= TraceRedactor.keyBodyMinimum { return (start, i) }
            }
            return nil
        }

        private func hasPrefix(_ prefix: [UInt8], at start: Int) -> Bool {
            guard start + prefix.count <= input.count else { return false }
            for k in 0..<prefix.count where input[start + k] != prefix[k] { return false }
            return true
        }

        private func isQuote(at i: Int, escaped: Bool) -> Bool {
            escaped ? (input[i] == backslash && i + 1 < input.count && input[i + 1] == quote) : input[i] == quote
        }

        private func skipSpaces(from start: Int) -> Int {
            var i = start
            while i < input.count, input[i] == space || input[i] == tab || input[i] == newline { i += 1 }
            return i
        }
    }
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")
private let colon = UInt8(ascii: ":")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")
private let newline = UInt8(ascii: "\n")
private let underscore = UInt8(ascii: "_")
private let dash = UInt8(ascii: "-")
private let bearerWord = Array("bearer".utf8)

/// Whether a word starting with `b` may be `Bearer` or a key prefix (every prefix starts with one of these):
/// most words are ruled out by their first byte.
private func mayStartSecret(_ b: UInt8) -> Bool {
    switch b {
    case UInt8(ascii: "s"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "g"), UInt8(ascii: "x"),
         UInt8(ascii: "A"), UInt8(ascii: "b"), UInt8(ascii: "B"): true
    default: false
    }
}
private func isLetter(_ b: UInt8) -> Bool { (65...90).contains(b) || (97...122).contains(b) }
private func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || (48...57).contains(b) }
private func lowercased(_ b: UInt8) -> UInt8 { (65...90).contains(b) ? b + 32 : b }
private func isKeyCharacter(_ b: UInt8) -> Bool { isAlphanumeric(b) || b == underscore || b == dash }
/// RFC 6750's b64token characters.
private func isBearerCharacter(_ b: UInt8) -> Bool {
    isAlphanumeric(b) || b == dash || b == underscore || b == UInt8(ascii: ".") || b == UInt8(ascii: "~")
        || b == UInt8(ascii: "+") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=")
}

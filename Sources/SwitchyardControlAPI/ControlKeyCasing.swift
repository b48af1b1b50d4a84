import Foundation

/// The control API's field names: snake_case on the wire (`trace_id`, `spend_usd`), Swift's camelCase in the types
/// (`traceID`, `spendUSD`). Foundation's own snake-case strategies split acronyms (`deploymentIDs` →
/// `deployment_i_ds`) and cannot map `trace_id` back to `traceID`; this table-driven pair is exact both ways for
/// the acronyms the types use. Dictionary keys (metadata, names) are data and never converted.
public enum ControlKeyCasing {
    /// Acronyms as the Swift names spell them, longest first so `IDs` wins over `ID`.
    static let acronyms: [String] = ["EWMA", "JSON", "MTok", "TTFT", "IDs", "API", "RPM", "SQL", "TPM", "UID", "URL",
                                     "USD", "AI", "ID", "OK"]
    private static let acronymByLowercase: [String: String] =
        Dictionary(acronyms.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })

    public static let encoding: JSONEncoder.KeyEncodingStrategy = .custom { path in
        let key = path.last ?? PlainKey("")
        return key.intValue != nil ? key : PlainKey(snake(key.stringValue))
    }

    /// Accepts both spellings: a key without an underscore is taken as written, so camelCase bodies and files
    /// written before the switch still read.
    public static let decoding: JSONDecoder.KeyDecodingStrategy = .custom { path in
        let key = path.last ?? PlainKey("")
        return key.intValue != nil ? key : PlainKey(camel(key.stringValue))
    }

    /// `traceID` → `trace_id`, `inputPerMTok` → `input_per_mtok`, `deploymentIDs` → `deployment_ids`.
    public static func snake(_ name: String) -> String {
        // Synthesized keys of enum payloads (`_0`) and names already in snake_case stay as they are.
        guard let first = name.first, first != "_", !name.contains("_") else { return name }
        let chars = Array(name)
        var words: [String] = []
        var word = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isUppercase, let acronym = acronym(in: chars, at: i) {
                if !word.isEmpty { words.append(word) }
                words.append(acronym.lowercased())
                word = ""
                i += acronym.count
                continue
            }
            if c.isUppercase, !word.isEmpty {
                words.append(word)
                word = ""
            }
            word.append(contentsOf: c.lowercased())
            i += 1
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: "_")
    }

    /// `trace_id` → `traceID`; a name without underscores (or one that starts with one) is returned unchanged.
    public static func camel(_ name: String) -> String {
        guard name.first != "_", name.contains("_") else { return name }
        let parts = name.split(separator: "_", omittingEmptySubsequences: true).map(String.init)
        guard let head = parts.first else { return name }
        return parts.dropFirst().reduce(head) { result, part in
            result + (acronymByLowercase[part] ?? part.prefix(1).uppercased() + part.dropFirst())
        }
    }

    /// The acronym starting at `i`, when it ends the name or is followed by the next word's capital or a digit.
    private static func acronym(in chars: [Character], at i: Int) -> String? {
        for acronym in acronyms {
            let end = i + acronym.count
            guard end <= chars.count, String(chars[i..<end]) == acronym else { continue }
            if end == chars.count || chars[end].isUppercase || chars[end].isNumber { return acronym }
        }
        return nil
    }

    private struct PlainKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

import Foundation

/// How the importer writes scalars, durations and prices so that Switchyard's reader takes them back unchanged.
enum LiteLLMYAMLText {
    /// `text` as a YAML scalar: plain when it cannot be mistaken for anything else, double-quoted otherwise.
    static func scalar(_ text: String) -> String {
        // A leading letter keeps numbers, dates and indicators (`-`, `*`, `&`, …) quoted.
        let plainSafe = text.first.map { $0.isASCII && $0.isLetter } == true
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._/-".contains($0)) }
            && !reserved.contains(text.lowercased())
        if plainSafe { return text }
        var quoted = "\""
        for unit in text.unicodeScalars {
            switch unit {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if unit.value < 0x20 || unit.value == 0x7F {
                    quoted += String(format: "\\x%02X", unit.value)
                } else {
                    quoted.unicodeScalars.append(unit)
                }
            }
        }
        return quoted + "\""
    }

    /// Plain words YAML reads as booleans or null.
    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]

    /// Seconds as a duration Switchyard reads (`5m`, `1m30s`, `500ms`); at least `1ms`.
    static func duration(_ seconds: Double) -> String {
        let total = max(1, Int((seconds * 1000).rounded()))
        let parts: [(Int, String)] = [
            (total / 3_600_000, "h"), (total / 60_000 % 60, "m"), (total / 1000 % 60, "s"), (total % 1000, "ms"),
        ]
        return parts.filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined()
    }

    /// Free text for a `#` comment: one line.
    static func comment(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A LiteLLM number as written (`20_000`, `2.5e-06`, `"0.5"`); nil when it is not one.
    static func decimal(_ text: String) -> Decimal? {
        let cleaned = text.replacingOccurrences(of: "_", with: "").trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, let double = Double(cleaned), double.isFinite else { return nil }
        return Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(double)
    }

    /// A decimal without exponent or trailing zeros, as a YAML number.
    static func number(_ value: Decimal) -> String {
        var rounded = Decimal()
        var source = value
        NSDecimalRound(&rounded, &source, 12, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}

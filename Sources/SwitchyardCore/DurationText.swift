/// Durations as operators write them, in the config and on the command line alike: `250ms`, `90s`, `1m30s`,
/// `1h`, `2h45m`, `1.5s`, `7d`, or a plain number of seconds. Units run from the largest to the smallest, each
/// at most once, as in Go's and Envoy's duration strings.
public enum DurationText {
    /// The grammar in words, for error messages.
    public static let examples = "250ms, 90s, 1m30s or 1h"

    /// Seconds in `text`; nil when it is not a duration. Zero and negative values are left to the caller.
    public static func seconds(_ text: String) -> Double? {
        let text = text.trimmingSpaces()
        if text.isEmpty { return nil }
        if let plain = Double(text) { return plain.isFinite ? plain : nil }
        var total = 0.0
        var rest = Substring(text)
        var smallestSoFar = Double.infinity
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { $0.isASCII && $0.isLetter }
            guard let scale = units[String(unitText)], scale < smallestSoFar else { return nil }
            smallestSoFar = scale
            rest = rest.dropFirst(unitText.count)
            total += value * scale
        }
        return total.isFinite ? total : nil
    }

    private static let units: [String: Double] = [
        "ms": 0.001, "s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800,
    ]
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " || view.first == "\t" { view = view.dropFirst() }
        while view.last == " " || view.last == "\t" { view = view.dropLast() }
        return String(view)
    }
}

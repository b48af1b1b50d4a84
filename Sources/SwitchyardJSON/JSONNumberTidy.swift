/// Removes binary floating-point noise from the numbers of a JSON text: `0.30000000000000004` (a sum of
/// dollars) becomes `0.3`, while a number that really has many digits (`0.3333333333333333`) is left alone. Strings
/// are never touched. For what people and scripts read (the control API, `--json` output), not for wire formats.
public enum JSONNumberTidy {
    /// Decimal places a tidied number keeps: nano-dollars, well below any price.
    static let places = 9.0

    /// `json` with every noisy number rewritten.
    public static func tidy(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count)
        var i = 0
        while i < json.count {
            let c = json[i]
            if c == UInt8(ascii: "\"") {
                // Copy the string through its closing quote, escapes included.
                let start = i
                i += 1
                while i < json.count, json[i] != UInt8(ascii: "\"") { i += json[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i = min(i + 1, json.count)
                out.append(contentsOf: json[start..<i])
            } else if c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) {
                let start = i
                while i < json.count, Self.isNumberByte(json[i]) { i += 1 }
                out.append(contentsOf: tidyNumber(json[start..<i]))
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }

    private static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+")
            || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    }

    /// The shortest form of a number within noise of a value with at most `places` decimals; others unchanged.
    static func tidyNumber(_ token: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        // Only fractions long enough to carry noise (a double prints at most 17 significant digits).
        guard token.contains(UInt8(ascii: ".")), token.count >= 15,
              let value = Double(String(decoding: token, as: UTF8.self)), value.isFinite,
              abs(value) < 1e9 else { return token }
        let scale = 1_000_000_000.0
        let rounded = (value * scale).rounded() / scale
        guard rounded != value, abs(rounded - value) <= 1e-12 * max(1, abs(value)) else { return token }
        var text = "\(rounded)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return ArraySlice(Array(text.utf8))
    }
}

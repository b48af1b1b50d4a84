/// A terminal colour: the terminal's own default, or an xterm-256 palette index.
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    case terminalDefault
    case index(Int)

    /// The eight base names; `bright_` adds 8.
    static let baseNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses a name, `bright_*`, `default`, `0`–`255` or `#rrggbb`; nil when unknown.
    public static func parse(_ word: String) -> ThemeColor? {
        let w = word.lowercased()
        if w == "default" { return .terminalDefault }
        if let i = baseNames.firstIndex(of: w) { return .index(i) }
        if w.hasPrefix("bright_"), let i = baseNames.firstIndex(of: String(w.dropFirst(7))) { return .index(i + 8) }
        if let n = Int(w), (0...255).contains(n) { return .index(n) }
        if w.hasPrefix("#"), w.count == 7, let rgb = Int(w.dropFirst(), radix: 16) {
            return .index(nearestXterm(r: (rgb >> 16) & 0xFF, g: (rgb >> 8) & 0xFF, b: rgb & 0xFF))
        }
        return nil
    }

    /// The xterm-256 index closest to an RGB colour, searching the 6×6×6 cube and the grey ramp.
    public static func nearestXterm(r: Int, g: Int, b: Int) -> Int {
        var best = 16, bestDistance = Int.max
        for i in 16...255 {
            let (cr, cg, cb) = rgb(ofXterm: i)
            let d = (cr - r) * (cr - r) + (cg - g) * (cg - g) + (cb - b) * (cb - b)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    /// The RGB value xterm uses for palette entries 16…255 (and the standard 16 for 0…15).
    public static func rgb(ofXterm i: Int) -> (Int, Int, Int) {
        let levels = [0, 95, 135, 175, 215, 255]
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        if i >= 16 { let n = i - 16; return (levels[n / 36], levels[(n / 6) % 6], levels[n % 6]) }
        let basic: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        return basic[max(0, min(15, i))]
    }

    /// Maps to a palette of `colors` entries (8, 16 or 256), keeping `default` as is.
    public func reduced(toPalette colors: Int) -> ThemeColor {
        guard case .index(let i) = self else { return self }
        if colors >= 256 || i < colors { return self }
        let (r, g, b) = Self.rgb(ofXterm: i)
        let limit = colors >= 16 ? 16 : 8
        var best = 0, bestDistance = Int.max
        for c in 0..<limit {
            let (cr, cg, cb) = Self.rgb(ofXterm: c)
            let d = (cr - r) * (cr - r) + (cg - g) * (cg - g) + (cb - b) * (cb - b)
            if d < bestDistance { best = c; bestDistance = d }
        }
        return .index(best)
    }

    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .index(let i): i < 16 ? (i < 8 ? Self.baseNames[i] : "bright_" + Self.baseNames[i - 8]) : String(i)
        }
    }
}

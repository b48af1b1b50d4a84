/// The characters the dashboard draws with: a UTF-8 set and a plain ASCII set for other locales.
public struct Glyphs: Sendable, Hashable {
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var horizontal: Character
    public var vertical: Character
    /// Sparkline levels, lowest first.
    public var sparks: [Character]
    public var gaugeFull: Character
    public var gaugeEmpty: Character
    public var dot: Character
    public var breakerClosed: Character
    public var breakerHalfOpen: Character
    public var breakerOpen: Character
    public var marker: Character
    public var arrow: String
    public var ellipsis: Character
    public var separator: String
    /// Whether this is the UTF-8 set.
    public var isUnicode: Bool

    /// Box drawing, block elements and circles.
    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        sparks: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], gaugeFull: "█", gaugeEmpty: "░", dot: "●",
        breakerClosed: "○", breakerHalfOpen: "◐", breakerOpen: "●", marker: "▶", arrow: "→", ellipsis: "…",
        separator: "·", isUnicode: true
    )

    /// Seven-bit characters only, for terminals without UTF-8.
    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        sparks: ["_", ".", "-", "=", "^", "#"], gaugeFull: "#", gaugeEmpty: ".", dot: "*",
        breakerClosed: "o", breakerHalfOpen: "h", breakerOpen: "X", marker: ">", arrow: "->", ellipsis: "~",
        separator: "|", isUnicode: false
    )

    /// The set that suits a locale name such as "en_US.UTF-8" or "C".
    public static func forLocale(_ name: String?) -> Glyphs {
        guard let name = name?.lowercased() else { return .ascii }
        return name.contains("utf-8") || name.contains("utf8") ? .unicode : .ascii
    }

    /// The sparkline character for `value` on a 0…`max` scale.
    public func spark(_ value: Double, max: Double) -> Character {
        guard max > 0, value.isFinite, value > 0 else { return sparks[0] }
        let level = Int((value / max * Double(sparks.count - 1)).rounded())
        return sparks[Swift.max(0, Swift.min(sparks.count - 1, level))]
    }
}

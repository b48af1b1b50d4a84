import SwitchyardCore

/// The characters the dashboard draws with: a UTF-8 set and a plain ASCII set for other locales.
public struct Glyphs: Sendable, Hashable {
    /// Box corner, top left.
    public var topLeft: Character
    /// Box corner, top right.
    public var topRight: Character
    /// Box corner, bottom left.
    public var bottomLeft: Character
    /// Box corner, bottom right.
    public var bottomRight: Character
    /// Box edge, horizontal.
    public var horizontal: Character
    /// Box edge, vertical.
    public var vertical: Character
    /// Sparkline levels, lowest first.
    public var sparks: [Character]
    /// Filled part of a gauge.
    public var gaugeFull: Character
    /// Empty part of a gauge.
    public var gaugeEmpty: Character
    /// Status dot before a provider name.
    public var dot: Character
    /// Circuit breaker closed (traffic flows).
    public var breakerClosed: Character
    /// Circuit breaker half-open (probing).
    public var breakerHalfOpen: Character
    /// Circuit breaker open (no traffic).
    public var breakerOpen: Character
    /// Marks the selected row.
    public var marker: Character
    /// Between the source and target of a move.
    public var arrow: String
    /// Ends truncated text.
    public var ellipsis: Character
    /// Between header and status-line items.
    public var separator: String
    /// After the header of a column sorted smallest first.
    public var sortAscending: Character = "▲"
    /// After the header of a column sorted largest first.
    public var sortDescending: Character = "▼"
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
        separator: "|", sortAscending: "^", sortDescending: "v", isUnicode: false
    )

    /// The set that suits a locale name such as "en_US.UTF-8" or "C".
    public static func forLocale(_ name: String?) -> Glyphs {
        guard let name = name?.lowercased() else { return .ascii }
        return name.contains("utf-8") || name.contains("utf8") ? .unicode : .ascii
    }

    /// The sparkline character for `value` on a 0…`max` scale.
    public func spark(_ value: Double, max: Double) -> Character {
        guard max > 0, value.isFinite, value > 0 else { return sparks[0] }
        let level = Int(saturating: (value / max * Double(sparks.count - 1)).rounded())
        return sparks[Swift.max(0, Swift.min(sparks.count - 1, level))]
    }
}

/// A semantic colour role; the theme decides what it looks like.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case background, text, muted, border
    case borderFocus = "border_focus"
    case title, ok, warn, bad, accent, selection
    case chart1 = "chart_1", chart2 = "chart_2", chart3 = "chart_3", chart4 = "chart_4"

    /// One letter per role, used in golden style dumps.
    public var letter: Character {
        switch self {
        case .background: "."
        case .text: "t"
        case .muted: "m"
        case .border: "b"
        case .borderFocus: "f"
        case .title: "h"
        case .ok: "o"
        case .warn: "w"
        case .bad: "x"
        case .accent: "a"
        case .selection: "s"
        case .chart1: "p"
        case .chart2: "q"
        case .chart3: "r"
        case .chart4: "u"
        }
    }
}

/// How a cell is drawn: a theme role plus emphasis the renderer adds on top of the theme.
public struct Style: Sendable, Hashable {
    /// Theme role that picks colours.
    public var role: Role
    /// Drawn bold on top of the theme.
    public var bold: Bool
    /// Drawn dim on top of the theme.
    public var dim: Bool
    /// Foreground and background swapped.
    public var reverse: Bool

    /// A style for `role` with optional emphasis.
    public init(_ role: Role, bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }

    /// Plain text.
    public static let text = Style(.text)
    /// Secondary text.
    public static let muted = Style(.muted)
    /// Empty background.
    public static let background = Style(.background)

    /// The dump letter: the role letter, upper-cased when bold, and `*` for reverse, `,` for dim-only text.
    public var dumpLetter: Character {
        if reverse { return "*" }
        let base = role.letter
        return bold ? Character(base.uppercased()) : base
    }
}

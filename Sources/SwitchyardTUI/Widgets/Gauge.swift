import SwitchyardCore

/// A horizontal bar of spend against a limit: `ok` below 80 %, `warn` below 100 %, `bad` at or above.
public struct Gauge: Sendable {
    /// Spent divided by limit.
    public var fraction: Double

    /// A gauge filled to `fraction` (may exceed 1).
    public init(fraction: Double) { self.fraction = fraction }

    /// The role for this level of use.
    public var role: Role {
        if fraction >= 1 { return .bad }
        if fraction >= 0.8 { return .warn }
        return .ok
    }

    /// Draws a `width`-cell bar.
    public func render(x: Int, y: Int, width: Int, into grid: inout CellGrid, glyphs: Glyphs) {
        guard width > 0 else { return }
        let filled = max(0, min(width, Int(saturating: (fraction * Double(width)).rounded())))
        for i in 0..<width {
            grid[x + i, y] = i < filled ? Cell(glyphs.gaugeFull, Style(role)) : Cell(glyphs.gaugeEmpty, .muted)
        }
    }
}

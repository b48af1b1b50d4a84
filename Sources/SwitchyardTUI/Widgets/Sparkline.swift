/// A one-line chart of the most recent values that fit, scaled to their maximum.
public struct Sparkline: Sendable {
    /// Values, oldest first.
    public var values: [Double]
    /// Style of every bar.
    public var style: Style
    /// Scale ceiling; nil scales to the largest visible value.
    public var maximum: Double?

    /// A sparkline of `values` (oldest first).
    public init(_ values: [Double], style: Style, maximum: Double? = nil) {
        self.values = values
        self.style = style
        self.maximum = maximum
    }

    /// Draws the newest `width` values ending at the right edge of the span.
    public func render(x: Int, y: Int, width: Int, into grid: inout CellGrid, glyphs: Glyphs) {
        guard width > 0 else { return }
        let shown = Array(values.suffix(width))
        let top = maximum ?? (shown.max() ?? 0)
        let pad = width - shown.count
        for i in 0..<pad { grid[x + i, y] = Cell(" ", style) }
        for (i, v) in shown.enumerated() { grid[x + pad + i, y] = Cell(glyphs.spark(v, max: top), style) }
    }
}

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

extension Sparkline {
    /// Draws the newest `rect.width` values as columns `rect.height` rows tall, bottom-aligned: full cells below, the
    /// fraction of a cell on top.
    public func render(_ rect: Rect, into grid: inout CellGrid, glyphs: Glyphs) {
        guard rect.width > 0, rect.height > 0, let full = glyphs.sparks.last else { return }
        let shown = Array(values.suffix(rect.width))
        let top = maximum ?? (shown.max() ?? 0)
        let steps = glyphs.sparks.count
        let pad = rect.width - shown.count
        for (i, v) in shown.enumerated() {
            let fraction = top > 0 && v.isFinite ? max(0, min(1, v / top)) : 0
            let levels = Int(saturating: (fraction * Double(rect.height * steps)).rounded())
            let x = rect.x + pad + i
            for row in 0..<rect.height {
                let level = levels - row * steps
                guard level > 0 else { break }
                grid[x, rect.maxY - 1 - row] = Cell(level >= steps ? full : glyphs.sparks[level - 1], style)
            }
        }
    }
}

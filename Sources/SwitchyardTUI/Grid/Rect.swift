/// A rectangle of cells: origin plus size.
public struct Rect: Sendable, Hashable {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Columns wide.
    public var width: Int
    /// Rows tall.
    public var height: Int

    /// A rectangle at (`x`, `y`) of `width` × `height` cells.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The area inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
    /// Whether it has no cells.
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    /// Column just past the right edge.
    public var maxX: Int { x + width }
    /// Row just past the bottom edge.
    public var maxY: Int { y + height }
    /// Whether the cell at (`px`, `py`) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// Splits into columns of the given widths; the last takes whatever is left.
    public func columns(_ widths: [Int]) -> [Rect] {
        var out: [Rect] = []
        var cx = x
        for (i, w) in widths.enumerated() {
            let width = i == widths.count - 1 ? maxX - cx : min(w, maxX - cx)
            out.append(Rect(x: cx, y: y, width: width, height: height))
            cx += width
        }
        return out
    }

    /// Splits into rows of the given heights; the last takes whatever is left.
    public func rows(_ heights: [Int]) -> [Rect] {
        var out: [Rect] = []
        var cy = y
        for (i, h) in heights.enumerated() {
            let height = i == heights.count - 1 ? maxY - cy : min(h, maxY - cy)
            out.append(Rect(x: x, y: cy, width: width, height: height))
            cy += height
        }
        return out
    }

    /// Splits the width by fractions (summing to about 1); the last column takes the rest.
    public func columns(fractions: [Double]) -> [Rect] {
        columns(fractions.map { Int((Double(width) * $0).rounded()) })
    }

    /// A rectangle of the given size centred inside this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}

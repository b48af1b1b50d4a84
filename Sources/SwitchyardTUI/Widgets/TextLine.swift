/// A run of styled text segments drawn on one line, cut at the right edge.
public struct TextLine: Sendable {
    /// Styled pieces, left to right.
    public var segments: [TableCell]

    /// A line of `segments`, drawn left to right with no separators.
    public init(_ segments: [TableCell]) { self.segments = segments }

    /// Draws at (`x`, `y`), at most `width` columns; returns columns used.
    @discardableResult
    public func render(x: Int, y: Int, width: Int, into grid: inout CellGrid) -> Int {
        var used = 0
        for seg in segments where used < width {
            used += grid.put(seg.text, x: x + used, y: y, style: seg.style, maxWidth: width - used)
        }
        return used
    }
}

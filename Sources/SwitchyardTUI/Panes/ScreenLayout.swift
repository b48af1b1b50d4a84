/// Where the renderer put each pane and its rows in one frame: what a mouse position is hit-tested against, so
/// a click means what the screen showed under it.
public struct ScreenLayout: Sendable {
    /// The panes drawn, in drawing order.
    public var panes: [PaneArea] = []

    public init() {}

    /// The pane whose frame holds (`x`, `y`).
    public func pane(at x: Int, _ y: Int) -> PaneArea? {
        panes.last { $0.frame.contains(x: x, y: y) }
    }
}

/// One pane on screen: its frame (border included) and its list, when it has one.
public struct PaneArea: Sendable {
    public var pane: Pane
    public var frame: Rect
    public var list: ListArea?

    public init(pane: Pane, frame: Rect, list: ListArea?) {
        self.pane = pane
        self.frame = frame
        self.list = list
    }
}

/// A list's lines on screen: the header line with each column's extent, then rows from `first` on.
public struct ListArea: Sendable {
    /// A column header and the cells it spans.
    public struct Header: Sendable {
        public var name: String
        public var x: Int
        public var width: Int
    }

    /// The line of column headers, when drawn.
    public var headerY: Int?
    /// Column headers left to right.
    public var headers: [Header]
    /// The line the first shown row is on.
    public var top: Int
    /// Lines given to rows.
    public var visible: Int
    /// Index of the row shown first (the list scrolls to keep its selection in view).
    public var first: Int
    /// Rows in the list.
    public var count: Int

    public init(headerY: Int?, headers: [Header] = [], top: Int, visible: Int, first: Int, count: Int) {
        self.headerY = headerY
        self.headers = headers
        self.top = top
        self.visible = visible
        self.first = first
        self.count = count
    }

    /// The header drawn over column `x` of the header line.
    public func header(at x: Int) -> String? {
        headers.first { x >= $0.x && x < $0.x + $0.width }?.name
    }

    /// The row drawn on line `y`, if a row is there.
    public func row(at y: Int) -> Int? {
        guard y >= top, y < top + visible else { return nil }
        let row = first + (y - top)
        return row < count ? row : nil
    }
}

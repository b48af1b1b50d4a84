/// A bordered pane with a title; returns the inner area to draw the content in.
public struct Block: Sendable {
    /// Shown in the top border.
    public var title: String
    /// Focused blocks use the `border_focus` role.
    public var focused: Bool
    /// Extra text at the right of the top border (e.g. a row count).
    public var badge: String?

    /// A block titled `title`.
    public init(title: String, focused: Bool, badge: String? = nil) {
        self.title = title
        self.focused = focused
        self.badge = badge
    }

    /// Draws the border and title into `rect` and returns the inner rectangle.
    @discardableResult
    public func render(_ rect: Rect, into grid: inout CellGrid, glyphs: Glyphs) -> Rect {
        guard rect.width >= 4, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let borderStyle = Style(focused ? .borderFocus : .border)
        grid.fill(rect)
        grid.box(rect, glyphs: glyphs, style: borderStyle)
        let room = rect.width - 4
        if let badge, room > title.count + badge.count + 4 {
            grid.putRight(" \(badge) ", rightEdge: rect.maxX - 2, y: rect.y, style: .muted, maxWidth: badge.count + 2)
        }
        grid.put(" \(title) ", x: rect.x + 1, y: rect.y, style: Style(.title, bold: focused), maxWidth: room + 2)
        return rect.inner
    }
}

/// A centred y/n question before a destructive action.
public struct ConfirmDialog: Sendable {
    /// The yes/no question.
    public var question: String

    /// A dialog asking `question`.
    public init(question: String) { self.question = question }

    /// Draws centred in `area`.
    public func render(_ area: Rect, into grid: inout CellGrid, glyphs: Glyphs) {
        let answer = "y: yes   n / Esc: no"
        let width = max(question.count, answer.count) + 6
        let rect = area.centered(width: width, height: 6)
        let inner = Block(title: "Confirm", focused: true).render(rect, into: &grid, glyphs: glyphs)
        guard inner.height >= 3 else { return }
        grid.put(question, x: inner.x + 2, y: inner.y + 1, style: Style(.warn, bold: true), maxWidth: inner.width - 2)
        grid.put(answer, x: inner.x + 2, y: inner.y + 3 - (inner.height < 4 ? 1 : 0), style: .muted,
                 maxWidth: inner.width - 2)
    }
}

/// A table as lines of padded, styled text, for content that scrolls line by line with other text (a span's
/// details) rather than as a `Table` of its own.
public enum TableLines {
    /// One line per row, the header first (bold, muted) when `header` is set; columns laid out as `Table` does,
    /// cut cells ending in `ellipsis`.
    public static func lines(columns: [Column], rows: [[TableCell]], width: Int, header: Bool = true,
                             ellipsis: Character = "…") -> [[TableCell]] {
        let layout = Column.layout(columns, total: width)
        func line(_ cells: [TableCell]) -> [TableCell] {
            var out: [TableCell] = []
            for (n, (i, w)) in layout.enumerated() where i < cells.count && w > 0 {
                let cell = cells[i]
                let text = cell.text.count > w ? String(cell.text.prefix(max(0, w - 1))) + String(ellipsis) : cell.text
                let pad = String(repeating: " ", count: max(0, w - text.count))
                if n > 0 { out.append(TableCell(" ")) }
                out.append(TableCell(columns[i].alignment == .right ? pad + text : text + pad, cell.style))
            }
            return out
        }
        var out: [[TableCell]] = []
        if header { out.append(line(columns.map { TableCell($0.header, Style(.muted, bold: true)) })) }
        out += rows.map(line)
        return out
    }
}

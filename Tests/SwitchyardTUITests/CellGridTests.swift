import Testing
@testable import SwitchyardTUI

@Suite struct CellGridTests {
    @Test func diffReportsOnlyChangedCells() {
        var a = CellGrid(width: 10, height: 3)
        a.put("hello", x: 0, y: 0, style: .text)
        var b = a
        b.put("J", x: 0, y: 0, style: .text)
        b.put("xy", x: 6, y: 2, style: Style(.bad))
        let runs = b.diff(from: a)
        #expect(runs == [
            CellRun(x: 0, y: 0, cells: [Cell("J", .text)]),
            CellRun(x: 6, y: 2, cells: [Cell("x", Style(.bad)), Cell("y", Style(.bad))]),
        ])
        #expect(a.diff(from: a).isEmpty)
    }

    @Test func styleOnlyChangeIsADiff() {
        var a = CellGrid(width: 4, height: 1)
        a.put("ab", x: 0, y: 0, style: .text)
        var b = a
        b.restyle(Rect(x: 1, y: 0, width: 1, height: 1), style: Style(.text, bold: true))
        #expect(b.diff(from: a) == [CellRun(x: 1, y: 0, cells: [Cell("b", Style(.text, bold: true))])])
    }

    @Test func sizeChangeRepaintsEverything() {
        let a = CellGrid(width: 3, height: 2)
        let b = CellGrid(width: 4, height: 2)
        let runs = b.diff(from: a)
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0.cells.count == 4 && $0.x == 0 })
    }

    @Test func putTruncatesWithEllipsis() {
        var g = CellGrid(width: 10, height: 1)
        let n = g.put("gpt-4o-mini", x: 2, y: 0, style: .text, maxWidth: 6)
        #expect(n == 6)
        #expect(g.textDump() == "  gpt-4…")
        var ascii = CellGrid(width: 5, height: 1, ellipsis: "~")
        ascii.put("abcdefgh", x: 0, y: 0, style: .text)
        #expect(ascii.textDump() == "abcd~")
    }

    @Test func boxAndDumps() {
        var g = CellGrid(width: 4, height: 3)
        g.box(g.bounds, glyphs: .ascii, style: Style(.border))
        g.put("x", x: 1, y: 1, style: Style(.ok, bold: true))
        #expect(g.textDump() == "+--+\n|x |\n+--+")
        #expect(g.styleDump() == "bbbb\nbO b\nbbbb")
    }

    @Test func tableDropsOptionalColumnsWhenNarrow() {
        let columns = [Column("a", 4), Column("b", 6, priority: 2), Column("c", 5, priority: 1), Column("d", 3, flex: true, maxWidth: 8)]
        #expect(Column.layout(columns, total: 30).map(\.index) == [0, 1, 2, 3])
        #expect(Column.layout(columns, total: 16).map(\.index) == [0, 2, 3])
        #expect(Column.layout(columns, total: 9).map(\.index) == [0, 3])
        let wide = Column.layout(columns, total: 40)
        #expect(wide.last?.width == 8)
    }

    @Test func sparklineAndGauge() {
        var g = CellGrid(width: 6, height: 2)
        Sparkline([0, 1, 2, 4, 8], style: Style(.chart1)).render(x: 0, y: 0, width: 6, into: &g, glyphs: .unicode)
        #expect(g.textDump().split(separator: "\n").first == " ▁▂▃▅█")
        Gauge(fraction: 0.5).render(x: 0, y: 1, width: 6, into: &g, glyphs: .ascii)
        #expect(g.textDump().split(separator: "\n").last == "###...")
        #expect(Gauge(fraction: 0.79).role == .ok)
        #expect(Gauge(fraction: 0.8).role == .warn)
        #expect(Gauge(fraction: 1.0).role == .bad)
    }

    @Test func glyphsFollowLocale() {
        #expect(Glyphs.forLocale("en_US.UTF-8") == .unicode)
        #expect(Glyphs.forLocale("C.utf8") == .unicode)
        #expect(Glyphs.forLocale("C") == .ascii)
        #expect(Glyphs.forLocale(nil) == .ascii)
    }
}

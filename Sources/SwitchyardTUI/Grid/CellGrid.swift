/// A run of changed cells on one row, as `CellGrid.diff(from:)` reports it.
public struct CellRun: Sendable, Hashable {
    /// First column of the run.
    public var x: Int
    /// Row of the run.
    public var y: Int
    /// Cells, left to right.
    public var cells: [Cell]

    /// A run starting at (`x`, `y`).
    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

/// A width × height buffer of cells that widgets draw into; the terminal flushes only what changed.
public struct CellGrid: Sendable, Hashable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells, left to right.
    public private(set) var cells: [Cell]
    /// Drawn at the end of truncated text.
    public var ellipsis: Character
    /// Text written with `put` is transliterated to 7-bit ASCII (for non-UTF-8 terminals).
    public var asciiOnly: Bool

    /// A blank grid.
    public init(width: Int, height: Int, ellipsis: Character = "…", asciiOnly: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.ellipsis = ellipsis
        self.asciiOnly = asciiOnly
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (`x`, `y`); blank outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set { if contains(x, y) { cells[y * width + x] = newValue } }
    }

    private func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `string` from (`x`, `y`), at most `maxWidth` columns, ending in the ellipsis when cut.
    /// Returns the number of columns written.
    @discardableResult
    public mutating func put(_ string: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0, y >= 0, y < height else { return 0 }
        var chars = Array(asciiOnly ? Self.ascii(string) : string)
        if chars.count > limit {
            chars = Array(chars.prefix(limit - 1)) + [ellipsis]
        }
        for (i, ch) in chars.enumerated() {
            self[x + i, y] = Cell(ch, style)
        }
        return chars.count
    }

    /// Writes `string` right-aligned so that it ends just before column `rightEdge`.
    @discardableResult
    public mutating func putRight(_ string: String, rightEdge: Int, y: Int, style: Style, maxWidth: Int) -> Int {
        let n = min(string.count, maxWidth)
        return put(string, x: rightEdge - n, y: y, style: style, maxWidth: maxWidth)
    }

    /// Replaces the few non-ASCII characters the dashboard's text uses; anything else becomes "?".
    static func ascii(_ s: String) -> String {
        var out = ""
        for ch in s {
            if ch.isASCII { out.append(ch); continue }
            switch ch {
            case "·", "│": out += "|"
            case "›", "▶": out += ">"
            case "→": out += "->"
            case "…": out += "..."
            case "↑": out += "Up"
            case "↓": out += "Dn"
            case "×": out += "x"
            case "≥": out += ">="
            case "±": out += "+-"
            case "—": out += "-"
            case "µ": out += "u"
            case "▸": out += ">"
            case "⏸": out += "||"
            case "←": out += "<-"
            default: out += "?"
            }
        }
        return out
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(_ rect: Rect, character: Character = " ", style: Style = .background) {
        guard !rect.isEmpty else { return }
        for row in rect.y..<rect.maxY {
            for col in rect.x..<rect.maxX { self[col, row] = Cell(character, style) }
        }
    }

    /// Draws every cell in `rect` dim, keeping characters and roles (for content that is out of date).
    public mutating func dim(_ rect: Rect) {
        let top = max(0, rect.y), left = max(0, rect.x)
        let rows = top..<max(top, min(height, rect.maxY))
        let cols = left..<max(left, min(width, rect.maxX))
        for row in rows where !cols.isEmpty {
            for col in cols { self[col, row].style.dim = true }
        }
    }

    /// Changes the style of every cell in `rect`, keeping characters.
    public mutating func restyle(_ rect: Rect, style: Style) {
        guard !rect.isEmpty else { return }
        for row in rect.y..<rect.maxY {
            for col in rect.x..<rect.maxX { self[col, row].style = style }
        }
    }

    /// Draws a box border around `rect` with the given glyphs.
    public mutating func box(_ rect: Rect, glyphs: Glyphs, style: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for col in rect.x + 1..<right {
            self[col, rect.y] = Cell(glyphs.horizontal, style)
            self[col, bottom] = Cell(glyphs.horizontal, style)
        }
        for row in rect.y + 1..<bottom {
            self[rect.x, row] = Cell(glyphs.vertical, style)
            self[right, row] = Cell(glyphs.vertical, style)
        }
        self[rect.x, rect.y] = Cell(glyphs.topLeft, style)
        self[right, rect.y] = Cell(glyphs.topRight, style)
        self[rect.x, bottom] = Cell(glyphs.bottomLeft, style)
        self[right, bottom] = Cell(glyphs.bottomRight, style)
    }

    /// Runs of cells that differ from `previous`; every cell when the sizes differ.
    public func diff(from previous: CellGrid) -> [CellRun] {
        let sameSize = previous.width == width && previous.height == height
        var runs: [CellRun] = []
        for row in 0..<height {
            var start: Int?
            for col in 0...width {
                let changed = col < width && (!sameSize || previous.cells[row * width + col] != cells[row * width + col])
                if changed, start == nil { start = col }
                if !changed, let s = start {
                    runs.append(CellRun(x: s, y: row, cells: Array(cells[(row * width + s)..<(row * width + col)])))
                    start = nil
                }
            }
        }
        return runs
    }

    /// The characters, one line per row, trailing spaces trimmed.
    public func textDump() -> String {
        rowsDump { String($0.character) }
    }

    /// One letter per cell for its style (see `Role.letter`), trailing background trimmed.
    public func styleDump() -> String {
        rowsDump { $0.style == .background && $0.character == " " ? " " : String($0.style.dumpLetter) }
    }

    private func rowsDump(_ f: (Cell) -> String) -> String {
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for col in 0..<width { line += f(cells[row * width + col]) }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

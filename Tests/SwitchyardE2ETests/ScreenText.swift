/// Reading a captured dashboard screen: pane titles, table columns by their header, the selected row.
enum ScreenText {
    /// Titles of the six panes, as drawn in their top borders.
    static let paneTitles = ["1 Providers", "2 Latency", "3 Errors /s", "4 Fallbacks", "5 Budget", "6 Requests"]

    /// Whether the screen shows the dashboard header and every pane title.
    static func showsFullDashboard(_ lines: [String]) -> Bool {
        guard let header = lines.first, header.contains("switchyard") else { return false }
        let text = lines.joined(separator: "\n")
        return paneTitles.allSatisfy { text.contains($0) }
    }

    /// The text under a header word in a table row: the columns `header` spans, widened to whole tokens.
    /// Columns are counted in characters; every glyph the dashboard draws is one cell wide.
    static func column(_ header: String, headerLine: String, row: String) -> String? {
        let head = Array(headerLine)
        let cells = Array(row)
        guard let start = find(Array(header), in: head) else { return nil }
        var lo = start, hi = start + header.count
        guard hi <= cells.count else { return nil }
        // Right-aligned numbers may start left of the header word; left-aligned text may run past its end.
        while lo > 0, cells[lo - 1] != " ", !isBorder(cells[lo - 1]) { lo -= 1 }
        while hi < cells.count, cells[hi] != " ", !isBorder(cells[hi]) { hi += 1 }
        let text = String(cells[lo..<hi]).trimmingCharacters(in: " ")
        return text.isEmpty ? nil : text
    }

    /// The first line containing all of `words`, with its index.
    static func line(containing words: [String], in lines: [String]) -> (index: Int, text: String)? {
        for (i, line) in lines.enumerated() where words.allSatisfy({ line.contains($0) }) { return (i, line) }
        return nil
    }

    /// The part of a line left of the first pane's right border (the left column of panes).
    static func leftPane(_ line: String) -> String {
        guard let cut = line.range(of: "││") ?? line.range(of: "┐┌") ?? line.range(of: "┘└") else { return line }
        return String(line[..<cut.upperBound].dropLast())
    }

    /// The Providers pane's lines, header row first (empty when the pane is not on screen).
    static func providersPane(_ lines: [String]) -> [String] {
        guard let top = lines.firstIndex(where: { $0.contains("1 Providers ") }) else { return [] }
        var body: [String] = []
        for line in lines[(top + 1)...].map(leftPane) {
            if line.hasPrefix("└") { break }
            body.append(line)
        }
        return body
    }

    /// A provider row of the Providers pane: the line whose name cell is exactly `name`.
    static func providerRow(_ name: String, in lines: [String]) -> String? {
        providersPane(lines).dropFirst().first { line in
            line.dropFirst().split(separator: " ").dropFirst().first.map { $0 == name } ?? false
        }
    }

    /// One cell of a provider's row, read under its column header ("status", "req/s").
    static func providerCell(_ provider: String, _ column: String, _ lines: [String]) -> String? {
        let pane = providersPane(lines)
        guard let header = pane.first, let row = providerRow(provider, in: lines) else { return nil }
        return Self.column(column, headerLine: header, row: row)
    }

    /// Provider names in the Providers pane, top to bottom. A row reads `│ ● name …` or `│▶● name …`.
    static func providerNames(_ lines: [String]) -> [String] {
        providersPane(lines).dropFirst().compactMap { line in
            line.dropFirst().split(separator: " ").dropFirst().first.map(String.init)
        }
    }

    /// The name on the row marked as selected (`▶`) in the Providers pane.
    static func selectedProvider(in lines: [String]) -> String? {
        for line in providersPane(lines) where line.hasPrefix("│▶") {
            return line.dropFirst(2).split(separator: " ").dropFirst().first.map(String.init)
        }
        return nil
    }

    private static func find(_ needle: [Character], in haystack: [Character]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where Array(haystack[i..<i + needle.count]) == needle { return i }
        return nil
    }

    private static func isBorder(_ c: Character) -> Bool { "│┌┐└┘─".contains(c) }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

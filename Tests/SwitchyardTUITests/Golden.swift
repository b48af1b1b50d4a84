import Foundation
import Testing
@testable import SwitchyardTUI

/// Compares a rendered grid against `Golden/<name>.txt`; `SWITCHYARD_UPDATE_GOLDEN=1` rewrites the file.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Text grid, then the style grid, then the legend of style letters as `theme` resolves them.
    static func document(_ grid: CellGrid, theme: Theme) -> String {
        """
        \(grid.width)x\(grid.height) theme \(theme.name)
        ── text ──
        \(grid.textDump())
        ── style (one letter per cell; upper case = bold, * = reverse) ──
        \(grid.styleDump())
        ── legend ──
        \(theme.legend())

        """
    }

    static func check(_ name: String, _ grid: CellGrid, theme: Theme, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent("\(name).txt")
        let actual = document(grid, theme: theme)
        if ProcessInfo.processInfo.environment["SWITCHYARD_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            #expect(throws: Never.self, sourceLocation: sourceLocation) {
                try actual.write(to: url, atomically: true, encoding: .utf8)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(name).txt; run with SWITCHYARD_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var report: [String] = []
        for i in 0..<max(e.count, a.count) where report.count < 12 {
            let el = i < e.count ? String(e[i]) : "<none>"
            let al = i < a.count ? String(a[i]) : "<none>"
            if el != al { report += ["line \(i + 1):", "  expected: \(el)", "  actual:   \(al)"] }
        }
        let message = "golden \(name).txt differs:\n" + report.joined(separator: "\n")
        Issue.record("\(message)", sourceLocation: sourceLocation)
    }
}

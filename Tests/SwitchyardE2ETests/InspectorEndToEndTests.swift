import Foundation
import SwitchyardCore
import Testing

extension SerialEndToEnd {
    /// The request inspector in the real binary: from the Requests list, filtered to failures, one key opens a
    /// failed request's trace as a waterfall.
    @Suite("Request inspector end to end", .serialized)
    struct InspectorEndToEndTests {
        /// Requests that met a 5xx on some attempt. The demo's incidents rarely make a request fail outright (it
        /// falls back), so `status>=500` may list nothing for minutes; a 5xx attempt shows within one 75-second
        /// incident cycle.
        static let filter = "class=5xx"

        @Test("from the focused, filtered Requests list, Enter opens a failed attempt's waterfall")
        func errorWaterfall() async throws {
            let tmux = try await TmuxSession(width: 120, height: 40)
            try await tmux.waitForPrompt()
            try await tmux.run("\(DashboardEndToEndTests.quote(try BuiltProduct.switchyard())) --seed 1")
            try await tmux.waitFor("the dashboard with a first snapshot") { lines in
                ScreenText.showsFullDashboard(lines) && (lines.first?.contains("req/s") ?? false)
            }
            try await tmux.keys("6")
            try await tmux.type("/" + Self.filter)
            try await tmux.keys("Enter")
            try await tmux.waitFor(text: Self.filter)

            // Wait for a match (up to a whole incident cycle), then one key: Enter on the newest.
            var opened: [String] = []
            for _ in 0..<3 where opened.isEmpty {
                try await tmux.waitFor("a request that met a 5xx", timeout: 90) { (Self.matches($0) ?? 0) > 0 }
                try await tmux.keys("Enter")
                opened = (try? await tmux.waitFor("the request's detail view", timeout: 5) { lines in
                    lines.contains { $0.contains("6 Requests › req_") }
                }) ?? []
            }
            #expect(!opened.isEmpty, "Enter opened no request")
            let screen = try await tmux.waitFor("the trace's waterfall") { Self.isWaterfall($0) }
            let text = screen.joined(separator: "\n")
            #expect(screen.contains { $0.contains("trace ") && $0.range(of: "[0-9a-f]{32}", options: .regularExpression) != nil },
                    "no trace id:\n\(text)")
            let attempts = Self.spanRows(screen).filter { $0.contains("attempt") }
            #expect(!attempts.isEmpty, "no attempt spans:\n\(text)")
            #expect(attempts.contains(where: Self.showsServerError), "no attempt with a 5xx:\n\(text)")

            // Esc goes back to the list, still filtered.
            try await tmux.keys("Escape")
            try await tmux.waitFor("the list again") { lines in
                ScreenText.showsFullDashboard(lines) && lines.joined().contains(Self.filter)
            }
            try await tmux.quitDashboard()
        }

        /// "N" of the Requests pane title "6 Requests ▶ follow · N of M · class=5xx".
        static func matches(_ lines: [String]) -> Int? {
            guard let title = lines.first(where: { $0.contains("6 Requests") && $0.contains(filter) }),
                  let range = title.range(of: "· [0-9]+ of", options: .regularExpression) else { return nil }
            return Int(title[range].dropFirst(2).dropLast(3))
        }

        /// Whether the screen shows a span table: its header row, then a `request` row.
        static func isWaterfall(_ lines: [String]) -> Bool {
            guard let header = ScreenText.line(containing: ["span", "start", "took"], in: lines) else { return false }
            return lines.dropFirst(header.index + 1).first?.contains("request") ?? false
        }

        /// Rows of the span table (between its header and the rule above the selected span's details).
        static func spanRows(_ lines: [String]) -> [String] {
            guard let header = ScreenText.line(containing: ["span", "start", "took"], in: lines) else { return [] }
            return Array(lines.dropFirst(header.index + 1).prefix { !$0.hasPrefix("│─") && !$0.hasPrefix("└") })
        }

        /// A 5xx status or the 5xx error class on the line.
        static func showsServerError(_ line: String) -> Bool {
            line.contains("5xx") || line.range(of: "(^|[^0-9])5[0-9][0-9]([^0-9]|$)", options: .regularExpression) != nil
        }
    }
}

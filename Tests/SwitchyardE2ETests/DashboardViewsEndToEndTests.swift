import Foundation
import SwitchyardCore
import Testing

extension SerialEndToEnd {
    /// Sorting, zooming, the `:` command line and the hint line in the real binary, against the demo.
    @Suite("Dashboard views end to end", .serialized)
    struct DashboardViewsEndToEndTests {
        @Test("z zooms the focused pane and restores the six with the same selection; s and S sort it")
        func zoomAndSort() async throws {
            let tmux = try await start()
            try await tmux.keys("1")
            try await tmux.keys("j")
            let before = try await tmux.waitFor("a selected provider below the top") { lines in
                ScreenText.selectedProvider(in: lines) != nil && ScreenText.providerNames(lines).first != ScreenText.selectedProvider(in: lines)
            }
            let selected = try #require(ScreenText.selectedProvider(in: before))

            try await tmux.keys("z")
            try await tmux.waitFor("the zoomed Providers pane") { lines in
                lines.contains { $0.contains("Deployments") } && !ScreenText.showsFullDashboard(lines)
                    && lines.last(where: { !$0.isEmpty })?.contains("z/Esc all panes") == true
            }
            try await tmux.keys("z")
            try await tmux.waitFor("the six panes with \(selected) still selected") { lines in
                ScreenText.showsFullDashboard(lines) && ScreenText.selectedProvider(in: lines) == selected
            }

            try await tmux.keys("s")
            try await tmux.waitFor("providers sorted A to Z") { lines in
                let names = ScreenText.providerNames(lines)
                return lines.contains { $0.contains("provider▲") } && names.count > 1 && names == names.sorted()
                    && ScreenText.selectedProvider(in: lines) == selected
            }
            try await tmux.keys("S")
            try await tmux.waitFor("providers sorted Z to A") { lines in
                let names = ScreenText.providerNames(lines)
                return lines.contains { $0.contains("provider▼") } && names.count > 1 && names == names.sorted(by: >)
                    && ScreenText.selectedProvider(in: lines) == selected
            }
            try await tmux.quitDashboard()
        }

        @Test(":trace with an id read from the screen opens that request's trace")
        func traceCommand() async throws {
            let tmux = try await start()
            // Zoomed, the Requests pane shows whole ids.
            try await tmux.keys("6")
            try await tmux.keys("z")
            let zoomed = try await tmux.waitFor("a whole request id") { Self.requestID(in: $0) != nil }
            let id = try #require(Self.requestID(in: zoomed))
            try await tmux.keys("z")
            try await tmux.type(":trace \(id)")
            try await tmux.waitFor(text: ":trace \(id)")
            try await tmux.keys("Enter")
            try await tmux.waitFor(text: "6 Requests › \(id)")
            try await tmux.keys("Escape")
            try await tmux.waitFor("the dashboard again") { ScreenText.showsFullDashboard($0) }
            try await tmux.quitDashboard()
        }

        @Test("a status message gives the bottom line back to the key hints after five seconds")
        func statusExpiry() async throws {
            let tmux = try await start()
            try await tmux.type(":nosuch")
            try await tmux.keys("Enter")
            let shown = Date()
            try await tmux.waitFor(text: "unknown command :nosuch")
            try await tmux.waitFor("the key hints again", timeout: 15) { lines in
                guard let last = lines.last(where: { !$0.isEmpty }) else { return false }
                return last.contains("Tab/1-6 pane") && last.hasSuffix("? help")
            }
            #expect(Date().timeIntervalSince(shown) >= 4.5, "the message went before its five seconds")
            try await tmux.quitDashboard()
        }

        // MARK: Helpers

        private func start() async throws -> TmuxSession {
            let tmux = try await TmuxSession(width: 120, height: 40)
            try await tmux.waitForPrompt()
            try await tmux.run("\(DashboardEndToEndTests.quote(try BuiltProduct.switchyard())) --seed 1")
            try await tmux.waitFor("the dashboard with a first snapshot") { lines in
                ScreenText.showsFullDashboard(lines) && (lines.first?.contains("req/s") ?? false)
            }
            return tmux
        }

        /// The first whole demo request id on the screen ("req_" and 16 hex digits).
        static func requestID(in lines: [String]) -> String? {
            for line in lines {
                if let range = line.range(of: "req_[0-9a-f]{16}", options: .regularExpression) { return String(line[range]) }
            }
            return nil
        }
    }
}

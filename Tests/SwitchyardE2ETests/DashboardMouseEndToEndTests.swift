import Foundation
import Testing

extension SerialEndToEnd {
    /// The mouse, preferences kept across starts, a selection held through live traffic, and a second demo, in
    /// the real binary under tmux.
    @Suite("Dashboard mouse and state end to end", .serialized)
    struct DashboardMouseEndToEndTests {
        @Test("a click selects the provider under it and sorts by the header under it; one on a request pauses the list on it")
        func mouseClicks() async throws {
            let tmux = try await start()
            let screen = try await tmux.capture()
            let pane = ScreenText.providersPane(screen)
            let names = ScreenText.providerNames(screen)
            #expect(ScreenText.selectedProvider(in: screen) == names.first)
            // The third provider's row: the pane's title line, its header, then the rows.
            let top = try #require(screen.firstIndex { $0.contains("1 Providers ") })
            let third = names[2]
            try #require(pane.count > 3)
            try await tmux.click(x: 6, y: top + 4)
            try await tmux.waitFor("\(third) selected by the click") { ScreenText.selectedProvider(in: $0) == third }

            // The header "provider" sorts A to Z; clicked again, Z to A.
            let header = try #require(pane.first)
            let x = try #require(header.range(of: "provider").map { header.distance(from: header.startIndex, to: $0.lowerBound) })
            try await tmux.click(x: x + 1, y: top + 1)
            try await tmux.waitFor("providers sorted A to Z by the header click") { lines in
                let names = ScreenText.providerNames(lines)
                return lines.contains { $0.contains("provider▲") } && names == names.sorted()
            }
            try await tmux.click(x: x + 1, y: top + 1)
            try await tmux.waitFor("providers sorted Z to A by a second click") { lines in
                lines.contains { $0.contains("provider▼") } && ScreenText.providerNames(lines) == ScreenText.providerNames(lines).sorted(by: >)
            }

            // A request row: the Requests pane stops following and its hints say how to follow again.
            let now = try await tmux.capture()
            let requests = try #require(ScreenText.line(containing: ["│done ", " tries "], in: now))
            let column = try #require(requests.text.range(of: "│done ").map { requests.text.distance(from: requests.text.startIndex, to: $0.lowerBound) })
            try await tmux.click(x: column + 3, y: requests.index + 2)
            try await tmux.waitFor("the Requests list paused by the click") { lines in
                lines.contains { $0.contains("6 Requests ⏸") }
                    && lines.last(where: { !$0.isEmpty })?.contains("f follow") == true
            }
            try await tmux.quitDashboard()
        }

        @Test("the selected request stays selected through 30 s of traffic, and Esc from its trace comes back to it")
        func selectionHoldsThroughTraffic() async throws {
            let tmux = try await start()
            try await tmux.keys("6")
            try await tmux.keys("j")
            try await tmux.keys("j")
            try await tmux.waitFor(text: "6 Requests ⏸")
            try await tmux.keys("Enter")
            let opened = try await tmux.waitFor("the trace of the selected request") { Self.openedID(in: $0) != nil }
            let id = try #require(Self.openedID(in: opened))
            try await tmux.keys("Escape")
            try await tmux.waitFor("the list, still paused") { ScreenText.showsFullDashboard($0) && $0.joined().contains("6 Requests ⏸") }
            // Demo traffic goes on: 30 s of new requests arrive above the held one.
            try await Task.sleep(for: .seconds(30))
            let later = try await tmux.waitFor("new requests counted while paused") { lines in
                lines.contains { $0.range(of: "6 Requests ⏸ [0-9]+ new", options: .regularExpression) != nil }
            }
            #expect(ScreenText.showsFullDashboard(later))
            try await tmux.keys("Enter")
            try await tmux.waitFor(text: "6 Requests › \(id)")
            try await tmux.keys("Escape")
            try await tmux.keys("Enter")
            try await tmux.waitFor(text: "6 Requests › \(id)")
            try await tmux.keys("Escape")
            try await tmux.quitDashboard()
        }

        @Test("columns picked with c are stored and come back on the next start")
        func columnsPersist() async throws {
            let tmux = try await start()
            let before = try #require(ScreenText.line(containing: ["│done ", " tries "], in: try await tmux.capture()))
            #expect(before.text.contains(" id "))
            try await tmux.keys("c")
            try await tmux.waitFor(text: "Requests columns")
            try await tmux.keys("j")
            try await tmux.keys("Space")
            try await tmux.keys("Escape")
            try await tmux.waitFor("the Requests header without id") { lines in
                ScreenText.line(containing: ["│done ", " tries "], in: lines).map { !$0.text.contains(" id ") } ?? false
            }
            try await tmux.quitDashboard()
            let file = tmux.sandbox.appendingPathComponent("state/switchyard/dashboard.json")
            let stored = try String(contentsOf: file, encoding: .utf8)
            #expect(stored.contains("\"done\"") && !stored.contains("\"id\""))

            try await launch(tmux)
            let again = try #require(ScreenText.line(containing: ["│done ", " tries "], in: try await tmux.capture()))
            #expect(!again.text.contains(" id "), "\(again.text)")
            try await tmux.quitDashboard()
            // A damaged file gives the defaults back, without a word of complaint.
            try "{ not json".write(to: file, atomically: true, encoding: .utf8)
            try await launch(tmux)
            let defaults = try #require(ScreenText.line(containing: ["│done ", " tries "], in: try await tmux.capture()))
            #expect(defaults.text.contains(" id "))
            try await tmux.quitDashboard()
        }

        @Test("a second demo while the first holds the control socket says so on its first screen and keeps working")
        func secondDemo() async throws {
            let tmux = try await TmuxSession(width: 120, height: 40)
            try await tmux.waitForPrompt()
            let binary = DashboardEndToEndTests.quote(try BuiltProduct.switchyard())
            try await tmux.window("\(binary) demo --listen off --seed 3")
            let socket = tmux.sandbox.appendingPathComponent("run/switchyard/control.sock").path
            let deadline = Date().addingTimeInterval(30)
            while !FileManager.default.fileExists(atPath: socket), Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
            try #require(FileManager.default.fileExists(atPath: socket), "the first demo never opened its control socket")

            try await tmux.run("\(binary) demo --listen off --seed 1")
            let first = try await tmux.waitFor("the dashboard saying it has no control socket") { lines in
                ScreenText.showsFullDashboard(lines)
                    && lines.last(where: { !$0.isEmpty })?.contains("running without a control socket") == true
            }
            #expect(first.last(where: { !$0.isEmpty })?.contains("another gateway") == true)
            // Still a dashboard: keys work.
            try await tmux.keys("z")
            try await tmux.waitFor("the zoomed Providers pane") { $0.contains { $0.contains("Deployments") } }
            try await tmux.keys("z")
            try await tmux.quitDashboard()
        }

        // MARK: Helpers

        private func start() async throws -> TmuxSession {
            let tmux = try await TmuxSession(width: 120, height: 40)
            try await tmux.waitForPrompt()
            try await launch(tmux)
            return tmux
        }

        private func launch(_ tmux: TmuxSession) async throws {
            try await tmux.run("\(DashboardEndToEndTests.quote(try BuiltProduct.switchyard())) demo --listen off --seed 1")
            // Requests listed: a row under the Requests header (its first column, done, is a clock time).
            try await tmux.waitFor("the dashboard with requests listed") { lines in
                guard ScreenText.showsFullDashboard(lines), lines.first?.contains("req/s") ?? false,
                      let header = ScreenText.line(containing: ["│done "], in: lines), header.index + 1 < lines.count
                else { return false }
                return lines[header.index + 1].range(of: "││[0-9]{2}:[0-9]{2}:[0-9]{2} ", options: .regularExpression) != nil
            }
        }

        /// The request id in the inspector's title ("6 Requests › req_…").
        static func openedID(in lines: [String]) -> String? {
            for line in lines {
                if let range = line.range(of: "6 Requests › req_[0-9a-f]+", options: .regularExpression) {
                    return String(line[range].dropFirst("6 Requests › ".count))
                }
            }
            return nil
        }
    }
}

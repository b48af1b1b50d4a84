import Foundation
import SwitchyardTestSupport
import SwitchyardCore
import Testing

extension SerialEndToEnd {
    /// The real `switchyard` binary driven from a shell in a private tmux server, the way an operator uses it.
    /// Every wait polls the screen with a timeout, so a slow machine makes the suite slower, not flaky.
    @Suite("Dashboard end to end", .serialized)
    struct DashboardEndToEndTests {
        // MARK: Live dashboard

        @Test("starts from a shell, shows live panes, takes a provider out and shifts a weight, quits cleanly")
        func liveDashboard() async throws {
            let tmux = try await TmuxSession(width: 120, height: 40)
            try await tmux.waitForPrompt()
            try await startDashboard(in: tmux)

            // Live: the header (clock, req/s) and the request list move on their own.
            let first = try await tmux.capture()
            try await tmux.waitFor("the header to change") { $0.first != first.first && ScreenText.showsFullDashboard($0) }
            let firstRequests = requestLines(first)
            try await tmux.waitFor("new rows in the Requests pane") { requestLines($0) != firstRequests }

            // Disable the second provider: focus Providers, move down, d, y.
            try await tmux.keys("1")
            let withSelection = try await tmux.waitFor("a selected provider") {
                ScreenText.selectedProvider(in: $0) != nil
            }
            let top = try #require(ScreenText.selectedProvider(in: withSelection))
            try await tmux.keys("j")
            let screen = try await tmux.waitFor("the selection to move down") {
                ScreenText.selectedProvider(in: $0).map { $0 != top } ?? false
            }
            let target = try #require(ScreenText.selectedProvider(in: screen))
            try await tmux.keys("d")
            try await tmux.waitFor(text: "Disable provider \(target)?")
            try await tmux.keys("y")
            try await tmux.waitFor("\(target) to show disabled") { lines in
                providerCell(target, "status", lines) == "disabled"
            }
            try await tmux.waitFor(text: "disable provider \(target)")
            // Its traffic is dropped: the req/s cell falls to zero once the rate window has passed.
            try await tmux.waitFor("\(target) req/s to reach 0", timeout: 30) { lines in
                providerCell(target, "req/s", lines).flatMap(Double.init) == 0
            }
            // Other providers keep serving.
            let after = try await tmux.capture()
            let othersServing = ScreenText.providerNames(after).contains { name in
                name != target && (providerCell(name, "req/s", after).flatMap(Double.init) ?? 0) > 0
            }
            #expect(othersServing, "no other provider serves after disabling \(target):\n\(after.joined(separator: "\n"))")

            // Weight shift: back to the top provider, open it, select its second deployment, +.
            try await tmux.keys("g")
            try await tmux.waitFor("\(top) selected") { ScreenText.selectedProvider(in: $0) == top }
            try await tmux.keys("Enter")
            try await tmux.waitFor(text: "1 Providers › \(top)")
            try await tmux.keys("j")
            let detail = try await tmux.waitFor("the second deployment selected") { selectedDeployment($0)?.index == 1 }
            let deployment = try #require(selectedDeployment(detail))
            let before = try #require(deployment.weight, "no weight on the selected row: \(deployment.line)")
            try await tmux.type("+")
            // A weight change is asked first, as `:weight` asks.
            try await tmux.waitFor(text: "Set the weight of \(deployment.id) to \(Self.format(before + 1))?")
            try await tmux.type("y")
            try await tmux.waitFor("the weight of \(deployment.id) to grow") { lines in
                selectedDeployment(lines)?.weight == before + 1
            }
            // The status line reports the audited change: "set weight of D to N: weight B → weight N".
            let expected = "set weight of \(deployment.id) to \(Self.format(before + 1)): weight \(Self.format(before))"
            try await tmux.waitFor("the status line to report the weight change") { lines in
                lines.last(where: { !$0.isEmpty })?.contains(expected) ?? false
            }
            try await tmux.keys("Escape")
            try await tmux.waitFor("the dashboard after Esc") { ScreenText.showsFullDashboard($0) && !$0.joined().contains("›") }

            // q quits with status 0 and gives the shell back with a sane terminal.
            try await tmux.quitDashboard()
            try await tmux.run("echo done-$?")
            try await tmux.waitFor("done-0 at a prompt") { lines in
                let text = lines.filter { !$0.isEmpty }
                return text.suffix(2).first == "done-0" && text.last == "$"
            }
            try await tmux.run("stty -a")
            let stty = try await tmux.waitFor("stty output") { $0.joined(separator: " ").contains("icanon") }
            let flags = Set(stty.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init))
            #expect(flags.contains("echo") && !flags.contains("-echo"), "terminal left without echo")
            #expect(flags.contains("icanon") && !flags.contains("-icanon"), "terminal left in raw mode")
        }

        @Test("redraws to fit 80×24, says when 50×12 is too small, and recovers at 120×40")
        func resize() async throws {
            let tmux = try await TmuxSession(width: 120, height: 40)
            try await tmux.waitForPrompt()
            try await startDashboard(in: tmux)

            try await tmux.resize(width: 80, height: 24)
            let small = try await tmux.waitFor("an 80×24 dashboard") { fits($0, width: 80, height: 24) }
            #expect(small.allSatisfy { $0.count <= 80 })
            #expect(small.first?.contains("switchyard") == true)

            try await tmux.resize(width: 50, height: 12)
            let tiny = try await tmux.waitFor(text: "terminal too small")
            #expect(!ScreenText.showsFullDashboard(tiny))
            #expect(tiny.joined(separator: " ").contains("50×12"))

            try await tmux.resize(width: 120, height: 40)
            try await tmux.waitFor("the 120×40 dashboard again") { fits($0, width: 120, height: 40) }

            try await tmux.quitDashboard()
        }

        // MARK: Failures a user can hit

        @Test("an unknown theme or a broken theme file stops with a located message and a non-zero status")
        func badThemes() async throws {
            let binary = try BuiltProduct.switchyard()
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sy-e2e-\(getpid())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let themeFile = dir.appendingPathComponent("broken.theme")
            try "# a theme with a typo\ntext = white\naccent = bleu bold\n".write(to: themeFile, atomically: true, encoding: .utf8)

            let tmux = try await TmuxSession(width: 160, height: 30)
            try await tmux.waitForPrompt()
            try await tmux.run("\(Self.quote(binary)) --theme nosuch; echo rc-$?")
            let unknown = try await tmux.waitFor("the unknown-theme error") { $0.contains(where: Self.isStatusLine) }
            let unknownText = unknown.joined(separator: "\n")
            #expect(unknownText.contains("nosuch"), "\(unknownText)")
            #expect(unknownText.contains("unknown theme"), "\(unknownText)")
            #expect(!unknownText.contains("rc-0"), "\(unknownText)")

            try await tmux.run("clear")
            try await tmux.waitFor("a clear screen") { !$0.contains(where: Self.isStatusLine) }
            try await tmux.run("\(Self.quote(binary)) --theme \(Self.quote(themeFile.path)); echo rc-$?")
            let broken = try await tmux.waitFor("the theme file error") { $0.contains(where: Self.isStatusLine) }
            let brokenText = broken.joined(separator: "\n")
            #expect(brokenText.contains("\(themeFile.path):3: unknown color 'bleu'"), "\(brokenText)")
            #expect(!brokenText.contains("rc-0"), "\(brokenText)")
        }

        @Test("refuses to draw when stdout is not a terminal, without escape sequences")
        func notATerminal() async throws {
            let result = try await Self.runBinary(["--seed", "1"])
            #expect(result.status != 0)
            #expect(result.stderr.contains("terminal"), "stderr: \(result.stderr)")
            #expect(!result.stdout.contains("\u{1B}"), "escape sequences on stdout: \(result.stdout.debugDescription)")
            #expect(!result.stderr.contains("\u{1B}"), "escape sequences on stderr: \(result.stderr.debugDescription)")
        }

        @Test("--help and --version")
        func helpAndVersion() async throws {
            let help = try await Self.runBinary(["--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: switchyard"), "\(help.stdout)")
            #expect(help.stdout.contains("demo"), "\(help.stdout)")
            let demoHelp = try await Self.runBinary(["demo", "--help"])
            #expect(demoHelp.status == 0)
            #expect(demoHelp.stdout.contains("--rate"), "\(demoHelp.stdout)")
            let version = try await Self.runBinary(["--version"])
            #expect(version.status == 0)
            #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == SwitchyardVersion.current)
        }

        // MARK: Helpers

        private func startDashboard(in tmux: TmuxSession) async throws {
            try await tmux.run("\(Self.quote(try BuiltProduct.switchyard())) --seed 1")
            try await tmux.waitFor("the dashboard with a first snapshot") { lines in
                ScreenText.showsFullDashboard(lines) && (lines.first?.contains("req/s") ?? false)
            }
        }

        /// Whether the screen is a full dashboard exactly `width` × `height`: every pane row ends at the right edge.
        private func fits(_ lines: [String], width: Int, height: Int) -> Bool {
            guard lines.count >= height, ScreenText.showsFullDashboard(lines) else { return false }
            let body = lines[1..<(height - 1)]
            return lines.allSatisfy { $0.count <= width }
                && body.allSatisfy { $0.count == width && "┐│┘".contains($0.last ?? " ") }
        }

        /// Lines of the Requests pane (right half of the bottom band).
        private func requestLines(_ lines: [String]) -> [String] {
            guard let top = lines.firstIndex(where: { $0.contains("6 Requests") }) else { return [] }
            return lines[top...].map { line in line.range(of: "││").map { String(line[$0.upperBound...]) } ?? "" }
        }

        /// The cell under `column` on `provider`'s row of the Providers pane.
        private func providerCell(_ provider: String, _ column: String, _ lines: [String]) -> String? {
            ScreenText.providerCell(provider, column, lines)
        }

        private struct SelectedDeployment {
            var index: Int
            var id: String
            var weight: Double?
            var line: String
        }

        /// The marked row of a provider's detail view.
        private func selectedDeployment(_ lines: [String]) -> SelectedDeployment? {
            guard let header = ScreenText.line(containing: ["deployment", "weight"], in: lines) else { return nil }
            // Table rows: a border, the marker column (▶ or blank), a space, then the deployment id.
            let rows = lines[(header.index + 1)...].prefix { line in
                let cells = Array(line)
                return cells.count > 3 && cells[0] == "│" && (cells[1] == "▶" || cells[1] == " ") && cells[2] == " "
                    && cells[3] != " "
            }
            for (i, row) in rows.enumerated() where row.hasPrefix("│▶") {
                guard let id = row.dropFirst(2).split(separator: " ").first else { return nil }
                let weight = ScreenText.column("weight", headerLine: header.text, row: row).flatMap(Double.init)
                return SelectedDeployment(index: i, id: String(id), weight: weight, line: row)
            }
            return nil
        }

        /// `rc-N` printed after a command (not the typed `rc-$?`).
        private static func isStatusLine(_ line: String) -> Bool {
            line.hasPrefix("rc-") && line.dropFirst(3).allSatisfy(\.isNumber) && line.count > 3
        }

        private static func format(_ w: Double) -> String { w == w.rounded() ? String(Int(w)) : String(w) }

        static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

        /// Runs the binary with stdin from /dev/null and stdout/stderr captured (no terminal anywhere).
        static func runBinary(_ arguments: [String]) async throws -> Spawn.Outcome {
            var environment = ProcessInfo.processInfo.environment
            environment["TERM"] = "xterm-256color"
            return try await Spawn.run([try BuiltProduct.switchyard()] + arguments, environment: environment)
        }
    }
}

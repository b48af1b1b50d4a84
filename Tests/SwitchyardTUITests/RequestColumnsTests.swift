import Foundation
import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// `c`: the Requests pane's columns, picked in an overlay and stored as preferences.
@Suite struct RequestColumnsTests: ReducerDriving {
    static let theme = ThemeCatalog.builtin("default")

    /// The Requests pane's header line at 120 columns (the lower right pane).
    func requestsHeader(_ s: DashboardState) -> String {
        let lines = Renderer.render(s, glyphs: .unicode).textDump().components(separatedBy: "\n")
        return lines.first { $0.contains("│done ") } ?? ""
    }

    @Test func cOpensThePickerAndSpaceHidesAColumnAndStoresIt() throws {
        var (s, effects) = press([.char("c")], start())
        #expect(s.overlay == .columns && s.columnCursor == 0 && effects.isEmpty)
        (s, effects) = press([.char("j"), .char(" ")], s)  // id
        #expect(!s.requestColumns.contains(.id))
        #expect(effects == [.savePreferences(DashboardPreferences(requestColumns: RequestColumn.defaults.subtracting([.id])))])
        // Shown again with Enter; ttft (not a default) added.
        (s, effects) = press([.enter, .char("j"), .char("j"), .char("j"), .char("j"), .char(" ")], s)
        #expect(s.requestColumns == RequestColumn.defaults.union([.ttft]))
        #expect(effects.last == .savePreferences(DashboardPreferences(requestColumns: s.requestColumns)))
        (s, effects) = press([.esc], s)
        #expect(s.overlay == .none && effects.isEmpty)
        #expect(requestsHeader(s).contains(" ttft "))
    }

    @Test func hiddenColumnsLeaveThePaneAndTheRestTakeTheRoom() {
        var s = start()
        let before = requestsHeader(s)
        #expect(before.contains(" tries ") && before.contains(" cost"))
        s.requestColumns = [.done, .model, .status, .latency]
        let after = requestsHeader(s)
        #expect(!after.contains(" tries ") && !after.contains(" cost") && !after.contains(" id "))
        #expect(after.contains(" model ") && after.contains(" latency"))
        // Zoomed, ttft and team join whatever was picked.
        s.focus = .requests
        s.zoomed = true
        let zoomed = requestsHeader(s)
        #expect(zoomed.contains(" ttft ") && zoomed.contains(" team "))
        #expect(!zoomed.contains(" tries "))
    }

    @Test func theLastColumnStaysAndRRestoresTheDefaults() {
        var s = start()
        s.requestColumns = [.model]
        s = press([.char("c"), .char("j"), .char("j"), .char(" ")], s).0
        #expect(s.requestColumns == [.model])
        #expect(s.statusMessage == "the Requests pane keeps at least one column")
        let (reset, effects) = press([.char("r")], s)
        #expect(reset.requestColumns == RequestColumn.defaults)
        #expect(effects == [.savePreferences(DashboardPreferences())])
    }

    @Test func theCursorStaysOnTheList() {
        let s = press([.char("c"), .char("k"), .up], start()).0
        #expect(s.columnCursor == 0)
        let end = press([.char("G"), .char("j")], s).0
        #expect(end.columnCursor == RequestColumn.allCases.count - 1)
    }

    @Test(arguments: [
        // (stored text, columns read back)
        (nil, RequestColumn.defaults),
        ("", RequestColumn.defaults),
        ("{not json", RequestColumn.defaults),
        (#"{"requestColumns": 7}"#, RequestColumn.defaults),
        (#"{"requestColumns": []}"#, RequestColumn.defaults),
        (#"{"requestColumns": ["gone", "also-gone"]}"#, RequestColumn.defaults),
        (#"{"requestColumns": ["model", "gone", "cost"]}"#, [RequestColumn.model, .cost]),
        (#"{"requestColumns": ["team", "done"], "later": true}"#, [RequestColumn.team, .done]),
    ] as [(String?, Set<RequestColumn>)])
    func storedPreferencesFallBackToTheDefaults(text: String?, columns: Set<RequestColumn>) {
        #expect(DashboardPreferences.decode(text.map { Data($0.utf8) }).columns == columns)
    }

    @Test func preferencesRoundTripInThePanesOrder() throws {
        let prefs = DashboardPreferences(requestColumns: [.cost, .done, .ttft])
        #expect(prefs.requestColumns == ["done", "ttft", "cost"])
        #expect(DashboardPreferences.decode(prefs.encoded()) == prefs)
        let json = try #require(String(data: prefs.encoded(), encoding: .utf8))
        #expect(json.contains(#""requestColumns""#))
    }

    @Test func goldens() throws {
        let theme = try #require(Self.theme)
        var s = DashboardState(width: 120, height: 30, snapshot: Fixture.snapshot)
        s = press([.char("6"), .char("c"), .char("j"), .char(" "), .char("j"), .char("j"), .char("j"), .char("j"), .char(" ")], s).0
        Golden.check("columns-picker-120x30", Renderer.render(s, glyphs: .unicode), theme: theme)
        s = press([.esc], s).0
        Golden.check("columns-chosen-120x30", Renderer.render(s, glyphs: .unicode), theme: theme)
    }
}

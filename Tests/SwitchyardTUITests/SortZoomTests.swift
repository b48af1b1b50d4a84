import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// `s`/`S` sort the focused table and `z` zooms the focused pane; neither loses the selected row.
@Suite struct SortZoomTests: ReducerDriving {
    func providerNames(_ s: DashboardState) -> [String] { s.rows.providers.map(\.name) }
    func selectedProvider(_ s: DashboardState) -> String { s.rows.providers[s.selected(.providers)].name }

    @Test func sCyclesTheColumnsThenBackToTheGatewaysOrder() {
        var s = start()
        let natural = providerNames(s)
        let columns = SortOrder.columns(of: .providers)
        for (i, column) in columns.enumerated() {
            s = press([.char("s")], s).0
            #expect(s.sort[.providers] == SortOrder(column: i), "\(column)")
            #expect(s.statusMessage?.contains("sorted by \(column)") == true)
        }
        s = press([.char("s")], s).0
        #expect(s.sort[.providers] == nil)
        #expect(providerNames(s) == natural)
    }

    @Test(arguments: [
        // (presses of s, S reverses, expected order)
        (1, false, ["anthropic", "azure", "groq", "openai", "together"]),
        (1, true, ["together", "openai", "groq", "azure", "anthropic"]),
        (4, false, ["openai", "anthropic", "azure", "together", "groq"]),
        (4, true, ["groq", "together", "azure", "anthropic", "openai"]),
        (5, false, ["groq", "azure", "together", "anthropic", "openai"]),
    ])
    func providersSortByNameAscendingAndNumbersLargestFirst(presses: Int, reverse: Bool, order: [String]) {
        let keys = Array(repeating: Key.char("s"), count: presses) + (reverse ? [.char("S")] : [])
        #expect(providerNames(press(keys, start()).0) == order)
    }

    @Test func theSelectionStaysOnItsRowAcrossSortsAndSnapshots() {
        var s = press([.char("j")], start()).0
        #expect(selectedProvider(s) == "azure")
        s = press([.char("s")], s).0  // by name: anthropic, azure, …
        #expect(selectedProvider(s) == "azure" && s.selected(.providers) == 1)
        s = press([.char("S")], s).0  // Z to A
        #expect(selectedProvider(s) == "azure" && s.selected(.providers) == 3)
        // A new snapshot in which azure's rate overtakes openai's, sorted by req/s: the row moves, the selection too.
        s = press([.char("s"), .char("s"), .char("s")], s).0
        #expect(s.sort[.providers]?.header(in: .providers) == "req/s")
        var next = Fixture.snapshot
        if let i = next.providers.firstIndex(where: { $0.name == "azure" }) { next.providers[i].requestsPerSecond = 500 }
        s = Reducer.reduce(s, .snapshot(next)).0
        #expect(providerNames(s).first == "azure")
        #expect(selectedProvider(s) == "azure")
    }

    @Test func requestsSortAndAPausedSelectionKeepsItsRequest() {
        var s = press([.char("6"), .char("j"), .char("j")], start()).0
        let id = s.rows.requests[s.selected(.requests)].id
        s = press([.char("s"), .char("s"), .char("s"), .char("s")], s).0  // latency, slowest first
        #expect(s.sort[.requests]?.header(in: .requests) == "latency")
        let latencies = s.rows.requests.map(\.latency)
        #expect(latencies == latencies.sorted(by: >))
        #expect(s.rows.requests[s.selected(.requests)].id == id)
    }

    @Test func panesWithoutColumnsToSortSaySo() {
        let s = press([.char("3"), .char("s")], start()).0
        #expect(s.sort.isEmpty)
        #expect(s.statusMessage?.contains("sorts the Providers, Latency, Budget and Requests tables") == true)
    }

    @Test func zoomAndRestoreKeepFocusAndSelection() {
        var s = press([.char("6"), .char("j"), .char("j")], start()).0
        let id = s.rows.requests[s.selected(.requests)].id
        s = press([.char("z")], s).0
        #expect(s.zoomed && s.focus == .requests)
        s = press([.char("j"), .char("k")], s).0
        #expect(s.rows.requests[s.selected(.requests)].id == id)
        s = press([.esc], s).0
        #expect(!s.zoomed && s.focus == .requests)
        #expect(s.rows.requests[s.selected(.requests)].id == id)
        s = press([.char("1"), .char("j"), .char("z"), .char("z")], s).0
        #expect(!s.zoomed && s.focus == .providers && s.selected(.providers) == 1)
    }

    /// Esc in a detail view opened from a zoomed pane goes back to the zoomed pane, then to the six.
    @Test func escBacksOutOfDetailsBeforeTheZoom() {
        var s = press([.char("1"), .char("z"), .enter], start()).0
        #expect(s.drill == .provider("openai") && s.zoomed)
        s = press([.esc], s).0
        #expect(s.drill == nil && s.zoomed)
        s = press([.esc], s).0
        #expect(!s.zoomed)
        let (inDetail, _) = press([.enter, .char("z")], s)
        #expect(!inDetail.zoomed && inDetail.statusMessage?.contains("already fills the screen") == true)
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// The dashboard attached to a gateway over its control socket: the header says whether it is, and the last
/// snapshot stays on screen, dimmed, while it is not.
@Suite struct ConnectionStateTests {
    static let socket = "/run/user/1000/switchyard/control.sock"
    static let lost = FeedConnection.disconnected(
        endpoint: socket, reason: "no gateway at \(socket)", attempt: 3, retryIn: 1.4)

    func theme(_ name: String) throws -> Theme { try #require(ThemeCatalog.builtin(name)) }

    func header(_ state: DashboardState, glyphs: Glyphs = .unicode) -> String {
        String(Renderer.render(state, glyphs: glyphs).textDump().split(separator: "\n")[0])
    }

    @Test func connectionActionUpdatesStateAndStaleness() {
        let start = DashboardState(width: 120, height: 40, snapshot: Fixture.snapshot)
        #expect(!start.isStale)
        let (lost, effects) = Reducer.reduce(start, .connection(Self.lost))
        #expect(effects.isEmpty)
        #expect(lost.connection == Self.lost)
        #expect(lost.isStale)
        #expect(lost.snapshot == Fixture.snapshot)
        let (back, _) = Reducer.reduce(lost, .connection(.attached(endpoint: Self.socket)))
        #expect(back.connection == .attached(endpoint: Self.socket))
        #expect(!back.isStale)
    }

    @Test func disconnectedWithoutASnapshotIsNotStale() {
        let (s, _) = Reducer.reduce(DashboardState(width: 80, height: 24), .connection(Self.lost))
        #expect(!s.isStale)
        #expect(s.connection == Self.lost)
    }

    @Test func disconnectedHeaderGolden() throws {
        var s = DashboardState(width: 120, height: 40, snapshot: Fixture.snapshot)
        s.connection = Self.lost
        let grid = Renderer.render(s, glyphs: .unicode)
        let top = header(s)
        #expect(top.contains("DISCONNECTED — reconnecting in 2s (attempt 3)"))
        #expect(top.contains("last seen 12:04:31"))
        Golden.check("disconnected-120x40", grid, theme: try theme("default"))
    }

    @Test func disconnectedBeforeAnySnapshotGolden() throws {
        var s = DashboardState(width: 80, height: 24)
        s.connection = Self.lost
        let grid = Renderer.render(s, glyphs: .unicode)
        #expect(header(s).contains("DISCONNECTED — retry in 2s (#3)"))
        // The pane that would list providers says why there are none.
        #expect(grid.textDump().contains("│no gateway at /run/user/1000/"))
        Golden.check("disconnected-no-snapshot-80x24", grid, theme: try theme("default"))
    }

    @Test func staleBodyIsDimmedAndHeaderIsNot() {
        var s = DashboardState(width: 120, height: 40, snapshot: Fixture.snapshot)
        let live = Renderer.render(s, glyphs: .unicode)
        s.connection = Self.lost
        let stale = Renderer.render(s, glyphs: .unicode)
        let body = (1..<39).flatMap { y in (0..<120).map { x in stale[x, y] } }
        #expect(body.allSatisfy { $0.style.dim })
        #expect(!(0..<120).contains { stale[$0, 0].style.dim })
        #expect(!(1..<39).contains { y in (0..<120).contains { live[$0, y].style.dim } })
        // Same content, only dimmed.
        #expect((1..<39).allSatisfy { y in (0..<120).allSatisfy { live[$0, y].character == stale[$0, y].character } })
    }

    @Test func alarmSurvivesANarrowTerminal() {
        var s = DashboardState(width: 60, height: 20, snapshot: Fixture.snapshot)
        s.connection = Self.lost
        #expect(header(s).contains("DISCONNECTED — retry in 2s (#3)"))
        #expect(header(s, glyphs: .ascii).contains("DISCONNECTED - retry in 2s (#3)"))
    }

    @Test func attachedHeaderNamesTheSocket() {
        var s = DashboardState(width: 200, height: 60, snapshot: Fixture.snapshot)
        s.connection = .attached(endpoint: Self.socket)
        #expect(header(s).contains("attached \(Self.socket)"))
        #expect(!header(s).contains("DISCONNECTED"))
    }

    @Test func inProcessHeaderIsUnchanged() {
        var s = DashboardState(width: 120, height: 40, snapshot: Fixture.snapshot)
        let before = Renderer.render(s, glyphs: .unicode)
        s.connection = .attached(endpoint: nil)
        #expect(Renderer.render(s, glyphs: .unicode) == before)
    }

    @Test func firstConnectIsProgressLaterOnesAreAlarms() {
        var s = DashboardState(width: 120, height: 40)
        s.connection = .connecting(endpoint: Self.socket, attempt: 1)
        #expect(header(s).contains("connecting to \(Self.socket)…"))
        #expect(!header(s).contains("DISCONNECTED"))
        s.connection = .connecting(endpoint: Self.socket, attempt: 4)
        #expect(header(s).contains("DISCONNECTED — connecting… (attempt 4)"))
        s = DashboardState(width: 120, height: 40, snapshot: Fixture.snapshot)
        s.connection = .connecting(endpoint: Self.socket, attempt: 1)
        #expect(header(s).contains("DISCONNECTED — connecting… (attempt 1)"))
    }

    @Test func subSecondRetry() {
        var s = DashboardState(width: 120, height: 40)
        s.connection = .disconnected(endpoint: Self.socket, reason: "connection refused", attempt: 2, retryIn: 0.25)
        #expect(header(s).contains("reconnecting in <1s (attempt 2)"))
    }
}

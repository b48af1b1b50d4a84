import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// The fleet view: a Replicas pane above the usual panes, Enter on a replica to look at it alone, Esc back to the
/// fleet, and a header that counts replicas and says when the database does not answer.
@Suite struct FleetViewTests: ReducerDriving {
    static let replicas = [
        ReplicaSnapshot(name: "gw-a", version: "0.1.0", startedAt: Fixture.t0 - 7_260, heartbeatAge: 0.4, stopped: false,
                        address: "10.0.0.11:8787", controlSocket: "/run/switchyard/control.sock", requestsPerSecond: 212.4,
                        errorRate: 0.008, latencyP95: 1_840, inFlight: 21, openBreakers: 0),
        ReplicaSnapshot(name: "gw-b", version: "0.1.0", startedAt: Fixture.t0 - 3_540, heartbeatAge: 0.7, stopped: false,
                        address: "10.0.0.12:8787", controlSocket: "/run/switchyard/control.sock", requestsPerSecond: 192.1,
                        errorRate: 0.017, latencyP95: 2_210, inFlight: 16, openBreakers: 1),
        ReplicaSnapshot(name: "gw-c", version: "0.1.0", startedAt: Fixture.t0 - 900, heartbeatAge: 9.2, stopped: false,
                        address: "10.0.0.13:8787", controlSocket: nil, requestsPerSecond: 180, errorRate: 0.5,
                        latencyP95: 9_000, inFlight: 3, openBreakers: 2),
        ReplicaSnapshot(name: "gw-d", version: "0.0.9", startedAt: Fixture.t0 - 86_400, heartbeatAge: 42, stopped: true,
                        address: "10.0.0.14:8787", controlSocket: nil, requestsPerSecond: 0, errorRate: 0,
                        latencyP95: 0, inFlight: 0, openBreakers: 0),
    ]

    static var fleet: GatewaySnapshot {
        var s = Fixture.snapshot
        s.info = GatewayInfo(mode: "fleet", address: nil, version: "0.0.9/0.1.0", startedAt: Fixture.t0 - 86_400)
        s.fleet = FleetSnapshot(replicas: replicas)
        return s
    }

    func theme(_ name: String) throws -> Theme { try #require(ThemeCatalog.builtin(name)) }

    func header(_ state: DashboardState) -> String {
        String(Renderer.render(state, glyphs: .unicode).textDump().split(separator: "\n")[0])
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func replicasPaneGolden(size: (Int, Int)) throws {
        let s = DashboardState(width: size.0, height: size.1, snapshot: Self.fleet)
        let grid = Renderer.render(s, glyphs: .unicode)
        let text = grid.textDump()
        #expect(header(s).contains("fleet · 4 replicas (2 down)"))
        #expect(text.contains("7 Replicas"))
        for name in ["gw-a", "gw-b", "gw-c", "gw-d"] { #expect(text.contains(name)) }
        #expect(text.contains("stopped"))
        // The usual panes are still there, under the replicas.
        #expect(text.contains("1 Providers"))
        #expect(text.contains("6 Requests"))
        Golden.check("fleet-\(size.0)x\(size.1)", grid, theme: try theme("default"))
    }

    @Test func replicaRowsSayUpAndDown() {
        let s = DashboardState(width: 120, height: 40, snapshot: Self.fleet)
        let lines = Renderer.render(s, glyphs: .unicode).textDump().split(separator: "\n")
        func row(_ name: String) -> String { lines.first { $0.contains(" \(name) ") }.map(String.init) ?? "" }
        #expect(row("gw-a").contains(" up "))
        #expect(row("gw-b").contains(" up "))
        #expect(row("gw-c").contains(" down "))
        #expect(row("gw-d").contains(" stopped "))
        // A down replica's rates are not its last heartbeat's: it serves nothing now.
        #expect(!row("gw-c").contains("50.0%"))
    }

    @Test func databaseUnreachableHeaderGolden() throws {
        var s = DashboardState(width: 120, height: 40, snapshot: Self.fleet)
        s.connection = .disconnected(endpoint: "postgresql://switchyard@db.internal:5432/switchyard",
                                     reason: "\(FeedConnection.databaseUnreachable): cannot connect to postgresql://switchyard@db.internal:5432/switchyard: connection refused",
                                     attempt: 4, retryIn: 1)
        #expect(header(s).contains("DATABASE UNREACHABLE — reconnecting in 1s (attempt 4)"))
        #expect(s.isStale)
        Golden.check("fleet-database-unreachable-120x40", Renderer.render(s, glyphs: .unicode), theme: try theme("default"))
    }

    @Test func enterOnAReplicaWatchesItAndEscReturnsToTheFleet() {
        let (focused, none) = press([.char("7")], start(Self.fleet))
        #expect(none.isEmpty)
        #expect(focused.focus == .replicas)
        let (watching, effects) = press([.down, .enter], focused)
        #expect(effects == [.watch(replica: "gw-b")])
        #expect(watching.watching == "gw-b")
        var shown = watching
        shown.snapshot?.fleet?.watching = "gw-b"
        #expect(header(shown).contains("replica gw-b"))
        let (back, escEffects) = press([.esc], shown)
        #expect(escEffects == [.watch(replica: nil)])
        #expect(back.watching == nil)
        #expect(back.focus == .replicas)
        #expect(back.selected(.replicas) == 1)
    }

    @Test func escBacksOutOfDetailsBeforeLeavingTheReplica() {
        var s = start(Self.fleet)
        s.watching = "gw-a"
        let (inside, _) = press([.char("1"), .enter], s)
        #expect(inside.drill == .provider("openai"))
        let (out, effects) = press([.esc], inside)
        #expect(effects.isEmpty)
        #expect(out.watching == "gw-a")
        let (fleet, last) = press([.esc], out)
        #expect(last == [.watch(replica: nil)])
        #expect(fleet.watching == nil)
    }

    @Test func doubleClickOnAReplicaWatchesIt() throws {
        let s = start(Self.fleet)
        let area = try #require(Renderer.layout(s).panes.first { $0.pane == .replicas })
        let list = try #require(area.list)
        let (after, effects) = Reducer.reduce(s, .mouse(MouseEvent(.doubleClick, x: area.frame.x + 5, y: list.top + 2)))
        #expect(after.focus == .replicas)
        #expect(effects == [.watch(replica: "gw-c")])
        #expect(after.statusMessage?.contains("gw-c is down") ?? false)
    }

    @Test func replicasPaneIsOnlyInAFleetView() {
        let single = start()
        let (s7, _) = press([.char("7")], single)
        #expect(s7.focus == .providers)
        let (back, _) = press([.backTab], single)
        #expect(back.focus == .requests)
        let (tabbed, _) = press([.char("6"), .tab], single)
        #expect(tabbed.focus == .providers)
        let (fleetTab, _) = press([.char("6"), .tab], start(Self.fleet))
        #expect(fleetTab.focus == .replicas)
        #expect(!Renderer.render(single, glyphs: .unicode).textDump().contains("Replicas"))
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardTUI

/// A fleet replica's dashboard says in its header when the shared database is down, and what budgets do meanwhile.
@Suite struct SharedStateHeaderTests {
    func header(_ state: DashboardState) -> String {
        String(Renderer.render(state, glyphs: .unicode).textDump().split(separator: "\n")[0])
    }

    func replica(_ health: SharedStateHealth?) -> DashboardState {
        var snapshot = Fixture.snapshot
        snapshot.info.mode = "serve"
        snapshot.sharedState = health
        return DashboardState(width: 120, height: 40, snapshot: snapshot)
    }

    @Test func databaseDownHeaderGolden() throws {
        let s = replica(SharedStateHealth(reachable: false, downSince: Fixture.snapshot.time - 12, budgets: .leases))
        #expect(header(s).contains(" DATABASE DOWN 12s  · budgets on leases · "))
        Golden.check("database-down-120x40", Renderer.render(s, glyphs: .unicode),
                     theme: try #require(ThemeCatalog.builtin("default")))
    }

    @Test func reachableOrNoDatabaseShowsNothing() {
        #expect(!header(replica(SharedStateHealth())).contains("DATABASE"))
        #expect(!header(replica(nil)).contains("DATABASE"))
    }

    @Test func theAlarmOutlivesTheDetailWhenNarrow() {
        var s = replica(SharedStateHealth(reachable: false, downSince: Fixture.snapshot.time - 90, budgets: .failClosed))
        #expect(header(s).contains(" DATABASE DOWN 1m  · budgets fail_closed past leases · "))
        s.width = 60
        let narrow = header(s)
        #expect(narrow.contains("DATABASE DOWN 1m"))
        #expect(!narrow.contains("budgets"))
    }
}

import SwitchyardCore
import SwitchyardGovernance
import SwitchyardTUI

/// Realistic dashboard frames: snapshots of an engine that has served simulated traffic long enough to fill its
/// rate windows, sparkline series and request/event rings, rendered the way the dashboard loop does.
struct RenderWorkload {
    /// Consecutive snapshots, one simulated second apart, replayed in turn so every frame shows new numbers.
    let snapshots: [GatewaySnapshot]
    /// Deployments in the catalog.
    let deployments: Int

    /// Runs `seconds` simulated seconds of traffic over a synthetic catalog of about `deployments` deployments.
    static func make(deployments: Int, seconds: Int, snapshots count: Int = 8) async throws -> RenderWorkload {
        let catalog = SyntheticCatalog.make(deployments: deployments)
        let start = 1_764_000_000.0
        let clock = SteppedClock(start: start)
        let budgets = [
            BudgetSpec(scope: .global, limit: 1_000, period: .daily),
            BudgetSpec(scope: .team("team-0"), limit: 120, period: .daily),
            BudgetSpec(scope: .team("team-1"), limit: 40, period: .weekly),
            BudgetSpec(scope: .team("team-2"), limit: 5, period: .daily),
            BudgetSpec(scope: .key("team-2/notebook"), limit: 2.5, period: .daily),
            BudgetSpec(scope: .model("model-0"), limit: 60, period: .monthly),
        ]
        // The real governor in open mode: budgets, burn and spenders as the dashboard gets them.
        let governor = try Governor(policy: GovernancePolicy(auth: .open), budgets: budgets, now: start)
        let engine = try GatewayEngine(
            catalog: catalog, transport: InstantTransport(failureEvery: 20), clock: clock, seed: 7, admission: governor
        )
        let info = GatewayInfo(mode: "demo", address: "127.0.0.1:8787", version: SwitchyardVersion.current, startedAt: start)
        let models = catalog.models.map(\.name)
        let keys = ["team-0/web", "team-0/ci", "team-1/batch", "team-2/notebook"]
        // An operator override, so the events list and provider states are not all alike.
        if let first = catalog.deployments.first {
            _ = engine.apply(.disableDeployment(first.id), actor: "bench")
        }
        let perSecond = max(20, catalog.deployments.count * 3)
        var taken: [GatewaySnapshot] = []
        var n = 0
        for second in 0..<seconds {
            clock.set(start + Double(second))
            for _ in 0..<perSecond {
                let key = keys[n % keys.count]
                let request = GatewayRequest(
                    id: "req_\(String(n, radix: 16))", model: models[(n * 7) % models.count], key: key,
                    team: String(key.prefix { $0 != "/" }), inputTokens: 200 + (n * 37) % 1_800
                )
                _ = await engine.handle(request)
                n += 1
            }
            if second >= seconds - count { taken.append(engine.snapshot(info: info)) }
        }
        return RenderWorkload(snapshots: taken, deployments: catalog.deployments.count)
    }

    /// Result of rendering frames: what changed and a checksum that keeps the work from being optimized away.
    struct Totals {
        var frames = 0
        var changedCells = 0
        var checksum = 0
    }

    /// A dashboard state at `width` × `height` over the first snapshot, Providers focused, as after start-up.
    func initialState(width: Int, height: Int) -> DashboardState {
        var state = DashboardState(width: width, height: height, snapshot: snapshots.first)
        state.focus = .providers
        return state
    }

    /// Renders one frame over snapshot `index` and diffs it against `previous`, as the dashboard loop does.
    func frame(_ index: Int, state: inout DashboardState, previous: inout CellGrid, totals: inout Totals) {
        state.snapshot = snapshots[index % snapshots.count]
        let grid = Renderer.render(state, glyphs: .unicode)
        let runs = grid.diff(from: previous)
        totals.frames += 1
        for run in runs { totals.changedCells += run.cells.count }
        totals.checksum &+= runs.count &+ grid.width
        previous = grid
    }

    /// Renders `count` frames in a row from a blank screen.
    func renderFrames(_ count: Int, width: Int, height: Int) -> Totals {
        var state = initialState(width: width, height: height)
        var previous = CellGrid(width: width, height: height)
        var totals = Totals()
        for i in 0..<count { frame(i, state: &state, previous: &previous, totals: &totals) }
        return totals
    }
}

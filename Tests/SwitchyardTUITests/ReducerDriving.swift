import SwitchyardCore
@testable import SwitchyardTUI

/// What reducer tests share: a dashboard at 120×40 over a snapshot, and keys fed through the reducer.
protocol ReducerDriving {}

extension ReducerDriving {
    func start(_ snapshot: GatewaySnapshot = Fixture.snapshot) -> DashboardState {
        DashboardState(width: 120, height: 40, snapshot: snapshot)
    }

    /// Feeds keys in order, collecting every effect.
    func press(_ keys: [Key], _ state: DashboardState) -> (DashboardState, [Effect]) {
        var s = state
        var all: [Effect] = []
        for key in keys {
            let (next, effects) = Reducer.reduce(s, .key(key))
            s = next
            all += effects
        }
        return (s, all)
    }

    func chars(_ text: String) -> [Key] { text.map { .char($0) } }
}

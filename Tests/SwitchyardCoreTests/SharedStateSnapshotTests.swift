import Foundation
import Testing
@testable import SwitchyardCore

/// A fleet replica's view of the shared database reaches its snapshot, and survives the JSON a control socket and
/// a heartbeat carry it in.
@Suite struct SharedStateSnapshotTests {
    let info = GatewayInfo(mode: "serve", address: nil, version: "0", startedAt: 0)

    @Test func aGatewayWithoutADatabaseSaysNothing() throws {
        let engine = try GatewayEngine(catalog: fixtureCatalog(), transport: ScriptedTransport(clock: ManualClock()),
                                       clock: ManualClock())
        #expect(engine.snapshot(info: info).sharedState == nil)
    }

    @Test func whatTheFleetServicesReportIsInTheSnapshot() throws {
        let clock = ManualClock()
        let status = SharedStateStatus()
        let engine = try GatewayEngine(catalog: fixtureCatalog(), transport: ScriptedTransport(clock: clock),
                                       clock: clock, sharedState: status)
        #expect(engine.snapshot(info: info).sharedState == SharedStateHealth())

        status.unreachable(now: 100, budgets: .leases)
        status.unreachable(now: 105, budgets: .failClosed)
        let down = try #require(engine.snapshot(info: info).sharedState)
        #expect(down == SharedStateHealth(reachable: false, downSince: 100, budgets: .failClosed))
        #expect(down.downFor(now: 112) == 12)
        #expect(down.budgetsText == "budgets fail_closed past leases")

        let encoded = try JSONEncoder().encode(engine.snapshot(info: info))
        #expect(try JSONDecoder().decode(GatewaySnapshot.self, from: encoded).sharedState == down)

        status.reachable()
        #expect(engine.snapshot(info: info).sharedState == SharedStateHealth())
    }
}

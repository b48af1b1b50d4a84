import SwitchyardStore
import Testing
@testable import switchyard

/// The line `ctl spend` ends with on a replica sharing a database: how far its shipping is behind.
@Suite struct FleetSpendTextTests {
    private func status(pending: Int, oldest: Double?, error: String? = nil) -> SharedLedgerStatus {
        SharedLedgerStatus(replica: "gw-1", replicas: 3, pendingRows: pending, oldestPending: oldest, shippingError: error)
    }

    @Test func saysEveryRowShippedOrHowManyWaitAndSinceWhen() {
        #expect(CtlTable.shipping(status(pending: 0, oldest: nil), now: 1_000) == "Replica gw-1: every ledger row shipped.")
        #expect(CtlTable.shipping(status(pending: 1, oldest: 996.6), now: 1_000)
            == "Replica gw-1: 1 ledger row not shipped yet (oldest 3 s ago), not in these figures.")
        #expect(CtlTable.shipping(status(pending: 42, oldest: 1_005), now: 1_000)
            == "Replica gw-1: 42 ledger rows not shipped yet (oldest 0 s ago), not in these figures.")
    }

    @Test func namesWhyShippingIsStalled() {
        let line = CtlTable.shipping(status(pending: 7, oldest: 940, error: "cannot connect to postgresql://db/gw"),
                                     now: 1_000)
        #expect(line == "Replica gw-1: 7 ledger rows not shipped yet (oldest 60 s ago), not in these figures. Shipping stalled: cannot connect to postgresql://db/gw")
    }
}

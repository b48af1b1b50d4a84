import Testing
@testable import SwitchyardStore

@Test func ledgerStoreExists() { _ = LedgerStore() }

import Testing
@testable import SwitchyardGovernance

@Test func governorExists() { _ = Governor() }

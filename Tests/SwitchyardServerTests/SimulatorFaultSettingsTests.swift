import SwitchyardSim
@testable import SwitchyardSimServer
import Testing

@Suite struct SimulatorFaultSettingsTests {
    @Test func emptySettingsClearEveryFault() throws {
        #expect(try SimulatorFaultSettings().profile() == .none)
    }

    @Test func settingsBecomeAProfile() throws {
        let settings = SimulatorFaultSettings(
            errorRates: ["429": 0.5, "503": 0.2], retryAfter: 2, addedLatencyMs: 250, latencyMultiplier: 3,
            hangRate: 0.1, hangSeconds: 5, refuseRate: 0.05, cutRate: 0.05, malformedRate: 0.05
        )
        let profile = try settings.profile()
        #expect(profile.errorRates == [429: 0.5, 503: 0.2])
        #expect(profile.retryAfterSeconds == 2)
        #expect(profile.addedLatency == 0.25)
        #expect(profile.latencyMultiplier == 3)
        #expect(profile.hangProbability == 0.1 && profile.hangSeconds == 5)
        #expect(profile.connectionRefusedProbability == 0.05)
        #expect(profile.streamCutProbability == 0.05 && profile.malformedProbability == 0.05)
        #expect(try SimulatorFaultSettings(profile).profile() == profile)
    }

    @Test(arguments: [
        SimulatorFaultSettings(errorRates: ["200": 0.5]),
        SimulatorFaultSettings(errorRates: ["abc": 0.5]),
        SimulatorFaultSettings(cutRate: 1.5),
        SimulatorFaultSettings(latencyMultiplier: 0),
        SimulatorFaultSettings(retryAfter: -1),
        SimulatorFaultSettings(errorRates: ["429": 0.8], refuseRate: 0.5),
    ])
    func invalidSettingsAreRejected(_ settings: SimulatorFaultSettings) {
        #expect(throws: SimulatorFaultSettingsError.self) { try settings.profile() }
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

/// `Governor.replaceKeys`: a replica taking in the shared store's keys.
@Suite struct KeyReplacementTests {
    let ci = mint("team-a/ci", team: "team-a")
    let bot = mint("bot")

    private func governor() throws -> Governor {
        try Governor(policy: GovernancePolicy(auth: .keys), teams: [TeamSpec(name: "team-a")], keys: [ci.record], now: noon)
    }

    private func accepts(_ g: Governor, _ secret: String) -> Bool {
        (try? g.authenticate(authorization: "Bearer \(secret)", apiKey: nil, now: noon).get()) != nil
    }

    @Test func addedRevokedAndDeletedKeysTakeEffectForTheNextRequest() throws {
        let g = try governor()
        #expect(accepts(g, ci.secret))
        #expect(!accepts(g, bot.secret))

        #expect(g.replaceKeys(with: [ci.record, bot.record]) == (true, []))
        #expect(accepts(g, bot.secret))

        var revoked = ci.record
        revoked.revokedAt = noon - 1
        #expect(g.replaceKeys(with: [revoked, bot.record]).changed)
        #expect(!accepts(g, ci.secret))

        #expect(g.replaceKeys(with: [bot.record]).changed)
        #expect(g.keys().map(\.name) == ["bot"])
        #expect(!accepts(g, ci.secret))
    }

    @Test func theSameSetChangesNothingAndABadRecordIsSkippedByName() throws {
        let g = try governor()
        #expect(g.replaceKeys(with: [ci.record]) == (false, []))
        var broken = bot.record
        broken.hash = "not-a-hash"
        let outcome = g.replaceKeys(with: [ci.record, broken])
        #expect(!outcome.changed)
        #expect(outcome.skipped.count == 1)
        #expect(outcome.skipped.first?.hasPrefix("key 'bot':") == true)
        #expect(accepts(g, ci.secret))
    }
}

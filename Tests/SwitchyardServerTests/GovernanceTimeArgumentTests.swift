import SwitchyardControlAPI
import Testing

struct GovernanceTimeArgumentTests {
    @Test func durationsCountFromNow() {
        #expect(TimeArgument.duration("30m") == 1_800)
        #expect(TimeArgument.duration("24h") == 86_400)
        #expect(TimeArgument.duration("7d") == 604_800)
        #expect(TimeArgument.duration("1.5h") == 5_400)
        #expect(TimeArgument.duration("2w") == 1_209_600)
        #expect(TimeArgument.past("1h", now: 10_000) == 6_400)
        #expect(TimeArgument.future("30d", now: 0) == 2_592_000)
        for text in ["h", "-1h", "0d", "5y", "soon", ""] {
            #expect(TimeArgument.duration(text) == nil, "\(text)")
        }
    }

    @Test func instantsAreEpochSecondsOrISO() {
        #expect(TimeArgument.instant("1700000000") == 1_700_000_000)
        #expect(TimeArgument.instant("2026-12-31") == 1_798_675_200)
        #expect(TimeArgument.instant("2026-12-31T18:00:00Z") == 1_798_740_000)
        #expect(TimeArgument.instant("2026-12-31T19:00:00+01:00") == 1_798_740_000)
        #expect(TimeArgument.instant("2026-12-31T18:00:00.500Z") == 1_798_740_000.5)
        // No zone reads as UTC.
        #expect(TimeArgument.instant("2026-12-31T18:00:00") == 1_798_740_000)
        #expect(TimeArgument.instant("2026-12-31 18:00:00") == 1_798_740_000)
        #expect(TimeArgument.past("2026-12-31", now: 0) == 1_798_675_200)
        for text in ["yesterday", "2026-13-45", "31/12/2026", "-5", ""] {
            #expect(TimeArgument.instant(text) == nil, "\(text)")
        }
    }
}

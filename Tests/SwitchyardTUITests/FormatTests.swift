import Testing
@testable import SwitchyardTUI

@Suite struct FormatTests {
    @Test(arguments: [
        (5.0, "$5"), (2.5, "$2.5"), (0.25, "$0.25"), (40, "$40"), (120, "$120"), (1_000, "$1k"), (1_500, "$1.5k"),
        (25_000, "$25k"), (999.6, "$1k"),
    ])
    func roundDollars(value: Double, expected: String) {
        #expect(Format.dollarsRound(value) == expected)
    }

    @Test(arguments: [(0.64, "$0.64"), (51.2, "$51.2"), (412, "$412"), (1_000, "$1k"), (1_204, "$1.2k"), (12_400, "$12k")])
    func shortDollars(value: Double, expected: String) {
        #expect(Format.dollarsShort(value) == expected)
    }

    @Test(arguments: [(0, "$0"), (0.0123, "$0.0123"), (3.41, "$3.41"), (51.24, "$51.2"), (100.1, "$100"), (1_204, "$1204")])
    func dollars(value: Double, expected: String) {
        #expect(Format.dollars(value) == expected)
    }

    @Test(arguments: [(0, "$0.00/h"), (0.42, "$0.42/h"), (12.4, "$12.40/h"), (412.4, "$412/h"), (1_204, "$1.2k/h")])
    func dollarsPerHour(value: Double, expected: String) {
        #expect(Format.dollarsPerHour(value) == expected)
    }

    @Test(arguments: [(30.0, "30s"), (2_520, "42m"), (50_400, "14h"), (52_000, "14h"), (600_000, "6d")])
    func shortDuration(seconds: Double, expected: String) {
        #expect(Format.durationShort(seconds) == expected)
    }

    @Test func fittingPicksTheLongestThatFits() {
        let candidates = ["exhausted · resets 14h", "resets 14h", "over"]
        #expect(Format.fitting(candidates, width: 30) == "exhausted · resets 14h")
        #expect(Format.fitting(candidates, width: 12) == "resets 14h")
        #expect(Format.fitting(candidates, width: 2) == "over")
    }

    @Test(arguments: [
        (0.4, "0ms"), (842, "842ms"), (999.4, "999ms"), (999.6, "1.0s"), (4088, "4.1s"), (9_949, "9.9s"), (9_950, "10s"),
        (14_200, "14s"), (99_499, "99s"), (99_500, "2m"), (750_000, "13m"), (5_970_000, "2h"), (-5, "0ms"),
    ] as [(Double, String)])
    func latenciesAlwaysCarryTheirUnitInFiveColumns(ms: Double, text: String) {
        #expect(Format.latency(ms) == text)
        #expect(Format.latency(ms).count <= 5)
    }

    /// A weight or budget no Int holds (a hostile operator's `1e19`, a limit of `1e308`) once trapped here and
    /// took the dashboard down; every formatter is total over Double.
    @Test(arguments: [1e19, -1e19, 1e308, .infinity, -.infinity, .nan, .greatestFiniteMagnitude])
    func everyFormatterTakesAnyDouble(value: Double) {
        let all = [
            Format.number(value), Format.rate(value), Format.percent(value), Format.latency(value),
            Format.dollarsShort(value), Format.dollarsRound(value), Format.seconds(value), Format.spanTime(value),
            Format.dollars(value), Format.duration(value), Format.dollarsPerHour(value), Format.durationShort(value),
            Format.clock(value, utcOffset: 3_600),
        ]
        #expect(all.allSatisfy { !$0.isEmpty })
        #expect(Format.number(1e19) == "1e+19")
    }
}

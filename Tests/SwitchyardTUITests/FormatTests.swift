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
}

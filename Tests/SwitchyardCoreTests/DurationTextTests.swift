import Testing
import SwitchyardCore

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("250ms", 0.25), ("90s", 90), ("1m30s", 90), ("1h", 3600), ("2h45m", 9900), ("1.5s", 1.5), ("7d", 604_800),
        ("2w", 1_209_600), ("30", 30), ("0.5", 0.5), (" 5s ", 5), ("1h0m0s", 3600), ("1m500ms", 60.5), ("0", 0),
    ] as [(String, Double)])
    func reads(_ text: String, _ seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test(arguments: ["", "s", "5x", "30s1m", "1m1m", "1.2.3s", "inf", "nan", "1e400", "1 m", "-", "5sec", "ms5"])
    func refuses(_ text: String) {
        #expect(DurationText.seconds(text) == nil, "\(text)")
    }
}

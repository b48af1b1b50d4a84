import Testing
import SwitchyardCore
@testable import SwitchyardSim

@Suite struct RandomDrawsTests {
    @Test func exponentialGapsAverageOneOverTheRate() {
        var rng = SeededGenerator(seed: 21)
        let gaps = (0..<20_000).map { _ in rng.exponential(rate: 30) }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        #expect(abs(mean - 1.0 / 30) / (1.0 / 30) < 0.03, "mean gap \(mean)")
        #expect(gaps.allSatisfy { $0 >= 0 && $0.isFinite })
        #expect(rng.exponential(rate: 0) == .infinity)
    }

    @Test func standardNormalHasUnitSpread() {
        var rng = SeededGenerator(seed: 22)
        let xs = (0..<20_000).map { _ in rng.standardNormal() }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }

    @Test func weightedIndexFollowsWeightsAndSkipsNonPositive() {
        var rng = SeededGenerator(seed: 23)
        var counts = [0, 0, 0, 0]
        for _ in 0..<10_000 {
            if let i = rng.weightedIndex([3, 0, 1, -5]) { counts[i] += 1 }
        }
        #expect(counts[1] == 0 && counts[3] == 0)
        #expect(abs(Double(counts[0]) / 10_000 - 0.75) < 0.02)
        #expect(rng.weightedIndex([0, -1]) == nil)
        #expect(rng.weightedIndex([]) == nil)
    }
}

import Foundation
import Testing
@testable import SwitchyardCore

@Suite struct RollingWindowTests {
    /// The nearest-rank quantile of sorted samples.
    private func bruteForce(_ q: Double, _ sorted: [Double]) -> Double {
        let rank = max(1, Int((q * Double(sorted.count)).rounded(.up)))
        return sorted[rank - 1]
    }

    @Test func percentilesMatchBruteForceWithinBucketError() {
        var rng = SeededGenerator(seed: 11)
        var window = RollingWindow(seconds: 300)
        var samples: [Double] = []
        let start = 1_767_225_600.0
        for i in 0..<20_000 {
            // Log-uniform from 2 ms to 20 s, spread over 200 seconds.
            let latency = 0.002 * pow(10_000, rng.nextUnit())
            samples.append(latency)
            window.record(at: start + Double(i) * 0.01, latency: latency, ttft: nil, error: nil)
        }
        samples.sort()
        let now = start + 200
        let qs = [0.5, 0.9, 0.95, 0.99]
        let got = window.quantiles(qs, lastSeconds: 300, now: now)
        for (q, value) in zip(qs, got) {
            let exact = bruteForce(q, samples)
            let ratio = (value ?? 0) / exact
            #expect(ratio < LatencyBuckets.ratio && ratio > 1 / LatencyBuckets.ratio, "q\(q): \(value ?? 0) vs \(exact)")
        }
        #expect(window.totals(lastSeconds: 300, now: now).requests == 20_000)
    }

    @Test func bucketIndexIsMonotonicAndBounded() {
        #expect(LatencyBuckets.index(of: 0.0001) == 0)
        #expect(LatencyBuckets.index(of: 10_000) == LatencyBuckets.count - 1)
        var last = 0
        for ms in stride(from: 1.0, to: 120_000, by: 37) {
            let i = LatencyBuckets.index(of: ms / 1000)
            #expect(i >= last)
            last = i
            let mid = LatencyBuckets.value(of: i)
            #expect(mid / (ms / 1000) < LatencyBuckets.ratio && (ms / 1000) / mid < LatencyBuckets.ratio)
        }
    }

    @Test func oldBucketsExpireAfterTheWindow() {
        var window = RollingWindow(seconds: 300)
        let t = 1_000_000.0
        window.record(at: t, latency: 0.5, ttft: nil, error: .server, inputTokens: 10, outputTokens: 5, cost: 1)
        #expect(window.totals(lastSeconds: 300, now: t + 299).requests == 1)
        #expect(window.totals(lastSeconds: 300, now: t + 299).errors[ErrorClass.server.ordinal] == 1)
        #expect(window.totals(lastSeconds: 10, now: t + 10).requests == 0)
        #expect(window.totals(lastSeconds: 300, now: t + 300).requests == 0)
        #expect(window.quantiles([0.5], lastSeconds: 300, now: t + 301) == [nil])

        // Reusing the slot clears the old second's data in place.
        window.record(at: t + 300, latency: 2, ttft: nil, error: nil)
        let totals = window.totals(lastSeconds: 300, now: t + 300)
        #expect(totals.requests == 1)
        #expect(totals.errorCount == 0)
        #expect(totals.cost == 0)
    }

    @Test func perSecondSeries() {
        var window = RollingWindow(seconds: 300)
        let t = 2_000_000.0
        window.record(at: t, latency: 0.1, ttft: nil, error: .rateLimited)
        window.record(at: t + 2, latency: 1, ttft: nil, error: .rateLimited)
        window.record(at: t + 2.5, latency: 1, ttft: nil, error: .rateLimited)
        let errors = window.errorSeries(.rateLimited, points: 5, now: t + 2)
        #expect(errors == [0, 0, 1, 0, 2])
        let p50 = window.quantileSeries(0.5, points: 3, now: t + 2)
        #expect(p50[1] == 0)
        #expect(abs(p50[0] / 0.1 - 1) < 0.08 && abs(p50[2] - 1) < 0.08)
    }

    @Test func boundedRingKeepsNewest() {
        var ring = BoundedRing<Int>(capacity: 3)
        for i in 1...5 { ring.append(i) }
        #expect(ring.elements == [3, 4, 5])
        #expect(ring.count == 3)
    }
}

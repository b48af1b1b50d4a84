import Testing
@testable import SwitchyardCore

/// `LatencyOutlier` as a table: each row is a phase, a reading and what comes next.
@Suite struct LatencyOutlierTests {
    static let config = EjectionConfig()  // factor 3, minSamples 5, minSlow 3, 3 s out, recover under 1.5×
    static let now = 1000.0

    static func reading(p95: Double?, samples: Int, slow: Int, baseline: Double? = 0.1) -> LatencyOutlier.Reading {
        LatencyOutlier.Reading(recentP95: p95, recentSamples: samples, slowSamples: slow, baseline: baseline)
    }

    @Test(arguments: [
        // (from, reading, may eject, expected, why)
        (LatencyOutlier.normal, reading(p95: 0.5, samples: 10, slow: 4), true, LatencyOutlier.ejected(until: now + 3),
         "p95 5× the peers' with 4 slow samples: ejected"),
        (.normal, reading(p95: 0.5, samples: 10, slow: 4), false, .normal, "the last serving deployment stays"),
        (.normal, reading(p95: 0.5, samples: 10, slow: 2), true, .normal, "two slow requests are not a trend"),
        (.normal, reading(p95: 0.5, samples: 4, slow: 4), true, .normal, "too few samples to judge"),
        (.normal, reading(p95: 0.29, samples: 10, slow: 3), true, .normal, "under 3× the baseline"),
        (.normal, reading(p95: 0.5, samples: 10, slow: 4, baseline: nil), true, .normal, "no peer to compare with"),
        (.normal, reading(p95: 0.5, samples: 10, slow: 4, baseline: 0), true, .normal, "a zero baseline compares nothing"),
        (.ejected(until: now + 1), reading(p95: nil, samples: 0, slow: 0), true, .ejected(until: now + 1), "still out"),
        (.ejected(until: now), reading(p95: nil, samples: 0, slow: 0), true, .probation(since: now), "time up: on probation"),
        (.probation(since: now - 1), reading(p95: 0.12, samples: 3, slow: 0), true, .normal, "fast again: healthy"),
        (.probation(since: now - 1), reading(p95: 0.12, samples: 2, slow: 0), true, .probation(since: now - 1),
         "too few fresh samples to say"),
        (.probation(since: now - 1), reading(p95: 0.2, samples: 10, slow: 1), true, .probation(since: now - 1),
         "between 1.5× and 3×: the hysteresis band keeps it on probation"),
        (.probation(since: now - 1), reading(p95: 0.6, samples: 10, slow: 6), true, .ejected(until: now + 3),
         "still as slow: out again"),
        (.probation(since: now - 1), reading(p95: 0.6, samples: 10, slow: 6), false, .probation(since: now - 1),
         "still slow but the last one serving"),
        (.probation(since: now - 1), reading(p95: 0.6, samples: 10, slow: 6, baseline: nil), true, .normal,
         "no peer left to compare with"),
    ] as [(LatencyOutlier, LatencyOutlier.Reading, Bool, LatencyOutlier, String)])
    func transitions(from: LatencyOutlier, reading: LatencyOutlier.Reading, mayEject: Bool, expected: LatencyOutlier,
                     why: String) {
        #expect(from.next(reading, now: Self.now, config: Self.config, mayEject: mayEject) == expected, "\(why)")
    }

    @Test func ejectedMeansOutOfRotationOnlyUntilItsTime() {
        let out = LatencyOutlier.ejected(until: Self.now + 3)
        #expect(out.isEjected(now: Self.now) && !out.isEjected(now: Self.now + 3))
        #expect(!LatencyOutlier.probation(since: Self.now).isEjected(now: Self.now))
        #expect(LatencyOutlier.probation(since: Self.now).onProbation && !LatencyOutlier.normal.onProbation)
    }
}

/// `FailureBurst`: an outage is the latest attempts, back no further than a second and at least three, nearly
/// all failing.
@Suite struct FailureBurstTests {
    static let config = BreakerConfig()  // 1 s window, 90 %, at least 3 attempts

    @Test(arguments: [
        // (attempt end times relative to now and whether each failed, outage?, why)
        ([(-0.9, true), (-0.5, true), (-0.1, true)], true, "three of three within a second"),
        ([(-0.5, true), (-0.1, true)], false, "two attempts are not enough to tell"),
        ([(-1.5, true), (-0.5, true), (-0.1, true)], false, "the first fell out of the window"),
        ([(-0.9, false), (-0.5, true), (-0.3, true), (-0.1, true)], true, "the latest three failed: the success before is history"),
        ([(-0.5, true), (-0.3, false), (-0.1, true), (-0.05, true)], false, "a success among the latest three"),
        ((0..<9).map { (-0.1 * Double($0) - 0.02, $0 != 1) } + [(-0.95, true)], true, "nine of the latest ten"),
        ((0..<4).map { (-0.1 * Double($0) - 0.02, $0 != 1) }, false, "one success in the latest four is 75 %"),
        ([(-0.9, false), (-0.5, false), (-0.1, false)], false, "all fine"),
    ] as [([(Double, Bool)], Bool, String)])
    func outage(attempts: [(Double, Bool)], expected: Bool, why: String) {
        let now = 500.0
        var burst = FailureBurst()
        for (t, failed) in attempts.sorted(by: { $0.0 < $1.0 }) { burst.record(at: now + t, failed: failed) }
        #expect((burst.outage(now: now, config: Self.config) != nil) == expected, "\(why)")
    }

    @Test func reportsTheLongestFailingRunAndForgetsBeyondItsCapacity() throws {
        var burst = FailureBurst(capacity: 4)
        for i in 0..<6 { burst.record(at: 10 + Double(i) * 0.1, failed: true) }
        // Six failures in half a second, four kept.
        let run = try #require(burst.outage(now: 10.5, config: Self.config))
        #expect(run.attempts == 4 && run.failures == 4)
        #expect(burst.outage(now: 11.45, config: Self.config) == nil)  // the window has moved past all but one
    }
}

import Testing
@testable import SwitchyardCore

/// `LatencyOutlier` as a table: each row is a phase, a reading and what comes next.
@Suite struct LatencyOutlierTests {
    static let config = EjectionConfig()  // factor 3, minSamples 5, minSlow 3, 3 s out, recover under 1.5×
    static let now = 1000.0

    static func reading(
        p95: Double?, samples: Int, slow: Int, running: Int = 0, baseline: Double? = 0.1, usual: Double? = nil
    ) -> LatencyOutlier.Reading {
        LatencyOutlier.Reading(recentP95: p95, recentSamples: samples, slowSamples: slow, slowInFlight: running,
                               baseline: .init(peers: baseline, usual: usual))
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
        (.normal, reading(p95: 0.6, samples: 10, slow: 4, baseline: 0.5, usual: 0.1), true, .ejected(until: now + 3),
         "6× its usual and slower than its peers: ejected"),
        (.normal, reading(p95: 0.4, samples: 10, slow: 4, baseline: 0.5, usual: 0.1), true, .normal,
         "4× its usual but still faster than its peers: keeps its traffic"),
        (.normal, reading(p95: 0.2, samples: 10, slow: 0, baseline: 0.1, usual: 0.5), true, .normal,
         "usually slower than its peers: judged against the peers alone"),
        (.normal, reading(p95: 0.5, samples: 10, slow: 4, baseline: nil, usual: 0.1), true, .ejected(until: now + 3),
         "no peer with enough samples: its own usual latency still tells"),
        (.normal, reading(p95: 0.1, samples: 3, slow: 0, running: 3), true, .ejected(until: now + 3),
         "three answers still running past the threshold are slow samples"),
        (.normal, reading(p95: 0.1, samples: 40, slow: 0, running: 1), true, .normal,
         "one long answer in flight among many fast ones is not a trend"),
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
        (.probation(since: now - 1), reading(p95: 0.12, samples: 3, slow: 0, running: 1), true, .probation(since: now - 1),
         "fast answers while one still runs long: not yet healthy"),
        (.probation(since: now - 1), reading(p95: 0.3, samples: 10, slow: 0, baseline: 0.5, usual: 0.1), true,
         .probation(since: now - 1), "back under its peers but not yet near its usual: still watched"),
        (.probation(since: now - 1), reading(p95: 0.12, samples: 10, slow: 0, baseline: 0.5, usual: 0.1), true, .normal,
         "near its usual again: healthy"),
    ] as [(LatencyOutlier, LatencyOutlier.Reading, Bool, LatencyOutlier, String)])
    func transitions(from: LatencyOutlier, reading: LatencyOutlier.Reading, mayEject: Bool, expected: LatencyOutlier,
                     why: String) {
        #expect(from.next(reading, now: Self.now, config: Self.config, mayEject: mayEject) == expected, "\(why)")
    }

    @Test func theComparisonAnEjectionNames() {
        let c = Self.config
        #expect(LatencyOutlier.Baseline(peers: 0.5, usual: 0.1).reference(config: c)?.name == "its usual")
        #expect(LatencyOutlier.Baseline(peers: 0.1, usual: 0.5).reference(config: c)?.name == "peers")
        #expect(LatencyOutlier.Baseline(peers: 0.1, usual: 0.1).reference(config: c)?.name == "peers")
        #expect(LatencyOutlier.Baseline(peers: nil, usual: 0.2).reference(config: c)?.name == "its usual")
        #expect(LatencyOutlier.Baseline(peers: .nan, usual: -1).reference(config: c) == nil)
        var zero = c
        zero.factor = 0
        #expect(LatencyOutlier.Baseline(peers: 0.1, usual: 0.1).slowAbove(config: zero) == nil)
    }

    @Test func attemptStartsCountOnlyThoseRunningPastTheThresholdWithinTheWindow() {
        var starts = AttemptStarts()
        for t in [0.0, 5, 8, 9.5] { starts.begin(at: t) }
        // At 10: ages 10, 5, 2, 0.5. Past 1 s and not past 6 s: the ones 5 and 2 s old.
        #expect(starts.running(longerThan: 1, notLongerThan: 6, now: 10) == 2)
        starts.end()  // the oldest goes, whichever ended
        #expect(starts.count == 3 && starts.running(longerThan: 1, notLongerThan: 6, now: 10) == 2)
        for _ in 0..<5 { starts.end() }
        #expect(starts.count == 0 && starts.running(longerThan: 0, notLongerThan: 100, now: 10) == 0)
        for k in 0..<100 { starts.begin(at: Double(k)) }
        for _ in 0..<60 { starts.end() }
        #expect(starts.count == 40 && starts.running(longerThan: 0, notLongerThan: 1000, now: 100) == 40)
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

import Testing
import SwitchyardCore
@testable import SwitchyardSim

@Suite struct IncidentTimelineTests {
    let timeline = IncidentTimeline.demo
    let catalog = Fixtures.setup.catalog

    func faulty(at t: Double) -> Set<String> {
        Set(catalog.deployments.filter { !timeline.faults(for: $0, at: t).isNone }.map(\.provider))
    }

    @Test func nobodyHasFaultsAtFiveSeconds() {
        #expect(faulty(at: 5).isEmpty)
        #expect(timeline.phase(at: 5).name == "calm")
    }

    @Test func theStormProviderGets429sAtTenSeconds() {
        let openai = timeline.faults(for: Fixtures.deployment("gpt-4o/openai"), at: 10)
        #expect((openai.errorRates[429] ?? 0) >= 0.5)
        #expect(openai.retryAfterSeconds != nil)
        #expect(faulty(at: 10) == ["openai"])
        #expect(timeline.phase(at: 10).name == "429 storm")
    }

    @Test func theStormShowsThroughTheTransport() async {
        let clock = FrozenClock(now: 1_000)
        let t = SimulatedTransport(catalog: catalog, timeline: timeline, clock: clock, seed: 5, startTime: 1_000)
        clock.set(1_010)
        var limited = 0
        for i in 0..<500 {
            if case .failure(let f) = await t.send(Fixtures.call("gpt-4o/openai", n: i)), f.errorClass == .rateLimited {
                limited += 1
            }
        }
        #expect(limited > 300 && limited < 400, "\(limited) of 500 rate-limited")
        #expect(t.currentPhase().name == "429 storm")
        clock.set(1_005)
        for i in 0..<100 {
            if case .failure = await t.send(Fixtures.call("gpt-4o/openai", n: i)) { Issue.record("calm call failed") }
        }
    }

    @Test func itLoops() {
        #expect(timeline.period >= 75 && timeline.period <= 90)
        let d = Fixtures.deployment("gpt-4o/openai")
        for t in stride(from: 0.0, to: timeline.period, by: 0.5) {
            #expect(timeline.faults(for: d, at: t) == timeline.faults(for: d, at: t + timeline.period))
            #expect(timeline.faults(for: d, at: t) == timeline.faults(for: d, at: t + 3 * timeline.period))
        }
        #expect(timeline.phase(at: timeline.period + 10).name == "429 storm")
        #expect(faulty(at: timeline.period + 5).isEmpty)
    }

    @Test func everyKindOfIncidentHappensWithinTheFirstMinute() {
        var providers = Set<String>()
        var sawRateLimit = false, sawServer = false, sawSlow = false, sawOutage = false
        for t in stride(from: 0.0, to: 60, by: 1) {
            for d in catalog.deployments {
                let f = timeline.faults(for: d, at: t)
                if !f.isNone { providers.insert(d.provider) }
                if (f.errorRates[429] ?? 0) > 0 { sawRateLimit = true }
                if f.errorRates.keys.contains(where: { $0 >= 500 }) { sawServer = true }
                if f.latencyMultiplier > 3 { sawSlow = true }
                if f.connectionRefusedProbability >= 1 { sawOutage = true }
            }
        }
        #expect(sawRateLimit && sawServer && sawSlow && sawOutage)
        #expect(providers.count >= 4, "incidents hit \(providers.sorted())")
        // Each scripted target must exist in the catalog, or the script silently does nothing.
        let names = Set(catalog.providers.map(\.name)).union(catalog.deployments.map(\.id))
        for p in timeline.phases { for target in p.faults.keys { #expect(names.contains(target), "\(target)") } }
    }

    @Test func theLoopEndsCalmSoBreakersCanClose() {
        for t in stride(from: 61.0, to: timeline.period, by: 1) { #expect(faulty(at: t).isEmpty, "t=\(t)") }
        #expect(timeline.phase(at: 65).name == "recovery")
    }

    @Test func calmNeverFaults() {
        let calm = IncidentTimeline.calm
        for t in stride(from: 0.0, to: 300, by: 7) {
            #expect(catalog.deployments.allSatisfy { calm.faults(for: $0, at: t).isNone })
        }
        #expect(calm.phase(at: 100).name == "calm")
        #expect(calm.secondsUntilNextChange(at: 10) == nil)
    }

    @Test func countsDownToTheNextChange() {
        #expect(timeline.secondsUntilNextChange(at: 5) == 3)
        #expect(timeline.secondsUntilNextChange(at: 10) == 10)
        #expect(timeline.secondsUntilNextChange(at: 70) == 5)
        #expect(timeline.secondsUntilNextChange(at: 74) == 1)
        #expect(timeline.secondsUntilNextChange(at: 75 + 5) == 3)
    }

    @Test func overlappingPhasesAndDeploymentTargetsStack() {
        let custom = IncidentTimeline(phases: [
            IncidentPhase(name: "a", description: "", start: 0, end: 10, faults: ["openai": .slow(2)]),
            IncidentPhase(name: "b", description: "", start: 5, end: 10, faults: ["gpt-4o/openai": .rateLimited(0.5)]),
        ], period: 0)
        let gpt = Fixtures.deployment("gpt-4o/openai")
        let mini = Fixtures.deployment("gpt-4o-mini/openai")
        #expect(custom.faults(for: gpt, at: 7).latencyMultiplier == 2)
        #expect(custom.faults(for: gpt, at: 7).errorRates[429] == 0.5)
        #expect(custom.faults(for: mini, at: 7).errorRates.isEmpty)
        #expect(custom.faults(for: gpt, at: 3).errorRates.isEmpty)
        // period 0 plays once
        #expect(custom.faults(for: gpt, at: 107).isNone)
    }
}

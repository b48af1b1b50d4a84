import Testing
import SwitchyardCore
@testable import SwitchyardSim

@Suite struct TrafficGeneratorTests {
    @Test func arrivalsMatchTheRateOverSimulatedTime() async {
        let clock = ManualClock(start: 0)
        let handler = RecordingHandler()
        let generator = TrafficGenerator(setup: Fixtures.setup, ratePerSecond: 30, clock: clock, seed: 7)
        await generator.run(handler: handler, for: 60)
        let c = generator.counters
        // Poisson: mean 1800, σ ≈ 42; allow 5σ.
        #expect(abs(c.arrivals - 1_800) < 212, "\(c.arrivals) arrivals")
        #expect(c.completed == c.sent)
        #expect(c.inFlight == 0)
        #expect(handler.requests.count == c.sent)
        #expect(clock.now() <= 60)
    }

    @Test func requestsSpreadOverKeysAndModelsWithUniqueIDs() async {
        let handler = RecordingHandler()
        let generator = TrafficGenerator(
            setup: Fixtures.setup, ratePerSecond: 50, clock: ManualClock(), seed: 8, maxInFlight: 1_000_000
        )
        await generator.run(handler: handler, for: 40)
        let requests = handler.requests
        #expect(requests.count > 1_500)
        #expect(Set(requests.map(\.id)).count == requests.count)
        #expect(requests.allSatisfy { $0.id.hasPrefix("req_") && $0.id.count == 20 })
        #expect(Set(requests.compactMap(\.key)).count == Fixtures.setup.keys.count)
        #expect(Set(requests.compactMap(\.team)).count >= 3)
        let catalog = Fixtures.setup.catalog
        #expect(Set(requests.map(\.model)).count == catalog.models.count + catalog.taskRouting.models.count)
        // Requests to `auto` name their task, in the mix's proportions; no other request does.
        let routed = requests.filter { $0.model == "auto" }
        #expect(routed.allSatisfy { $0.declaredTask != nil })
        #expect(requests.filter { $0.model != "auto" }.allSatisfy { $0.declaredTask == nil })
        let chat = Double(routed.filter { $0.declaredTask == "chat" }.count) / Double(max(1, routed.count))
        #expect(abs(chat - 0.5) < 0.1, "chat share \(chat) of \(routed.count)")
        let streamed = Double(requests.filter(\.stream).count) / Double(requests.count)
        #expect(abs(streamed - 0.4) < 0.06, "streamed fraction \(streamed)")
        let inputs = requests.map { Double($0.inputTokens) }.sorted()
        let p05 = inputs[inputs.count / 20], p95 = inputs[inputs.count * 19 / 20]
        #expect(p05 > 200 && p05 < 450, "p05 \(p05)")
        #expect(p95 > 2_000 && p95 < 4_000, "p95 \(p95)")
        #expect(requests.allSatisfy { [256, 512, 1024, 2048, 4096].contains($0.maxOutputTokens) })
    }

    @Test func keysSendInProportionToTheirWeights() async {
        let generator = TrafficGenerator(setup: Fixtures.setup, ratePerSecond: 100, clock: ManualClock(), seed: 9)
        let requests = (0..<20_000).map { _ in generator.nextRequest() }
        let total = Fixtures.setup.keys.reduce(0) { $0 + $1.trafficWeight }
        for key in Fixtures.setup.keys {
            let share = Double(requests.filter { $0.key == key.name }.count) / Double(requests.count)
            #expect(abs(share - key.trafficWeight / total) < 0.02, "\(key.name): \(share)")
            #expect(requests.filter { $0.key == key.name }.allSatisfy { $0.team == key.team })
        }
    }

    @Test func requestIDsNeverRepeat() {
        var seen = Set<String>()
        for n in UInt64(1)...50_000 { seen.insert(TrafficGenerator.requestID(sequence: n, salt: 0xDEAD_BEEF)) }
        #expect(seen.count == 50_000)
    }

    @Test func sameSeedSameTraffic() {
        let a = TrafficGenerator(setup: Fixtures.setup, seed: 3)
        let b = TrafficGenerator(setup: Fixtures.setup, seed: 3)
        let c = TrafficGenerator(setup: Fixtures.setup, seed: 4)
        let ra = (0..<50).map { _ in a.nextRequest() }
        #expect(ra == (0..<50).map { _ in b.nextRequest() })
        #expect(ra != (0..<50).map { _ in c.nextRequest() })
    }

    @Test func pausedGeneratorSendsNothing() async {
        let generator = TrafficGenerator(setup: Fixtures.setup, ratePerSecond: 0, clock: ManualClock(), seed: 1)
        await generator.run(handler: RecordingHandler(), for: 10)
        #expect(generator.counters.arrivals == 0)
        generator.setRate(20)
        #expect(generator.ratePerSecond == 20)
        await generator.run(handler: RecordingHandler(), for: 10)
        #expect(generator.counters.arrivals > 100)
    }

    @Test func arrivalsBeyondTheInFlightCapAreDropped() async {
        let gate = Gate()
        let generator = TrafficGenerator(
            setup: Fixtures.setup, ratePerSecond: 30, clock: ManualClock(), seed: 2, maxInFlight: 5
        )
        let run = Task { await generator.run(handler: BlockingHandler(gate: gate), for: 10) }
        var spins = 0
        while generator.counters.arrivals < 200, spins < 1_000_000 {
            await Task.yield()
            spins += 1
        }
        let blocked = generator.counters
        #expect(blocked.sent == 5)
        #expect(blocked.inFlight == 5)
        #expect(blocked.dropped == blocked.arrivals - 5)
        #expect(blocked.dropped >= 195)
        await gate.open()
        await run.value
        #expect(generator.counters.completed == generator.counters.sent)
        #expect(generator.counters.inFlight == 0)
    }

    @Test func cancellingStopsAnEndlessRun() async {
        let generator = TrafficGenerator(setup: Fixtures.setup, ratePerSecond: 30, clock: ManualClock(), seed: 4)
        let run = Task { await generator.run(handler: RecordingHandler()) }
        var spins = 0
        while generator.counters.arrivals < 100, spins < 1_000_000 {
            await Task.yield()
            spins += 1
        }
        run.cancel()
        await run.value
        let after = generator.counters
        #expect(after.arrivals >= 100)
        #expect(after.completed == after.sent)
    }

    @Test func requestsCutShortByCancellationAreNotFailures() async {
        let generator = TrafficGenerator(setup: Fixtures.setup, ratePerSecond: 30, clock: ManualClock(), seed: 6)
        let run = Task { await generator.run(handler: SleepingHandler()) }
        var spins = 0
        while generator.counters.arrivals < 20, spins < 1_000_000 {
            await Task.yield()
            spins += 1
        }
        run.cancel()
        await run.value
        let c = generator.counters
        #expect(c.sent >= 20)
        #expect(c.cancelled == c.sent)
        #expect(c.failed == 0)
    }

    @Test func drivesTheSimulatedTransportEndToEnd() async {
        let transportClock = FrozenClock(now: 0)
        let transport = SimulatedTransport(
            catalog: Fixtures.setup.catalog, timeline: .demo, clock: transportClock, seed: 1, startTime: 0
        )
        transportClock.set(12) // inside the openai 429 storm
        let handler = FirstHealthyHandler(catalog: Fixtures.setup.catalog, transport: transport)
        let generator = TrafficGenerator(
            setup: Fixtures.setup, ratePerSecond: 30, clock: ManualClock(), seed: 5, maxInFlight: 1_000_000
        )
        await generator.run(handler: handler, for: 20)
        let c = generator.counters
        #expect(c.completed == c.sent && c.sent > 400)
        // Falling through to the second deployment absorbs most of the storm.
        #expect(Double(c.failed) / Double(c.completed) < 0.05)
        #expect(transport.callCount > c.sent, "rate-limited calls were retried elsewhere")
    }
}

/// Holds callers until opened.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for w in waiters { w.resume() }
        waiters.removeAll()
    }
}

/// A handler that answers only once its gate opens.
struct BlockingHandler: RequestHandler {
    let gate: Gate

    func handle(_ request: GatewayRequest) async -> GatewayResponse {
        await gate.wait()
        return GatewayResponse(
            requestID: request.id, result: .success(UpstreamSuccess(inputTokens: 1, outputTokens: 1)),
            servedBy: nil, attempts: [], cost: 0
        )
    }
}

/// A handler that waits an hour of real time (until cancelled), then fails.
struct SleepingHandler: RequestHandler {
    func handle(_ request: GatewayRequest) async -> GatewayResponse {
        try? await Task.sleep(for: .seconds(3_600))
        let error = GatewayError(kind: .upstreamTimeout, status: 504, message: "gave up")
        return GatewayResponse(requestID: request.id, result: .failure(error), servedBy: nil, attempts: [], cost: 0)
    }
}

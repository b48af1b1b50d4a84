import Synchronization
import SwitchyardCore

/// Sends demo requests to a handler as a Poisson process (exponential gaps) at a configurable rate, each
/// request concurrently, with a cap on requests in flight.
public final class TrafficGenerator: Sendable {
    /// Most requests in flight at once; arrivals beyond it are dropped and counted.
    public let maxInFlight: Int
    /// The request mix drawn from.
    public let mix: TrafficMix
    private let clock: any EngineClock
    private let idSalt: UInt64
    private let state: Mutex<State>

    private struct State {
        var rng: SeededGenerator
        var rate: Double
        var sequence: UInt64 = 0
        var counters = TrafficCounters()
    }

    /// Creates a generator sending as the keys of `setup`.
    /// A simulated call takes ≈ 4.5 s on average, so 30 req/s keeps ≈ 135 in flight; the default cap leaves
    /// room for the pile-up an incident causes (hangs, retries, fallbacks).
    public convenience init(
        setup: DemoSetup, ratePerSecond: Double = 30, clock: any EngineClock = SystemClock(), seed: UInt64 = 7,
        maxInFlight: Int = 512, streamFraction: Double = 0.4
    ) {
        self.init(
            mix: TrafficMix(keys: setup.keys, streamFraction: streamFraction,
                            taskModels: Set(setup.catalog.taskRouting.models.map(\.name))),
            ratePerSecond: ratePerSecond,
            clock: clock, seed: seed, maxInFlight: maxInFlight
        )
    }

    /// Creates a generator drawing requests from `mix`.
    public init(
        mix: TrafficMix, ratePerSecond: Double = 30, clock: any EngineClock = SystemClock(), seed: UInt64 = 7,
        maxInFlight: Int = 512
    ) {
        self.mix = mix
        self.clock = clock
        self.maxInFlight = max(1, maxInFlight)
        var saltSource = SeededGenerator(seed: seed ^ 0x5157_4954_4348_5944)
        idSalt = saltSource.next()
        state = Mutex(State(rng: SeededGenerator(seed: seed), rate: max(0, ratePerSecond)))
    }

    /// Requests per second currently generated.
    public var ratePerSecond: Double { state.withLock { $0.rate } }

    /// Changes the arrival rate while running (0 pauses traffic).
    public func setRate(_ perSecond: Double) {
        state.withLock { $0.rate = max(0, perSecond.isFinite ? perSecond : 0) }
    }

    /// Totals so far.
    public var counters: TrafficCounters { state.withLock { $0.counters } }

    /// Draws the next request without sending it. Ids are unique per generator: "req_" + 16 hex digits.
    public func nextRequest() -> GatewayRequest {
        state.withLock { s in
            s.sequence += 1
            let id = Self.requestID(sequence: s.sequence, salt: idSalt)
            return mix.draw(id: id, using: &s.rng)
                ?? GatewayRequest(id: id, model: "unknown", inputTokens: 1)
        }
    }

    /// Sends traffic to `handler` until the calling task is cancelled.
    public func run(handler: any RequestHandler) async {
        await run(handler: handler, until: nil)
    }

    /// Sends traffic for `seconds` of clock time, then waits for requests in flight to complete.
    public func run(handler: any RequestHandler, for seconds: Double) async {
        await run(handler: handler, until: clock.now() + seconds)
    }

    private func run(handler: any RequestHandler, until deadline: Double?) async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let gap = nextGap()
                guard let gap else {
                    // Paused: poll for a new rate without spinning.
                    if let deadline, clock.now() + 0.25 >= deadline { break }
                    do { try await clock.sleep(seconds: 0.25) } catch { break }
                    continue
                }
                if let deadline, clock.now() + gap >= deadline { break }
                do { try await clock.sleep(seconds: gap) } catch { break }
                guard admit() else { continue }
                let request = nextRequest()
                group.addTask {
                    let response = await handler.handle(request)
                    self.finish(status: response.status, cancelled: Task.isCancelled)
                }
                // A clock that never suspends (tests, replays) would otherwise starve the requests just launched.
                await Task.yield()
            }
        }
    }

    private func nextGap() -> Double? {
        state.withLock { s in
            guard s.rate > 0 else { return nil }
            return s.rng.exponential(rate: s.rate)
        }
    }

    private func admit() -> Bool {
        state.withLock { s in
            guard s.counters.inFlight < maxInFlight else {
                s.counters.dropped += 1
                return false
            }
            s.counters.inFlight += 1
            s.counters.sent += 1
            return true
        }
    }

    private func finish(status: Int, cancelled: Bool) {
        state.withLock { s in
            s.counters.inFlight -= 1
            s.counters.completed += 1
            // Requests cut short by shutdown say nothing about the gateway's health.
            if cancelled {
                s.counters.cancelled += 1
            } else if status != 200 {
                s.counters.failed += 1
            }
        }
    }

    /// Scrambles a sequence number with a bijective mix, so ids look random yet never repeat.
    static func requestID(sequence: UInt64, salt: UInt64) -> String {
        var z = sequence ^ salt
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let hex = String(z, radix: 16)
        return "req_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

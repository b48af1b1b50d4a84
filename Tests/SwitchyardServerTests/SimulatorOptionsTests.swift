import SwitchyardSim
@testable import SwitchyardSimServer
import Testing

@Suite struct SimulatorOptionsTests {
    @Test func commandLineFlags() throws {
        let options = try SimulatorOptions(listen: "127.0.0.1:0", ttft: "300ms", tps: 80, faults: "429=30%,retry-after=2s", seed: 9)
        #expect(options.host == "127.0.0.1" && options.port == 0)
        #expect(options.latency.ttftMedian == 0.3)
        #expect(options.latency.tokensPerSecondMedian == 80)
        #expect(options.faults == .rateLimited(0.3, retryAfter: 2))
        #expect(options.seed == 9)
    }

    @Test func zeroLatencyIsInstant() throws {
        let options = try SimulatorOptions(listen: "8080")
        #expect(options.port == 8080 && options.host == "127.0.0.1")
        #expect(options.latency == SimulatorOptions.instant)
        #expect(options.faults == .none)
    }

    @Test func listenAndDurations() throws {
        #expect(try SimulatorOptions.parseListen("[::1]:9000") == ("::1", 9000))
        #expect(try SimulatorOptions.parseListen("0.0.0.0:80") == ("0.0.0.0", 80))
        #expect(try SimulatorOptions.parseDuration("1.5s") == 1.5)
        #expect(try SimulatorOptions.parseDuration("250ms") == 0.25)
        #expect(try SimulatorOptions.parseDuration("2") == 2)
        #expect(SimulatorOptions.listeningLine(host: "127.0.0.1", port: 4242) == "listening on http://127.0.0.1:4242")
    }

    @Test(arguments: ["", "localhost", "host:99999", ":80", "127.0.0.1:x"])
    func badListenIsRejected(_ text: String) {
        #expect(throws: SimulatorOptionsError.self) { try SimulatorOptions.parseListen(text) }
    }

    @Test func badFlagsAreRejected() {
        #expect(throws: SimulatorOptionsError.self) { try SimulatorOptions(listen: "127.0.0.1:0", ttft: "soon") }
        #expect(throws: SimulatorOptionsError.self) { try SimulatorOptions(listen: "127.0.0.1:0", tps: -1) }
        #expect(throws: SimulatorOptionsError.self) { try SimulatorOptions(listen: "127.0.0.1:0", faults: "429=3") }
    }
}

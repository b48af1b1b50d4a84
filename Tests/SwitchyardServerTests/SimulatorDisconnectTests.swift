import AsyncHTTPClient
import SwitchyardSim
@testable import SwitchyardSimServer
import Testing

@Suite struct SimulatorDisconnectTests {
    @Test func clientGivingUpDuringTheWaitIsCountedAsCancelled() async throws {
        let slow = SimulatorOptions(
            latency: LatencyProfile(ttftMedian: 20, ttftSigma: 0, tokensPerSecondMedian: 50, tokensPerSecondSigma: 0),
            output: OutputLengthModel(median: 10, sigma: 0.01), seed: 4
        )
        try await withSimulator(slow) { sim in
            let request = sim.request(.POST, "/v1/chat/completions", body: #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#)
            await #expect(throws: (any Error).self) {
                _ = try await HTTPClient.shared.execute(request, timeout: .milliseconds(300))
            }
            var stats = sim.server.statistics
            for _ in 0..<100 where stats.cancelled == 0 || stats.inFlight > 0 {
                try await Task.sleep(nanoseconds: 50_000_000)
                stats = sim.server.statistics
            }
            #expect(stats.cancelled == 1)
            #expect(stats.inFlight == 0)
            #expect(stats.byStatus.isEmpty)
        }
    }
}

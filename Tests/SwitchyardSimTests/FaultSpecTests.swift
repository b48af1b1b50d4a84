import Testing
import SwitchyardCore
@testable import SwitchyardSim

@Suite struct FaultSpecTests {
    @Test func parsesEveryFault() throws {
        let p = try FaultProfile(spec: "429=30%, retry-after=2s,503=0.1,latency=x6,delay=200ms,hang=0.05,hang-after=20,refuse=0.1,cut=0.02,malformed=0.01")
        #expect(p.errorRates == [429: 0.3, 503: 0.1])
        #expect(p.retryAfterSeconds == 2)
        #expect(p.latencyMultiplier == 6)
        #expect(abs(p.addedLatency - 0.2) < 1e-12)
        #expect(p.hangProbability == 0.05 && p.hangSeconds == 20)
        #expect(p.connectionRefusedProbability == 0.1)
        #expect(p.streamCutProbability == 0.02 && p.malformedProbability == 0.01)
    }

    @Test func wordsAndEmptySpecs() throws {
        #expect(try FaultProfile(spec: "down") == .outage)
        #expect(try FaultProfile(spec: "none").isNone)
        #expect(try FaultProfile(spec: "").isNone)
        #expect(FaultProfile.none.spec == "none")
    }

    @Test func specRoundTrips() throws {
        let profiles: [FaultProfile] = [
            .rateLimited(0.7, retryAfter: 2), .outage, .slow(6, added: 0.25), .serverErrors(0.45, status: 500),
            FaultProfile(errorRates: [503: 0.45, 500: 0.1], hangProbability: 0.03, hangSeconds: 30,
                         streamCutProbability: 0.05, malformedProbability: 0.01),
        ]
        for p in profiles {
            #expect(try FaultProfile(spec: p.spec) == p, "\(p.spec)")
        }
    }

    @Test func rejectsNonsense() {
        #expect(throws: FaultSpecError.unknownFault("teapot")) { try FaultProfile(spec: "teapot=1") }
        #expect(throws: FaultSpecError.unknownFault("200")) { try FaultProfile(spec: "200=0.5") }
        #expect(throws: FaultSpecError.badValue("429=1.5")) { try FaultProfile(spec: "429=1.5") }
        #expect(throws: FaultSpecError.badValue("latency=x0")) { try FaultProfile(spec: "latency=x0") }
        #expect(throws: FaultSpecError.malformed("429")) { try FaultProfile(spec: "429") }
        #expect(throws: FaultSpecError.probabilitiesExceedOne("429=0.8,503=0.5")) {
            try FaultProfile(spec: "429=0.8,503=0.5")
        }
    }

    @Test func aParsedProfileDrivesTheTransport() async throws {
        let t = SimulatedTransport(catalog: Fixtures.setup.catalog, timeline: .calm, clock: FrozenClock(), seed: 1)
        t.setFaults(try FaultProfile(spec: "503=1"), for: "bedrock")
        let result = await t.send(Fixtures.call("deepseek-chat/bedrock"))
        guard case .failure(let f) = result else {
            Issue.record("expected a 503")
            return
        }
        #expect(f.status == 503 && f.errorClass == .server)
    }
}

import AsyncHTTPClient
import Foundation
import SwitchyardCore
import SwitchyardSim
import Testing

/// A client that hangs up must stop the upstream call at once, be recorded as 499, and cost the deployment
/// nothing in health: the breaker opens after 5 consecutive failures, so 6 hang-ups in a row would open it
/// if they were charged.
@Suite("Gateway client disconnects")
struct GatewayDisconnectTests {
    static let hangUps = 6

    /// Starts a request with id `id`, waits until it is under way — its first byte arrived, or else the upstream
    /// has received it (its `arrivals`-th request) — then cancels the client (AsyncHTTPClient closes the
    /// connection of a cancelled request). Waiting for the upstream, not a fixed time, keeps a loaded machine from
    /// hanging up before the gateway has called anyone.
    static func hangUp(
        _ gw: GatewayHarness, id: String, body: String, afterFirstByte: Bool, arrivals: Int = 1,
        until ready: (@Sendable () async throws -> Bool)? = nil
    ) async throws {
        let (started, startedSink) = AsyncStream<Void>.makeStream()
        let client = Task {
            let request = gw.request(.POST, "/v1/chat/completions", body: body, headers: [("x-request-id", id)])
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            for try await _ in response.body { startedSink.yield() }
        }
        if afterFirstByte {
            for await _ in started { break }
        } else {
            let arrived = try await eventually(seconds: 10) { () -> Bool? in
                try await gw.sims[0].stats().requests >= arrivals ? true : nil
            }
            #expect(arrived != nil, "the upstream never received \(id)")
        }
        if let ready {
            let reached = try await eventually(seconds: 20) { try await ready() ? true : nil }
            #expect(reached != nil, "\(id) never reached the point to hang up at")
        }
        client.cancel()
        _ = await client.result
    }

    /// Waits for the simulator to count `count` cancelled responses; nil if it doesn't within 30 s. The upstreams
    /// below take 90–100 s to answer, and the gateway's own first-token timeout (60 s) is later still, so only a
    /// hang-up passed on can cancel them in time; the window is wide because a loaded 2-core machine running the
    /// whole suite can hold every task for seconds (the outcome is judged, not the speed).
    static func awaitCancelled(_ sim: SimulatorClient, count: Int) async throws -> Int? {
        try await eventually(seconds: 30) { () -> Int? in
            let cancelled = try await sim.stats().cancelled
            return cancelled >= count ? cancelled : nil
        }
    }

    @Test("a client that closes mid-stream cancels the upstream stream")
    func midStreamHangUp() async throws {
        // About a hundred seconds of paced tokens: only a hang-up ends it early.
        let sims = [gatewaySimOptions(name: "paced", tokensPerSecond: 4, median: 400)]
        try await withGateway(sims: sims, yaml: { GatewayYAML.single($0[0]) }) { gw in
            for n in 1...Self.hangUps {
                let id = "hangup-stream-\(n)"
                try await Self.hangUp(gw, id: id, body: chatBody(model: "chat", stream: true), afterFirstByte: true)
                // Counted as cancelled by the upstream: it was cut, not finished (that would take ~100 s).
                #expect(try await Self.awaitCancelled(gw.sims[0], count: n) != nil, "upstream of \(id) was not cancelled")
                let record = try #require(await gw.awaitRecord(id))
                #expect(record.status == 499)
                #expect(record.errorMessage?.contains("client closed") == true)
            }
            #expect(try await gw.sims[0].stats().cancelled == Self.hangUps)
            #expect(gw.engine.breakerState(of: "chat/only") == .closed)
            let info = GatewayInfo(mode: "test", address: nil, version: "test", startedAt: 0)
            let deployment = try #require(gw.engine.snapshot(info: info).deployments.first { $0.id == "chat/only" })
            #expect(deployment.errorRate == 0)
            #expect(deployment.inFlight == 0)
        }
    }

    @Test("a client that closes while waiting for a slow JSON answer cancels the upstream call")
    func hangUpWhileWaiting() async throws {
        let sims = [gatewaySimOptions(name: "slow", faults: FaultProfile(addedLatency: 90))]
        try await withGateway(sims: sims, yaml: { GatewayYAML.single($0[0]) }) { gw in
            for n in 1...Self.hangUps {
                let id = "hangup-json-\(n)"
                try await Self.hangUp(gw, id: id, body: chatBody(model: "chat"), afterFirstByte: false, arrivals: n)
                let cancelled = try await Self.awaitCancelled(gw.sims[0], count: n)
                #expect(cancelled != nil, "upstream of \(id) was not cancelled")
                let record = try #require(await gw.awaitRecord(id))
                #expect(record.status == 499)
            }
            #expect(gw.engine.breakerState(of: "chat/only") == .closed)
            let info = GatewayInfo(mode: "test", address: nil, version: "test", startedAt: 0)
            let deployment = try #require(gw.engine.snapshot(info: info).deployments.first { $0.id == "chat/only" })
            #expect(deployment.errorRate == 0)
            #expect(deployment.inFlight == 0)
        }
    }

    @Test("a client that closes while the gateway waits to retry is recorded as 499")
    func hangUpDuringBackoff() async throws {
        // A 429 asking for 30 s, under a backoff cap of 30 s: the engine waits that long before trying the deployment
        // again, so the hang-up lands inside the wait even when a loaded machine holds the test's tasks for seconds;
        // a hang-up that is passed on ends the wait at once, so the test takes no longer than that.
        let limited = FaultProfile(errorRates: [429: 1], retryAfterSeconds: 30)
        var config = EngineConfig()
        config.backoffCap = 30
        try await withGateway(sims: [gatewaySimOptions(name: "limited", faults: limited)], yaml: { GatewayYAML.single($0[0]) },
                              engineConfig: config) { gw in
            let id = "hangup-backoff"
            // Hang up once the engine has the 429 (its attempt is recorded): the sim counting the request is not
            // enough on a loaded machine, where the answer may still be on its way when the client leaves.
            let info = GatewayInfo(mode: "test", address: nil, version: "test", startedAt: 0)
            try await Self.hangUp(gw, id: id, body: chatBody(model: "chat"), afterFirstByte: false) {
                (gw.engine.snapshot(info: info).deployments.first { $0.id == "chat/only" }?.errorRate ?? 0) > 0
            }
            let record = try #require(await gw.awaitRecord(id, seconds: 25))
            #expect(record.status == 499)
            #expect(record.errorMessage?.contains("client closed") == true)
            // Nobody was waiting: the request ended in its wait, and the retry was never sent.
            #expect(record.attempts.count == 1)
            #expect(try await gw.sims[0].stats().requests == 1)
        }
    }

    @Test("a client that closes while the upstream stream has not started cancels it")
    func hangUpBeforeFirstToken() async throws {
        // Headers come at once, the first token only after 90 s.
        let sims = [gatewaySimOptions(name: "slow", faults: FaultProfile(addedLatency: 90))]
        try await withGateway(sims: sims, yaml: { GatewayYAML.single($0[0]) }) { gw in
            let id = "hangup-ttft"
            try await Self.hangUp(gw, id: id, body: chatBody(model: "chat", stream: true), afterFirstByte: false)
            let cancelled = try await Self.awaitCancelled(gw.sims[0], count: 1)
            #expect(cancelled != nil, "upstream of \(id) was not cancelled")
            let record = try #require(await gw.awaitRecord(id))
            #expect(record.status == 499)
            #expect(gw.engine.breakerState(of: "chat/only") == .closed)
        }
    }
}

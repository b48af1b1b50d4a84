import Foundation
import SwitchyardCore
import Testing

/// The circuit breaker over real HTTP: a primary that fails opens its breaker (traffic moves to the backup and
/// stops reaching it), and once it recovers the half-open probe closes the breaker again.
@Suite struct GatewayBreakerTests {
    /// A deployment that cuts every stream after its first bytes cannot fall back (the client already has them),
    /// but each cut is its failure: the breaker opens, and the next streams start on the backup.
    @Test func streamsCutMidwayCountAgainstTheDeploymentAndOpenItsBreaker() async throws {
        var config = EngineConfig()
        config.breaker.consecutiveFailures = 3
        config.maxRetriesPerDeployment = 0
        config.ejection.enabled = false
        let sims = [gatewaySimOptions(name: "primary", tokensPerSecond: 200, median: 60), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0) }, engineConfig: config) { gw in
            try await gw.sims[0].setFaults(#"{"cut_rate":1.0}"#)
            var served: [String] = []
            for _ in 0..<6 {
                let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
                served.append(stream.headers.first(name: "x-switchyard-deployment") ?? "?")
                if served.last == "chat/primary" { #expect(stream.events.last?.isDone != true) }
            }
            #expect(Array(served.prefix(3)) == ["chat/primary", "chat/primary", "chat/primary"], "\(served)")
            #expect(Array(served.suffix(3)) == ["chat/backup", "chat/backup", "chat/backup"], "\(served)")
            #expect(gw.engine.breakerState(of: "chat/primary") == .open)
        }
    }

    @Test func breakerOpensOnFailuresAndClosesThroughHalfOpen() async throws {
        var config = EngineConfig()
        config.breaker.consecutiveFailures = 3
        config.breaker.openInterval = 1
        config.maxRetriesPerDeployment = 0
        config.ejection.enabled = false
        try await withGateway(
            sims: [gatewaySimOptions(name: "primary"), gatewaySimOptions(name: "backup")],
            yaml: { GatewayYAML.primaryAndBackup($0) }, engineConfig: config
        ) { gw in
            let primary = gw.sims[0]
            try await primary.setFaults(#"{"error_rates":{"503":1.0}}"#)
            // Every client request succeeds through the backup while the primary fails.
            for _ in 0..<3 {
                let answer = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
                #expect(answer.status == 200)
                #expect(answer.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            }
            #expect(gw.engine.breakerState(of: "chat/primary") == .open)

            // Open: the primary gets no traffic even though it has recovered.
            try await primary.setFaults("{}")
            let seen = try await primary.stats().requests
            let whileOpen = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(whileOpen.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            #expect(try await primary.stats().requests == seen)

            // After the open interval one probe goes to the primary; its success closes the breaker.
            try await Task.sleep(for: .milliseconds(1200))
            #expect(gw.engine.breakerState(of: "chat/primary") == .halfOpen)
            let probe = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(probe.status == 200)
            #expect(probe.headers.first(name: "x-switchyard-deployment") == "chat/primary")
            #expect(gw.engine.breakerState(of: "chat/primary") == .closed)
            let events = gw.engine.snapshot(info: GatewayInfo(mode: "test", address: nil, version: "0", startedAt: 0)).events
            let transitions = events.filter { $0.from == "chat/primary" }.map(\.kind)
            #expect(transitions.contains(.breakerOpened) && transitions.contains(.breakerHalfOpen)
                && transitions.contains(.breakerClosed), "breaker events: \(transitions)")
        }
    }
}

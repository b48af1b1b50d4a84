import Foundation
import SwitchyardCore
import SwitchyardServer
import Testing

/// The circuit breaker over real HTTP: a primary that fails opens its breaker (traffic moves to the backup and
/// stops reaching it), and once it recovers the half-open probe closes the breaker again.
@Suite struct GatewayBreakerTests {
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

import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardSim
import SwitchyardWire
import Testing

/// Connect, first-token and total timeouts, per provider and per model group, against real loopback servers.
/// Timings are checked against generous bounds only: a timeout must fire well before the upstream would
/// have answered, and not before it was due.
@Suite("Gateway timeouts")
struct GatewayTimeoutTests {
    static let hanging = FaultProfile(hangProbability: 1, hangSeconds: 30)

    @Test("a stream whose upstream never answers falls back after the first-token timeout")
    func hungStreamFallsBack() async throws {
        let sims = [gatewaySimOptions(name: "hung", faults: Self.hanging), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0, primaryTimeouts: "{first_token: 400ms}") }) { gw in
            let (stream, elapsed) = try await timed { try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true)) }
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            #expect(stream.failure == nil)
            #expect(stream.events.last?.isDone == true)
            // Two 0.4 s waits on the hung provider (one retry), then the backup: well under the 30 s hang.
            #expect(elapsed >= 0.7)
            let id = try #require(stream.headers.first(name: "x-request-id"))
            let record = try #require(await gw.awaitRecord(id))
            #expect(record.status == 200)
            #expect(record.attempts.first?.errorClass == .timeout)
            #expect(record.attempts.last?.deployment == "chat/backup")
            // The abandoned upstream requests were closed, not left hanging.
            let abandoned = try await eventually(seconds: 3) { () -> Int? in
                let stats = try await gw.sims[0].stats()
                return stats.cancelled >= 1 ? stats.cancelled : nil
            }
            #expect(abandoned != nil)
        }
    }

    @Test("a stream that starts but sends no token in time falls back")
    func slowFirstTokenFallsBack() async throws {
        // Headers come at once, the first token only after 5 s.
        let slow = FaultProfile(addedLatency: 5)
        let sims = [gatewaySimOptions(name: "slow", faults: slow), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0, primaryTimeouts: "{first_token: 400ms}") }) { gw in
            let (stream, elapsed) = try await timed { try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true)) }
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            #expect(stream.events.last?.isDone == true)
            #expect(elapsed >= 0.7)
        }
    }

    @Test("a stream with nothing left to try answers 504 after the first-token timeouts")
    func hungStreamWithoutFallbackIs504() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "hung", faults: Self.hanging)], yaml: {
            GatewayYAML.single($0[0], providerTimeouts: "{first_token: 400ms}")
        }) { gw in
            let (response, elapsed) = try await timed {
                try await gw.post("/v1/chat/completions", chatBody(model: "chat", stream: true))
            }
            #expect(response.status == 504)
            let error = try WireCoding.parse(Data(response.text.utf8))["error"]
            #expect(error?["message"]?.stringValue?.contains("timed out") == true)
            #expect(elapsed >= 0.7)
            let anthropic = try await gw.post("/v1/messages", messagesBody(model: "chat", stream: true))
            #expect(anthropic.status == 504)
            let body = try WireCoding.parse(Data(anthropic.text.utf8))
            #expect(body["type"]?.stringValue == "error")
            #expect(body["error"]?["message"]?.stringValue?.contains("timed out") == true)
        }
    }

    @Test("a JSON request is bounded by the total timeout")
    func jsonTotalTimeout() async throws {
        let slow = FaultProfile(addedLatency: 10)
        try await withGateway(sims: [gatewaySimOptions(name: "slow", faults: slow)], yaml: {
            GatewayYAML.single($0[0], providerTimeouts: "{total: 600ms, first_token: 100ms}")
        }) { gw in
            let (response, elapsed) = try await timed { try await gw.post("/v1/chat/completions", chatBody(model: "chat")) }
            #expect(response.status == 504)
            // The first-token timeout is for streams only: two attempts of 0.6 s, not of 0.1 s.
            #expect(elapsed >= 1.1)
            let id = try #require(response.headers.first(name: "x-request-id"))
            let record = try #require(await gw.awaitRecord(id))
            #expect(record.attempts.count == 2)
            #expect(record.attempts.allSatisfy { $0.errorClass == .timeout })
        }
    }

    @Test("a hung upstream holds a JSON request only for the response timeout, then it falls back")
    func hungJSONFallsBackAfterTheResponseTimeout() async throws {
        let sims = [gatewaySimOptions(name: "hung", faults: Self.hanging), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0, primaryTimeouts: "{response: 500ms}") }) { gw in
            let (response, elapsed) = try await timed { try await gw.post("/v1/chat/completions", chatBody(model: "chat")) }
            #expect(response.status == 200, "\(response.text)")
            #expect(response.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            // Two 0.5 s waits on the hung provider (one retry), then the backup: nowhere near the 30 s hang, or the
            // 600 s total a JSON request used to wait for.
            #expect(elapsed >= 0.9 && elapsed < 15, "\(elapsed) s")
            let id = try #require(response.headers.first(name: "x-request-id"))
            let record = try #require(await gw.awaitRecord(id))
            #expect(record.attempts.first?.errorClass == .timeout)
            #expect(record.attempts.first?.message.contains("no whole answer within 0.50 s") == true,
                    "\(record.attempts.first?.message ?? "")")
        }
    }

    @Test("a slow but valid JSON answer within the response timeout is not cut")
    func slowJSONWithinTheResponseTimeoutIsServed() async throws {
        let slow = FaultProfile(addedLatency: 0.8)
        try await withGateway(sims: [gatewaySimOptions(name: "slow", faults: slow)], yaml: {
            GatewayYAML.single($0[0], providerTimeouts: "{response: 5s, first_token: 100ms}")
        }) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 200, "\(response.text)")
            #expect(response.headers.first(name: "x-switchyard-attempts") == "1")
        }
    }

    @Test("a stream that outlasts the total timeout ends with an error event")
    func streamTotalTimeout() async throws {
        // 20 tokens a second for about 200 tokens: some ten seconds of streaming.
        let sims = [gatewaySimOptions(name: "paced", tokensPerSecond: 20, median: 200)]
        try await withGateway(sims: sims, yaml: { GatewayYAML.single($0[0], providerTimeouts: "{total: 1s}") }) { gw in
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
            #expect(stream.status == 200)
            #expect(stream.events.last?.isDone != true)
            let last = try #require(stream.events.last)
            let error = try WireCoding.parse(Data(last.data.utf8))["error"]
            #expect(error?["message"]?.stringValue?.contains("did not finish within 1 s") == true)
            let id = try #require(stream.headers.first(name: "x-request-id"))
            let record = try #require(await gw.awaitRecord(id))
            #expect(record.status == 502)
            #expect(record.attempts.last?.errorClass == .timeout)
        }
    }

    @Test("a refused connection is a connect failure and falls back")
    func refusedConnectionFallsBack() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        try await withGateway(sims: [gatewaySimOptions(name: "unused"), gatewaySimOptions(name: "backup")], yaml: {
            GatewayYAML.primaryAndBackup($0, primaryBase: "http://127.0.0.1:\(port)")
        }) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 200)
            #expect(response.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            let id = try #require(response.headers.first(name: "x-request-id"))
            let record = try #require(await gw.awaitRecord(id))
            #expect(record.attempts.first?.errorClass == .connect)
            #expect(record.attempts.first?.deployment == "chat/primary")
        }
    }

    @Test("a connect that never completes is cut by the provider's connect timeout")
    func connectTimeoutFallsBack() async throws {
        let blackhole = try FullBacklogListener()
        defer { blackhole.close() }
        try await withGateway(sims: [gatewaySimOptions(name: "unused"), gatewaySimOptions(name: "backup")], yaml: {
            GatewayYAML.primaryAndBackup($0, primaryBase: "http://127.0.0.1:\(blackhole.port)",
                                  primaryTimeouts: "{connect: 300ms}")
        }) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 200)
            #expect(response.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            let id = try #require(response.headers.first(name: "x-request-id"))
            let record = try #require(await gw.awaitRecord(id))
            #expect(record.attempts.first?.errorClass == .connect)
        }
    }

    @Test("a model group's connect timeout overrides its provider's")
    func modelGroupConnectTimeoutOverride() async throws {
        let blackhole = try FullBacklogListener()
        defer { blackhole.close() }
        try await withGateway(sims: [gatewaySimOptions(name: "unused"), gatewaySimOptions(name: "backup")], yaml: {
            GatewayYAML.primaryAndBackup($0, primaryBase: "http://127.0.0.1:\(blackhole.port)",
                                         primaryTimeouts: "{connect: 8s}", modelTimeouts: "{connect: 300ms}")
        }) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 200)
            #expect(response.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            // Two 0.3 s connect attempts, not two of 8 s.
        }
    }

    @Test("a model group's timeout overrides its provider's, both ways")
    func modelGroupTimeoutOverridesProvider() async throws {
        // The provider allows 0.5 s; the upstream needs 1.5 s. `patient` allows 5 s, `hasty` inherits 0.5 s.
        let slow = FaultProfile(addedLatency: 1.5)
        try await withGateway(sims: [gatewaySimOptions(name: "slow", faults: slow)], yaml: { bases in
            """
            listen: 127.0.0.1:0
            providers:
              - name: only
                kind: openai-compatible
                base_url: \(bases[0])/v1
                timeouts: {total: 500ms}
            models:
              - name: hasty
                deployments:
                  - {provider: only, model: gpt-4o}
              - name: patient
                timeouts: {total: 5s}
                deployments:
                  - {provider: only, model: gpt-4o}
            """
        }) { gw in
            let hasty = try await gw.post("/v1/chat/completions", chatBody(model: "hasty"), headers: [("x-request-id", "hasty")])
            #expect(hasty.status == 504)
            // Every attempt was cut by the provider's 0.5 s: had it waited the 1.5 s the upstream needs, the answer
            // would have been a 200. (The record says so; a loaded machine's wall clock would not.)
            let record = try #require(await gw.awaitRecord("hasty"))
            #expect(!record.attempts.isEmpty)
            for attempt in record.attempts { #expect(attempt.errorClass == .timeout, "\(attempt)") }
            let (patient, patientElapsed) = try await timed { try await gw.post("/v1/chat/completions", chatBody(model: "patient")) }
            #expect(patient.status == 200, "\(patient.text)")
            #expect(patientElapsed >= 1.4)
        }
    }

    @Test("a model group's first-token timeout overrides a lax provider's")
    func modelGroupFirstTokenOverride() async throws {
        let sims = [gatewaySimOptions(name: "hung", faults: Self.hanging), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: {
            GatewayYAML.primaryAndBackup($0, primaryTimeouts: "{first_token: 20s}", modelTimeouts: "{first_token: 1500ms}")
        }) { gw in
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "x-switchyard-deployment") == "chat/backup")
        }
    }
}

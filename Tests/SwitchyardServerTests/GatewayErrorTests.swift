import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardSim
import SwitchyardWire
import Testing

/// Errors in the shape each client family parses, with the status its failure class calls for, and a
/// request id on every response.
@Suite("Gateway errors")
struct GatewayErrorTests {
    /// The OpenAI error object of `response`, after checking it has every member SDKs read.
    static func openAIError(_ response: SimulatorTestResponse) throws -> JSONValue {
        let body = try WireCoding.parse(Data(response.text.utf8))
        let error = try #require(body["error"], "not an OpenAI error: \(response.text)")
        let members = Set(error.objectValue?.keys ?? [])
        #expect(members.isSuperset(of: ["message", "type", "param", "code"]), "members: \(members.sorted())")
        #expect(error["message"]?.stringValue?.isEmpty == false)
        #expect(error["type"]?.stringValue?.isEmpty == false)
        return error
    }

    /// The Anthropic error object of `response`: `{"type":"error","error":{"type":…,"message":…}}`.
    static func anthropicError(_ response: SimulatorTestResponse) throws -> JSONValue {
        let body = try WireCoding.parse(Data(response.text.utf8))
        #expect(body["type"]?.stringValue == "error", "not an Anthropic error: \(response.text)")
        let error = try #require(body["error"])
        #expect(error["type"]?.stringValue?.isEmpty == false)
        #expect(error["message"]?.stringValue?.isEmpty == false)
        return error
    }

    static func healthy(_ bases: [String]) -> String { GatewayYAML.single(bases[0], extra: "limits: {max_body_bytes: 2048}") }

    @Test("malformed JSON and missing fields are 400s in each client's format")
    func badRequests() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "ok")], yaml: Self.healthy) { gw in
            let malformed = try await gw.post("/v1/chat/completions", #"{"model": "chat", "messages": [ "#)
            #expect(malformed.status == 400)
            #expect(try Self.openAIError(malformed)["type"]?.stringValue == "invalid_request_error")

            let noModel = try await gw.post("/v1/chat/completions", #"{"messages":[{"role":"user","content":"hi"}]}"#)
            #expect(noModel.status == 400)
            #expect(try Self.openAIError(noModel)["message"]?.stringValue?.contains("model") == true)

            let noMessages = try await gw.post("/v1/chat/completions", #"{"model":"chat","messages":[]}"#)
            #expect(noMessages.status == 400)
            #expect(try Self.openAIError(noMessages)["param"]?.stringValue == "messages")

            let anthropicMalformed = try await gw.post("/v1/messages", "not json at all")
            #expect(anthropicMalformed.status == 400)
            #expect(try Self.anthropicError(anthropicMalformed)["type"]?.stringValue == "invalid_request_error")

            let noMaxTokens = try await gw.post("/v1/messages", #"{"model":"chat","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(noMaxTokens.status == 400)
            #expect(try Self.anthropicError(noMaxTokens)["message"]?.stringValue?.contains("max_tokens") == true)

            // Nothing invalid reached the upstream.
            #expect(try await gw.sims[0].stats().requests == 0)
        }
    }

    @Test("an unknown model is a 404 that lists the available models")
    func unknownModel() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "ok")], yaml: Self.healthy) { gw in
            let openAI = try await gw.post("/v1/chat/completions", chatBody(model: "gpt-9"))
            #expect(openAI.status == 404)
            let message = try Self.openAIError(openAI)["message"]?.stringValue ?? ""
            #expect(message.contains("gpt-9"))
            #expect(message.contains("chat"))

            let anthropic = try await gw.post("/v1/messages", messagesBody(model: "claude-9"))
            #expect(anthropic.status == 404)
            let anthropicMessage = try Self.anthropicError(anthropic)["message"]?.stringValue ?? ""
            #expect(anthropicMessage.contains("claude-9"))
            #expect(anthropicMessage.contains("chat"))
        }
    }

    @Test("a body over the configured limit is a 413")
    func bodyTooLarge() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "ok")], yaml: Self.healthy) { gw in
            let long = String(repeating: "lorem ipsum ", count: 400)
            let openAI = try await gw.post("/v1/chat/completions", chatBody(model: "chat", content: long))
            #expect(openAI.status == 413)
            _ = try Self.openAIError(openAI)
            let anthropic = try await gw.post("/v1/messages", messagesBody(model: "chat", content: long))
            #expect(anthropic.status == 413)
            _ = try Self.anthropicError(anthropic)
            // Just under the limit is served.
            let fits = try await gw.post("/v1/chat/completions", chatBody(model: "chat", content: String(long.prefix(1500))))
            #expect(fits.status == 200)
            #expect(try await gw.sims[0].stats().requests == 1)
        }
    }

    @Test("every deployment rate limited is a 429 with retry-after")
    func allRateLimited() async throws {
        let limited = FaultProfile(errorRates: [429: 1], retryAfterSeconds: 7)
        let sims = [gatewaySimOptions(name: "a", faults: limited), gatewaySimOptions(name: "b", faults: limited)]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0) }) { gw in
            let first = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(first.status == 429)
            #expect(try Self.openAIError(first)["type"]?.stringValue == "rate_limit_error")
            let retryAfter = try #require(first.headers.first(name: "retry-after").flatMap(Int.init))
            #expect((1...7).contains(retryAfter))
            #expect(try await gw.sims[0].stats().requests == 1)
            #expect(try await gw.sims[1].stats().requests == 1)

            // Both are cooling down now: the next request is refused without calling them.
            let second = try await gw.post("/v1/messages", messagesBody(model: "chat"))
            #expect(second.status == 429)
            _ = try Self.anthropicError(second)
            #expect(second.headers.first(name: "retry-after").flatMap(Int.init) != nil)
            #expect(try await gw.sims[0].stats().requests == 1)
        }
    }

    @Test("upstream server errors everywhere are a 502")
    func allServerErrors() async throws {
        let failing = FaultProfile(errorRates: [500: 1])
        let sims = [gatewaySimOptions(name: "a", faults: failing), gatewaySimOptions(name: "b", faults: failing)]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0) }) { gw in
            let openAI = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(openAI.status == 502)
            _ = try Self.openAIError(openAI)
            let anthropic = try await gw.post("/v1/messages", messagesBody(model: "chat"))
            #expect(anthropic.status == 502)
            _ = try Self.anthropicError(anthropic)
        }
    }

    @Test("answers that break after their headers are a 502, not 'unreachable'")
    func brokenAnswersAre502() async throws {
        // One provider cuts its JSON short, the other sends JSON that does not parse.
        let sims = [gatewaySimOptions(name: "cut", faults: FaultProfile(streamCutProbability: 1)),
                    gatewaySimOptions(name: "garbled", faults: FaultProfile(malformedProbability: 1))]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0) }) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 502)
            _ = try Self.openAIError(response)
            let id = try #require(response.headers.first(name: "x-request-id"))
            let record = try #require(await gw.awaitRecord(id))
            #expect(record.attempts.allSatisfy { $0.errorClass == .server })
            #expect(try await gw.sims[0].stats().cut >= 1)
            #expect(try await gw.sims[1].stats().malformed >= 1)
        }
    }

    @Test("an answer cut short is an upstream failure (502), not an unreachable upstream (503)")
    func cutAnswerIs502() async throws {
        let sims = [gatewaySimOptions(name: "cut", faults: FaultProfile(streamCutProbability: 1))]
        try await withGateway(sims: sims, yaml: { GatewayYAML.single($0[0]) }) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 502)
            _ = try Self.openAIError(response)
        }
    }

    @Test("every upstream unreachable is a 503")
    func allUnreachable() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let port = refusing.port
        try await withGateway(sims: [gatewaySimOptions(name: "unused")], yaml: { _ in
            GatewayYAML.single("http://127.0.0.1:\(port)")
        }) { gw in
            let (response, elapsed) = try await timed { try await gw.post("/v1/chat/completions", chatBody(model: "chat")) }
            #expect(response.status == 503)
            _ = try Self.openAIError(response)
            // Refused at once: no waiting out the connect timeout.
            #expect(elapsed < 3)
        }
    }

    @Test("an upstream 400 is passed through without retry or fallback")
    func nonRetryablePassedThrough() async throws {
        let rejecting = FaultProfile(errorRates: [400: 1])
        let sims = [gatewaySimOptions(name: "strict", faults: rejecting), gatewaySimOptions(name: "backup")]
        try await withGateway(sims: sims, yaml: { GatewayYAML.primaryAndBackup($0) }) { gw in
            let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(response.status == 400)
            let message = try Self.openAIError(response)["message"]?.stringValue ?? ""
            #expect(message.contains("Simulated 400"))
            #expect(try await gw.sims[0].stats().requests == 1)
            #expect(try await gw.sims[1].stats().requests == 0)
            let anthropic = try await gw.post("/v1/messages", messagesBody(model: "chat"))
            #expect(anthropic.status == 400)
            _ = try Self.anthropicError(anthropic)
            #expect(try await gw.sims[0].stats().requests == 2)
            #expect(try await gw.sims[1].stats().requests == 0)
        }
    }

    @Test("every response carries x-request-id, the client's when it sent one")
    func requestIDs() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "ok")], yaml: Self.healthy) { gw in
            let mine = [("x-request-id", "client-id-42")]
            let answers: [(String, SimulatorTestResponse)] = [
                ("json", try await gw.post("/v1/chat/completions", chatBody(model: "chat"), headers: mine)),
                ("messages", try await gw.post("/v1/messages", messagesBody(model: "chat"), headers: mine)),
                ("400", try await gw.post("/v1/chat/completions", "{", headers: mine)),
                ("404", try await gw.post("/v1/messages", messagesBody(model: "nope"), headers: mine)),
                ("413", try await gw.post("/v1/chat/completions", chatBody(model: "chat", content: String(repeating: "x", count: 4000)), headers: mine)),
                ("models", try await gw.send(.GET, "/v1/models", headers: mine)),
            ]
            for (name, answer) in answers {
                #expect(answer.headers.first(name: "x-request-id") == "client-id-42", "\(name) (\(answer.status))")
            }
            let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true), headers: mine)
            #expect(stream.headers.first(name: "x-request-id") == "client-id-42")

            // Without one, each response gets its own.
            let a = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            let b = try await gw.post("/v1/chat/completions", "{")
            let idA = try #require(a.headers.first(name: "x-request-id"))
            let idB = try #require(b.headers.first(name: "x-request-id"))
            #expect(!idA.isEmpty)
            #expect(idA != idB)
            // The engine's record is filed under the id the client sees.
            #expect(try await gw.awaitRecord(idA)?.status == 200)
        }
    }
}

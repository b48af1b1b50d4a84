import Foundation
import SwitchyardConfig
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardJSON
import SwitchyardSim
import SwitchyardSimServer
import SwitchyardWire
import Testing

/// Provider kind `gemini`: Google's Gemini API at `/v1beta/models/{model}:generateContent` (and
/// `:streamGenerateContent?alt=sse`), keyed by `x-goog-api-key`, answering OpenAI, Anthropic and Responses
/// clients; checked against a simulator that answers Google's routes and records what it was sent.
@Suite struct GeminiProviderTests {
    static func yaml(_ base: String, path: String = "", model: String = "gemini-2.0-flash") -> String {
        """
        listen: 127.0.0.1:0
        providers:
          - { name: google, kind: gemini, base_url: "\(base)\(path)", api_key_env: GEMINI_KEY }
        models:
          - { name: chat, deployments: [{ provider: google, model: \(model), price: { input: 0.1, output: 0.4 } }] }
        """
    }

    static let keyed: SimulatorOptions = {
        var options = gatewaySimOptions(name: "google")
        options.apiKey = "g-secret-123"
        return options
    }()

    static let environment = ["GEMINI_KEY": "g-secret-123"]

    static func sent(_ gw: GatewayHarness) throws -> (path: String, body: JSONValue, headers: [String: String]) {
        let request = try #require(gw.sims[0].server.recentRequests.last)
        return (request.path, try #require(JSONValue(parsing: request.body)), request.headers)
    }

    @Test func chatCallsGoToGenerateContentWithGooglesKeyHeader() async throws {
        try await withGateway(sims: [Self.keyed], yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            let chat = try await gw.post("/v1/chat/completions", #"""
                {"model":"chat","max_tokens":50,"temperature":0.2,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello"}]}
                """#)
            #expect(chat.status == 200, "\(chat.text)")
            let sent = try Self.sent(gw)
            #expect(sent.path == "/v1beta/models/gemini-2.0-flash:generateContent")
            #expect(sent.headers["x-goog-api-key"] == "g-secret-123")
            #expect(sent.headers["authorization"] == nil)
            #expect(sent.body["systemInstruction"]?["parts"]?.arrayValue?.first?["text"] == "Be brief.")
            #expect(sent.body["generationConfig"]?["maxOutputTokens"] == 50)
            #expect(sent.body["model"] == nil)

            let completion = try chat.decode(ChatCompletionResponse.self)
            #expect(completion.model == "gemini-2.0-flash")
            #expect(completion.choices.first?.message.textContent.isEmpty == false)
            let usage = try #require(completion.usage)
            #expect(usage.promptTokens > 0 && usage.completionTokens > 0)
            let id = try #require(chat.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.inputTokens == usage.promptTokens && record.outputTokens == usage.completionTokens)
            #expect(record.cost > 0)
        }
    }

    @Test func streamsReadGooglesChunksIntoChatChunks() async throws {
        try await withGateway(sims: [Self.keyed], yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            let stream = try await gw.stream("/v1/chat/completions", chatBody(
                model: "chat", stream: true, content: "Tell me a story", extra: #","stream_options":{"include_usage":true}"#))
            #expect(stream.status == 200)
            #expect(stream.failure == nil)
            #expect(try Self.sent(gw).path == "/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse")
            #expect(stream.events.last?.isDone == true)
            let chunks = try stream.events.dropLast().map { try WireCoding.decode(ChatCompletionChunk.self, from: $0.data) }
            #expect(chunks.first?.choices.first?.delta.role == .assistant)
            let text = chunks.compactMap { $0.choices.first?.delta.content }.joined()
            #expect(!text.isEmpty)
            #expect(chunks.contains { $0.choices.first?.finishReason != nil })
            let usage = try #require(chunks.last?.usage)
            #expect(usage.completionTokens == text.split(whereSeparator: \.isWhitespace).count)
            let id = try #require(stream.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.outputTokens == usage.completionTokens && record.inputTokens == usage.promptTokens)

            // Without include_usage the client gets no usage chunk; the ledger still has the count.
            let plain = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
            #expect(plain.events.dropLast().allSatisfy { !$0.data.contains("\"usage\"") })
        }
    }

    @Test func anthropicClientsAreAnsweredInMessagesJSONAndEvents() async throws {
        try await withGateway(sims: [Self.keyed], yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            let message = try await gw.post("/v1/messages", messagesBody(model: "chat"))
            #expect(message.status == 200, "\(message.text)")
            let decoded = try message.decode(MessagesResponse.self)
            #expect(decoded.content.first?.text?.isEmpty == false)
            #expect(decoded.usage.outputTokens > 0)

            let stream = try await gw.stream("/v1/messages", messagesBody(model: "chat", stream: true))
            #expect(stream.failure == nil)
            let names = stream.events.compactMap(\.event)
            #expect(names.first == "message_start")
            #expect(names.suffix(2) == ["message_delta", "message_stop"])
            #expect(names.contains("content_block_delta"))
        }
    }

    @Test func toolCallsGoOutAsFunctionDeclarationsAndComeBackAsToolCalls() async throws {
        try await withGateway(sims: [Self.keyed], yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            let tools = #""tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]"#
            let first = try await gw.post("/v1/chat/completions", #"""
                {"model":"chat","messages":[{"role":"user","content":"Weather in Oslo?"}],\#(tools),"tool_choice":"required"}
                """#)
            #expect(first.status == 200, "\(first.text)")
            var sent = try Self.sent(gw)
            #expect(sent.body["tools"]?.arrayValue?.first?["functionDeclarations"]?.arrayValue?.first?["name"] == "get_weather")
            #expect(sent.body["toolConfig"]?["functionCallingConfig"]?["mode"] == "ANY")
            let completion = try first.decode(ChatCompletionResponse.self)
            #expect(completion.choices.first?.finishReason == .toolCalls)
            let call = try #require(completion.choices.first?.message.toolCalls?.first)
            #expect(call.function.name == "get_weather")
            #expect(JSONValue(parsing: call.function.arguments)?["city"] != nil)
            #expect(call.id.hasPrefix("call_"))

            let second = try await gw.post("/v1/chat/completions", #"""
                {"model":"chat",\#(tools),"messages":[{"role":"user","content":"Weather in Oslo?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"\#(call.id)","type":"function","function":{"name":"get_weather","arguments":\#(JSONValue.string(call.function.arguments).jsonString())}}]},
                 {"role":"tool","tool_call_id":"\#(call.id)","content":"4C and clear"}]}
                """#)
            #expect(second.status == 200, "\(second.text)")
            #expect(try second.decode(ChatCompletionResponse.self).choices.first?.message.textContent.isEmpty == false)
            sent = try Self.sent(gw)
            let turns = try #require(sent.body["contents"]?.arrayValue)
            #expect(turns.map { $0["role"] } == ["user", "model", "user"])
            let functionCall = try #require(turns[1]["parts"]?.arrayValue?.first)
            #expect(functionCall["functionCall"]?["name"] == "get_weather")
            #expect(functionCall["thoughtSignature"] == "skip_thought_signature_validator")
            let response = try #require(turns[2]["parts"]?.arrayValue?.first?["functionResponse"])
            #expect(response["name"] == "get_weather")
            #expect(response["id"] == .string(call.id))
            #expect(response["response"] == ["output": "4C and clear"])

            // Streamed, the call arrives as one tool call chunk.
            let stream = try await gw.stream("/v1/chat/completions", #"""
                {"model":"chat","stream":true,"messages":[{"role":"user","content":"Weather in Rome?"}],\#(tools)}
                """#)
            let chunks = try stream.events.dropLast().map { try WireCoding.decode(ChatCompletionChunk.self, from: $0.data) }
            let calls = chunks.flatMap { $0.choices.first?.delta.toolCalls ?? [] }
            #expect(calls.count == 1)
            #expect(calls.first?.function?.name == "get_weather")
            #expect(chunks.last?.choices.first?.finishReason == .toolCalls)
        }
    }

    @Test func responsesClientsAreServedToo() async throws {
        try await withGateway(sims: [Self.keyed], yaml: { Self.yaml($0[0]) }, environment: Self.environment) { gw in
            let response = try await gw.post("/v1/responses", #"{"model":"chat","input":"Say hello"}"#)
            #expect(response.status == 200, "\(response.text)")
            let body = try WireCoding.parse(Data(response.body.readableBytesView))
            #expect(body["status"] == "completed")
            let stream = try await gw.stream("/v1/responses", #"{"model":"chat","input":"Say hello","stream":true}"#)
            #expect(stream.events.last?.event == "response.completed")
            let embeddings = try await gw.post("/v1/embeddings", #"{"model":"chat","input":"hello"}"#)
            #expect(embeddings.status == 400)
            #expect(embeddings.text.contains("Gemini"))
        }
    }

    @Test func aBaseURLNamingTheVersionKeepsItAndModelsAreNotPrefixedTwice() async throws {
        try await withGateway(sims: [Self.keyed], yaml: { Self.yaml($0[0], path: "/v1", model: "models/gemini-2.5-pro") },
                              environment: Self.environment) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(chat.status == 200, "\(chat.text)")
            #expect(try Self.sent(gw).path == "/v1/models/gemini-2.5-pro:generateContent")
        }
    }

    @Test func aWrongKeyIsACredentialFailureThatOpensTheBreaker() async throws {
        try await withGateway(sims: [Self.keyed], yaml: { Self.yaml($0[0]) }, environment: ["GEMINI_KEY": "wrong"]) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(chat.status == 502, "\(chat.text)")
            #expect(chat.text.contains("rejected the gateway's credentials"), "\(chat.text)")
            #expect(!chat.text.contains("wrong"))
            #expect(gw.engine.breakerState(of: "chat/google") == .open)
            let id = try #require(chat.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.attempts.first?.message.contains("API_KEY_INVALID") == true, "\(record.attempts)")
            #expect(record.attempts.first?.errorClass == .credential)
        }
    }

    @Test func aMissingKeyIsACredentialFailureToo() async throws {
        try await withGateway(sims: [Self.keyed], yaml: { Self.yaml($0[0]) }) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(chat.status == 502, "\(chat.text)")
            #expect(gw.engine.breakerState(of: "chat/google") == .open)
        }
    }

    static func fallbackYAML(_ bases: [String]) -> String {
        """
        listen: 127.0.0.1:0
        providers:
          - { name: google, kind: gemini, base_url: "\(bases[0])" }
          - { name: backup, kind: openai-compatible, base_url: "\(bases[1])/v1" }
        models:
          - name: chat
            strategy: priority
            deployments:
              - { provider: google, model: gemini-2.0-flash, priority: 0 }
              - { provider: backup, model: gpt-4o, priority: 1 }
        """
    }

    @Test(arguments: [(429, ErrorClass.rateLimited), (503, .server), (500, .server), (504, .timeout)])
    func googlesErrorsAreRetriedElsewhere(status: Int, errorClass: ErrorClass) async throws {
        let failing = gatewaySimOptions(name: "google", faults: FaultProfile(errorRates: [status: 1], retryAfterSeconds: 0))
        var engine = EngineConfig()
        engine.maxRetriesPerDeployment = 0
        try await withGateway(sims: [failing, gatewaySimOptions(name: "backup")], yaml: Self.fallbackYAML,
                              engineConfig: engine) { gw in
            let chat = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
            #expect(chat.status == 200, "\(chat.text)")
            #expect(chat.headers.first(name: "x-switchyard-deployment") == "chat/backup")
            let id = try #require(chat.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.attempts.count == 2)
            #expect(record.attempts.first?.errorClass == errorClass, "\(record.attempts)")
            #expect(record.attempts.first?.status == status)
        }
    }

    @Test func aStreamErrorEventIsAFailureBeforeContent() async throws {
        // Classified like the status Google's error event carries.
        let failure = GeminiUpstream.streamFailure(GeminiErrorBody(code: 0, message: "busy", status: "UNAVAILABLE"))
        #expect(failure.status == 503 && failure.errorClass == .server)
        let timeout = GeminiUpstream.streamFailure(GeminiErrorBody(code: 504, message: "slow", status: "DEADLINE_EXCEEDED"))
        #expect(timeout.errorClass == .timeout)
        let invalid = GeminiUpstream.streamFailure(GeminiErrorBody(code: 400, message: "bad"))
        #expect(invalid.errorClass == .server)
    }

    @Test func theKindNeedsNoBaseURLAndPricesComeFromTheCatalog() throws {
        let yaml = """
            providers:
              - { name: google, kind: gemini, api_key_env: GEMINI_API_KEY }
            models:
              - { name: flash, deployments: [{ provider: google, model: gemini-2.5-flash }] }
            """
        let config = try ConfigLoader.parse(yaml: yaml, file: "gw.yaml").config
        let provider = try #require(config.providers.first?.spec)
        #expect(provider.kind == .gemini)
        #expect(provider.effectiveBaseURL == "https://generativelanguage.googleapis.com")
        #expect(config.unpricedDeployments.isEmpty)
    }
}

import Foundation
import SwitchyardCore
@testable import SwitchyardGateway
import SwitchyardGovernance
import SwitchyardJSON
import SwitchyardSim
import SwitchyardStore
import SwitchyardWire
import Testing

/// Google's `generateContent` and `streamGenerateContent?alt=sse` served as a chat completion by every kind of
/// deployment (OpenAI-compatible, Anthropic and Gemini), answered in Gemini's shape, with Google's errors, and
/// governed, ledgered and recorded like every other operation.
@Suite("Gateway Gemini API")
struct GatewayGeminiTests {
    static let kinds = ["openai-compatible", "anthropic", "gemini"]

    static func yaml(_ kind: String) -> @Sendable ([String]) -> String {
        { bases in
            let model = switch kind {
            case "anthropic": "claude-sonnet-4-5"
            case "gemini": "gemini-2.0-flash"
            default: "gpt-4o"
            }
            let base = kind == "openai-compatible" ? bases[0] + "/v1" : bases[0]
            return """
                listen: 127.0.0.1:0
                providers:
                  - { name: only, kind: \(kind), base_url: "\(base)" }
                models:
                  - { name: chat, deployments: [{ provider: only, model: \(model), price: { input: 1, output: 2 } }] }
                """
        }
    }

    static let generate = "/v1beta/models/chat:generateContent"
    static let streamPath = "/v1beta/models/chat:streamGenerateContent?alt=sse"
    static let weatherTool = #"""
        "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Current weather for a city",
          "parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}]}]
        """#

    static func json(_ response: SimulatorTestResponse) throws -> JSONValue {
        try WireCoding.parse(Data(response.body.readableBytesView))
    }

    @Test("a JSON answer has candidates, usage that the ledger agrees with, a version and an id", arguments: kinds)
    func json(kind: String) async throws {
        try await withGateway(sims: [gatewaySimOptions(name: kind)], yaml: Self.yaml(kind)) { gw in
            let response = try await gw.post(Self.generate, #"""
                {"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":"Say hello"}]}],
                 "generationConfig":{"maxOutputTokens":100,"temperature":0.5},
                 "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]}
                """#)
            #expect(response.status == 200, "\(response.text)")
            let answer = try response.decode(GeminiGenerateContentResponse.self)
            let candidate = try #require(answer.first)
            #expect(candidate.content?.role == "model")
            #expect(candidate.content?.text.isEmpty == false)
            #expect(candidate.finishReason == "STOP" || candidate.finishReason == "MAX_TOKENS")
            let usage = try #require(answer.usageMetadata)
            #expect(usage.promptTokenCount > 0 && (usage.candidatesTokenCount ?? 0) > 0)
            #expect(usage.totalTokenCount == usage.promptTokenCount + (usage.candidatesTokenCount ?? 0))
            #expect(answer.modelVersion?.isEmpty == false)
            #expect(answer.responseID?.isEmpty == false)

            let id = try #require(response.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.status == 200)
            #expect(record.servedBy == "chat/only")
            #expect(record.inputTokens == usage.promptTokenCount)
            #expect(record.outputTokens == usage.candidatesTokenCount)
            #expect(record.cost > 0)

            // Newer google-genai releases call the same method under /v1.
            let v1 = try await gw.post("/v1/models/chat:generateContent", #"{"contents":[{"parts":[{"text":"Hi"}]}]}"#)
            #expect(v1.status == 200, "\(v1.text)")
        }
    }

    @Test("a stream is data events of chunks, the last with the finish reason and the usage", arguments: kinds)
    func stream(kind: String) async throws {
        try await withGateway(sims: [gatewaySimOptions(name: kind)], yaml: Self.yaml(kind)) { gw in
            let stream = try await gw.stream(Self.streamPath, #"{"contents":[{"parts":[{"text":"Tell me a story"}]}]}"#)
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "content-type") == "text/event-stream")
            #expect(stream.failure == nil)
            #expect(stream.events.count >= 2)
            #expect(stream.events.allSatisfy { $0.event == nil && !$0.isDone })
            let chunks = try stream.events.map { try WireCoding.decode(GeminiGenerateContentResponse.self, from: $0.data) }
            #expect(chunks.dropLast().allSatisfy { $0.first?.finishReason == nil && $0.usageMetadata == nil })
            let last = try #require(chunks.last)
            #expect(last.first?.finishReason != nil)
            let usage = try #require(last.usageMetadata)
            let text = chunks.compactMap { $0.first?.content?.text }.joined()
            #expect(!text.isEmpty)

            let id = try #require(stream.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.status == 200)
            #expect(record.stream)
            #expect(record.inputTokens == usage.promptTokenCount)
            #expect(record.outputTokens == usage.candidatesTokenCount)
        }
    }

    @Test("a function call comes back whole; its response answers in the next request", arguments: kinds)
    func functionCalling(kind: String) async throws {
        try await withGateway(sims: [gatewaySimOptions(name: kind)], yaml: Self.yaml(kind)) { gw in
            let first = try await gw.post(Self.generate, #"""
                {"contents":[{"role":"user","parts":[{"text":"What is the weather in Paris?"}]}],\#(Self.weatherTool)}
                """#)
            #expect(first.status == 200, "\(first.text)")
            let answer = try first.decode(GeminiGenerateContentResponse.self)
            let call = try #require(answer.first?.content?.parts.compactMap(\.functionCall).first)
            #expect(call.name == "get_weather")
            #expect(call.args?["city"]?.stringValue?.isEmpty == false)
            #expect(answer.first?.finishReason == "STOP")
            let args = try #require(call.args).jsonString()

            let second = try await gw.post(Self.generate, #"""
                {"contents":[{"role":"user","parts":[{"text":"What is the weather in Paris?"}]},
                  {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":\#(args)}}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"18C and sunny"}}}]}],
                 \#(Self.weatherTool)}
                """#)
            #expect(second.status == 200, "\(second.text)")
            let text = try second.decode(GeminiGenerateContentResponse.self).first?.content?.text ?? ""
            #expect(!text.isEmpty)

            // Streamed, the call arrives whole in the closing chunk.
            let stream = try await gw.stream(Self.streamPath, #"""
                {"contents":[{"role":"user","parts":[{"text":"Weather in Rome?"}]}],\#(Self.weatherTool),
                 "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}}}
                """#)
            let chunks = try stream.events.map { try WireCoding.decode(GeminiGenerateContentResponse.self, from: $0.data) }
            let calls = chunks.flatMap { $0.first?.content?.parts.compactMap(\.functionCall) ?? [] }
            #expect(calls.map(\.name) == ["get_weather"])
            #expect(calls.first?.args?["city"] != nil)
            #expect(chunks.last?.first?.content?.parts.first?.functionCall != nil)
        }
    }

    @Test func structuredOutputAsksTheUpstreamForJSON() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml("openai-compatible")) { gw in
            let response = try await gw.post(Self.generate, #"""
                {"contents":[{"parts":[{"text":"A city"}]}],"generationConfig":{"responseMimeType":"application/json",
                 "responseSchema":{"type":"OBJECT","properties":{"name":{"type":"STRING"},"population":{"type":"INTEGER"}},"required":["name","population"]}}}
                """#)
            #expect(response.status == 200, "\(response.text)")
            let text = try #require(try response.decode(GeminiGenerateContentResponse.self).first?.content?.text)
            let city = try #require(JSONValue(parsing: text))
            #expect(city["name"]?.stringValue != nil && city["population"]?.intValue != nil)
            let sent = try #require(gw.sims[0].server.recentRequests.last)
            let format = try #require(JSONValue(parsing: sent.body)?["response_format"])
            #expect(format["type"] == "json_schema")
            #expect(format["json_schema"]?["schema"]?["properties"]?["population"]?["type"] == "integer")
        }
    }

    @Test func errorsAreGooglesShapeAndStatus() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml("openai-compatible")) { gw in
            func expectError(_ response: SimulatorTestResponse, _ code: Int, _ status: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
                #expect(response.status == code, "\(response.text)", sourceLocation: sourceLocation)
                let error = try response.decode(GeminiErrorBody.self).error
                #expect(error.code == code && error.status == status, "\(response.text)", sourceLocation: sourceLocation)
                #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
            }
            let body = #"{"contents":[{"parts":[{"text":"Hi"}]}]}"#
            try expectError(try await gw.post("/v1beta/models/nope:generateContent", body), 404, "NOT_FOUND")
            try expectError(try await gw.post(Self.generate, "{"), 400, "INVALID_ARGUMENT")
            try expectError(try await gw.post(Self.generate, #"{"contents":[]}"#), 400, "INVALID_ARGUMENT")
            let search = try await gw.post(Self.generate, #"{"contents":[{"parts":[{"text":"x"}]}],"tools":[{"googleSearch":{}}]}"#)
            try expectError(search, 400, "INVALID_ARGUMENT")
            #expect(search.text.contains("tools[0].googleSearch"))
            try expectError(try await gw.post(Self.generate, #"{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"candidateCount":3}}"#),
                            400, "INVALID_ARGUMENT")
            try expectError(try await gw.post("/v1beta/models/chat:streamGenerateContent", body), 400, "INVALID_ARGUMENT")
            try expectError(try await gw.post("/v1beta/models/chat:countTokens", body), 404, "NOT_FOUND")
            try expectError(try await gw.send(.GET, Self.generate), 405, "UNIMPLEMENTED")
            try expectError(try await gw.send(.GET, "/v1beta/nothing"), 404, "NOT_FOUND")
            #expect(try await gw.sims[0].stats().requests == 0)
        }
    }

    @Test func aStreamThatBreaksEndsWithGooglesErrorEvent() async throws {
        let sim = gatewaySimOptions(name: "only", faults: FaultProfile(streamCutProbability: 1), median: 60)
        try await withGateway(sims: [sim], yaml: Self.yaml("openai-compatible")) { gw in
            let stream = try await gw.stream(Self.streamPath, #"{"contents":[{"parts":[{"text":"Tell me a story"}]}]}"#)
            #expect(stream.status == 200)
            let events = jsonEvents(stream)
            #expect(events.count >= 2)
            let error = try #require(events.last?["error"])
            #expect(error["code"] == 500)
            #expect(error["status"] == "INTERNAL")
            #expect(events.dropLast().allSatisfy { $0["candidates"] != nil })
        }
    }

    @Test func modelsAreListedInGooglesShape() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml("openai-compatible")) { gw in
            let list = try await gw.send(.GET, "/v1beta/models")
            #expect(list.status == 200)
            let models = try list.decode(GeminiModelList.self).models
            #expect(models.map(\.name) == ["models/chat"])
            #expect(models.first?.supportedGenerationMethods.contains("generateContent") == true)
            let one = try await gw.send(.GET, "/v1beta/models/chat").decode(GeminiModel.self)
            #expect(one.name == "models/chat")
            let missing = try await gw.send(.GET, "/v1beta/models/nope")
            #expect(missing.status == 404)
            #expect(try missing.decode(GeminiErrorBody.self).error.status == "NOT_FOUND")
            // /v1/models is Google's for a caller with a Google key, OpenAI's otherwise.
            let google = try await gw.send(.GET, "/v1/models", headers: [("x-goog-api-key", "k")])
            #expect(try google.decode(GeminiModelList.self).models.count == 1)
            let openAI = try await gw.send(.GET, "/v1/models")
            #expect(try Self.json(openAI)["object"] == "list")
            let googleOne = try await gw.send(.GET, "/v1/models/chat?key=k")
            #expect(try googleOne.decode(GeminiModel.self).name == "models/chat")
        }
    }

    static func governedYAML(_ bases: [String]) -> String {
        """
        listen: 127.0.0.1:0
        governance: { auth: keys, default_max_tokens: 100 }
        providers:
          - { name: only, kind: openai-compatible, base_url: "\(bases[0])/v1" }
        models:
          - name: chat
            deployments: [{ provider: only, model: gpt-4o, price: { input: 2.5, output: 10 } }]
          - name: other
            deployments: [{ provider: only, model: gpt-4o-mini, price: { input: 0.15, output: 0.6 } }]
        """
    }

    @Test func keysPermissionsBudgetsAndTheLedgerApply() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.governedYAML, governed: true) { gw in
            let governance = try #require(gw.governance)
            let secret = try GatewayGovernanceTests.addKey(governance, name: "gemini-app", models: ["chat"])
            let body = #"{"contents":[{"parts":[{"text":"Hi"}]}],"generationConfig":{"maxOutputTokens":20}}"#

            let missing = try await gw.post(Self.generate, body)
            #expect(missing.status == 401)
            #expect(try missing.decode(GeminiErrorBody.self).error.status == "UNAUTHENTICATED")
            let wrong = try await gw.post(Self.generate, body, headers: [("x-goog-api-key", "sk-sy-nope")])
            #expect(wrong.status == 401)

            let header = try await gw.post(Self.generate, body, headers: [("x-goog-api-key", secret)])
            #expect(header.status == 200, "\(header.text)")
            let id = try #require(header.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.key == "gemini-app")
            let query = try await gw.post(Self.generate + "?key=\(secret)", body)
            #expect(query.status == 200, "\(query.text)")

            let forbidden = try await gw.post("/v1beta/models/other:generateContent", body, headers: [("x-goog-api-key", secret)])
            #expect(forbidden.status == 403)
            #expect(try forbidden.decode(GeminiErrorBody.self).error.status == "PERMISSION_DENIED")

            // A stream is in the ledger by the time its closing chunk arrives.
            let stream = try await gw.stream(Self.streamPath, body, headers: [("x-goog-api-key", secret)])
            #expect(stream.failure == nil)
            #expect(try WireCoding.decode(GeminiGenerateContentResponse.self, from: try #require(stream.events.last).data)
                .usageMetadata != nil)
            let scope = SpendQuery(scope: .key("gemini-app"), since: 0)
            let spent = try await governance.database.spent([scope])
            #expect((spent[scope] ?? 0) > 0, "ledger: \(spent)")

            try governance.governor.setBudget(BudgetSpec(scope: .key("gemini-app"), limit: 0.000001, period: .total))
            let broke = try await gw.post(Self.generate, body, headers: [("x-goog-api-key", secret)])
            #expect(broke.status == 429, "\(broke.text)")
            let error = try broke.decode(GeminiErrorBody.self).error
            #expect(error.status == "RESOURCE_EXHAUSTED")
            #expect(error.reason == "BUDGET_EXCEEDED")
        }
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardJSON
import SwitchyardSim
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

/// The simulator's Gemini routes answer in Google's wire format: JSON, SSE chunks, function calls, usage,
/// errors, and the key in `x-goog-api-key`.
@Suite struct SimulatorGeminiTests {
    static func post(
        _ sim: SimulatorClient, _ path: String, _ body: String, headers: [(String, String)] = []
    ) async throws -> SimulatorTestResponse {
        var request = sim.request(.POST, path, body: body)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return SimulatorTestResponse(status: Int(response.status.code), headers: response.headers,
                                     body: try await response.body.collect(upTo: 1 << 20))
    }

    static func json(_ response: SimulatorTestResponse) throws -> JSONValue {
        try WireCoding.parse(Data(response.body.readableBytesView))
    }

    @Test func aJSONAnswerHasCandidatesUsageAndAVersion() async throws {
        try await withSimulator(testOptions()) { sim in
            let response = try await sim.post(
                "/v1beta/models/gemini-2.0-flash:generateContent",
                #"{"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":"Say hello"}]}]}"#)
            #expect(response.status == 200)
            let answer = try response.decode(GeminiGenerateContentResponse.self)
            let candidate = try #require(answer.first)
            #expect(candidate.content?.role == "model")
            #expect(candidate.finishReason == "STOP" || candidate.finishReason == "MAX_TOKENS")
            let text = try #require(candidate.content?.parts.first?.text)
            #expect(!text.isEmpty)
            let usage = try #require(answer.usageMetadata)
            #expect(usage.promptTokenCount > 0)
            #expect(usage.candidatesTokenCount == text.split(whereSeparator: \.isWhitespace).count)
            #expect(usage.totalTokenCount == usage.promptTokenCount + (usage.candidatesTokenCount ?? 0))
            #expect(answer.modelVersion == "gemini-2.0-flash")
            #expect(answer.responseID?.isEmpty == false)
            // The same under /v1, where newer SDKs send it.
            let v1 = try await sim.post("/v1/models/gemini-2.0-flash:generateContent", #"{"contents":[{"parts":[{"text":"Hi"}]}]}"#)
            #expect(v1.status == 200)
        }
    }

    @Test func aStreamIsDataEventsWithTheFinishReasonAndUsageLast() async throws {
        try await withSimulator(testOptions()) { sim in
            let stream = try await sim.stream(
                "/v1beta/models/g:streamGenerateContent?alt=sse", #"{"contents":[{"parts":[{"text":"Tell me a story"}]}]}"#)
            #expect(stream.status == 200)
            #expect(stream.events.count > 2)
            #expect(stream.events.allSatisfy { $0.event == nil })
            let chunks = try stream.events.map { try WireCoding.decode(GeminiGenerateContentResponse.self, from: $0.data) }
            #expect(chunks.dropLast().allSatisfy { $0.first?.finishReason == nil })
            #expect(chunks.allSatisfy { $0.usageMetadata?.promptTokenCount ?? 0 > 0 })
            let last = try #require(chunks.last)
            #expect(last.first?.finishReason != nil)
            let text = chunks.compactMap { $0.first?.content?.text }.joined()
            #expect(last.usageMetadata?.candidatesTokenCount == text.split(whereSeparator: \.isWhitespace).count)
        }
    }

    @Test func aFunctionIsCalledWholeWithArgumentsFillingItsSchema() async throws {
        try await withSimulator(testOptions()) { sim in
            let tools = #""tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}]}]"#
            let answer = try await sim.post(
                "/v1beta/models/g:generateContent", #"{"contents":[{"parts":[{"text":"Weather in Oslo?"}]}],\#(tools)}"#
            ).decode(GeminiGenerateContentResponse.self)
            let call = try #require(answer.first?.content?.parts.first?.functionCall)
            #expect(call.name == "get_weather")
            #expect(call.args?["city"]?.stringValue?.isEmpty == false)
            #expect(answer.first?.finishReason == "STOP")

            // After the function's response, the model answers in text.
            let after = try await sim.post("/v1beta/models/g:generateContent", #"""
                {"contents":[{"parts":[{"text":"Weather in Oslo?"}]},{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Oslo"}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"4C"}}}]}],\#(tools)}
                """#).decode(GeminiGenerateContentResponse.self)
            #expect(after.first?.content?.parts.first?.text != nil)

            let streamed = try await sim.stream(
                "/v1beta/models/g:streamGenerateContent?alt=sse", #"{"contents":[{"parts":[{"text":"Weather?"}]}],\#(tools)}"#)
            #expect(streamed.events.count == 1)
            let chunk = try WireCoding.decode(GeminiGenerateContentResponse.self, from: try #require(streamed.events.first).data)
            #expect(chunk.first?.content?.parts.first?.functionCall?.name == "get_weather")
            #expect(chunk.first?.finishReason == "STOP")
        }
    }

    @Test func theKeyIsCheckedInGooglesHeaderAndQuery() async throws {
        var options = testOptions()
        options.apiKey = "g-key-123"
        try await withSimulator(options) { sim in
            let body = #"{"contents":[{"parts":[{"text":"hi"}]}]}"#
            let missing = try await Self.post(sim, "/v1beta/models/g:generateContent", body)
            #expect(missing.status == 403)
            #expect(try Self.json(missing)["error"]?["status"] == "PERMISSION_DENIED")
            let wrong = try await Self.post(sim, "/v1beta/models/g:generateContent", body, headers: [("x-goog-api-key", "nope")])
            #expect(wrong.status == 400)
            let error = try wrong.decode(GeminiErrorBody.self)
            #expect(error.error.status == "INVALID_ARGUMENT")
            #expect(error.error.reason == "API_KEY_INVALID")
            // OpenAI's header is not Google's.
            let bearer = try await Self.post(sim, "/v1beta/models/g:generateContent", body, headers: [("authorization", "Bearer g-key-123")])
            #expect(bearer.status == 403)
            let right = try await Self.post(sim, "/v1beta/models/g:generateContent", body, headers: [("x-goog-api-key", "g-key-123")])
            #expect(right.status == 200)
            let query = try await Self.post(sim, "/v1beta/models/g:generateContent?key=g-key-123", body)
            #expect(query.status == 200)
        }
    }

    @Test func faultsAndBadRequestsAreGooglesErrors() async throws {
        try await withSimulator(testOptions()) { sim in
            let empty = try await sim.post("/v1beta/models/g:generateContent", #"{"contents":[]}"#)
            #expect(empty.status == 400)
            #expect(try Self.json(empty)["error"]?["status"] == "INVALID_ARGUMENT")
            let unknown = try await sim.post("/v1beta/models/g:embedContent", #"{}"#)
            #expect(unknown.status == 404)
            #expect(try Self.json(unknown)["error"]?["status"] == "NOT_FOUND")
            let noSSE = try await sim.post("/v1beta/models/g:streamGenerateContent", #"{"contents":[{"parts":[{"text":"x"}]}]}"#)
            #expect(noSSE.status == 400)

            try await sim.setFaults(#"{"error_rates":{"429":1},"retry_after":3}"#)
            let limited = try await sim.post("/v1beta/models/g:generateContent", #"{"contents":[{"parts":[{"text":"x"}]}]}"#)
            #expect(limited.status == 429)
            let body = try limited.decode(GeminiErrorBody.self)
            #expect(body.error.status == "RESOURCE_EXHAUSTED")
            #expect(body.error.retryDelay == 3)

            try await sim.setFaults(#"{"error_rates":{"503":1}}"#)
            let unavailable = try await sim.post("/v1beta/models/g:generateContent", #"{"contents":[{"parts":[{"text":"x"}]}]}"#)
            #expect(unavailable.status == 503)
            #expect(try Self.json(unavailable)["error"]?["status"] == "UNAVAILABLE")
        }
    }

    @Test func modelsAreListedInGooglesShape() async throws {
        try await withSimulator(testOptions()) { sim in
            let list = try await sim.send(.GET, "/v1beta/models")
            #expect(list.status == 200)
            let models = try list.decode(GeminiModelList.self)
            #expect(models.models.allSatisfy { $0.name.hasPrefix("models/") })
            let one = try await sim.send(.GET, "/v1beta/models/gemini-x").decode(GeminiModel.self)
            #expect(one.name == "models/gemini-x")
        }
    }
}

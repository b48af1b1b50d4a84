import Foundation
import SwitchyardJSON
import SwitchyardSim
@testable import SwitchyardSimServer
import Testing

/// The simulator's `POST /v1/responses`: a `response` object or its events, function calls, JSON answers for a
/// `text.format` schema, usage, and its faults.
@Suite struct SimulatorResponsesTests {
    @Test("a function tool is called, with arguments filling its schema, and usage is reported")
    func functionCall() async throws {
        try await withSimulator(testOptions()) { sim in
            let body = #"""
            {"model":"gpt-sim","input":"Weather in Paris?","tools":[{"type":"function","name":"get_weather",
             "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}
            """#
            let answer = try await sim.post("/v1/responses", body)
            #expect(answer.status == 200, "\(answer.text)")
            let response = try WireCoding.parse(Data(answer.text.utf8))
            #expect(response["object"] == "response")
            let call = try #require(response["output"]?.arrayValue?.first)
            #expect(call["type"] == "function_call" && call["name"] == "get_weather")
            let arguments = try #require(call["arguments"]?.stringValue.flatMap(JSONValue.init(parsing:)))
            #expect(arguments["city"]?.stringValue != nil)
            #expect((response["usage"]?["output_tokens"]?.intValue ?? 0) > 0)
        }
    }

    @Test("a json_schema text format is answered with JSON filling the schema, streamed with the full event sequence")
    func structuredStream() async throws {
        var options = testOptions()
        options.jsonMode = true
        try await withSimulator(options) { sim in
            let body = #"""
            {"model":"gpt-sim","input":"A city","stream":true,"text":{"format":{"type":"json_schema","name":"city",
             "schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}}
            """#
            let stream = try await sim.stream("/v1/responses", body)
            #expect(stream.status == 200)
            let types = stream.events.compactMap(\.event)
            #expect(types.first == "response.created")
            #expect(types.last == "response.completed")
            #expect(types.contains("response.output_text.done"))
            let completed = try WireCoding.parse(Data(try #require(stream.events.last).data.utf8))
            let text = try #require(completed["response"]?["output"]?.arrayValue?.first?["content"]?.arrayValue?
                .first?["text"]?.stringValue)
            #expect(JSONValue(parsing: text)?["name"]?.stringValue != nil, "\(text)")
            #expect((completed["response"]?["usage"]?["input_tokens"]?.intValue ?? 0) > 0)
        }
    }

    @Test("faults apply: an error status in OpenAI's shape, a cut stream ending with response.failed")
    func faults() async throws {
        try await withSimulator(testOptions(faults: FaultProfile(errorRates: [503: 1]))) { sim in
            let answer = try await sim.post("/v1/responses", #"{"model":"gpt-sim","input":"hi"}"#)
            #expect(answer.status == 503)
            #expect(try WireCoding.parse(Data(answer.text.utf8))["error"]?["message"] != nil)
        }
        try await withSimulator(testOptions(faults: FaultProfile(streamCutProbability: 1))) { sim in
            let stream = try await sim.stream("/v1/responses", #"{"model":"gpt-sim","input":"hi","stream":true}"#)
            #expect(stream.events.last?.event == "response.failed")
            #expect(!stream.events.contains { $0.event == "response.completed" })
        }
    }

    @Test("nothing is stored: a previous_response_id is not found, an empty input refused")
    func refusals() async throws {
        try await withSimulator(testOptions()) { sim in
            let chained = try await sim.post("/v1/responses", #"{"model":"m","input":"hi","previous_response_id":"resp_1"}"#)
            #expect(chained.status == 400)
            #expect(try await sim.post("/v1/responses", #"{"model":"m","input":[]}"#).status == 400)
        }
    }
}

import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardSim
import SwitchyardWire
import Testing

/// `POST /v1/responses` served as a chat completion by either kind of deployment, answered in the Responses
/// shape, JSON and streamed.
@Suite("Gateway Responses API")
struct GatewayResponsesTests {
    static let kinds = ["openai-compatible", "anthropic"]

    static func yaml(_ kind: String) -> @Sendable ([String]) -> String {
        { GatewayYAML.single($0[0], kind: kind, model: kind == "anthropic" ? "claude-sonnet-4-5" : "gpt-4o") }
    }

    static let weatherTool = #"""
        {"type":"function","name":"get_weather","description":"Current weather for a city",
         "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}
        """#

    static func json(_ response: SimulatorTestResponse) throws -> JSONValue {
        try WireCoding.parse(Data(response.body.readableBytesView))
    }

    @Test("a JSON answer is a completed response with a message item and usage", arguments: kinds)
    func json(kind: String) async throws {
        try await withGateway(sims: [gatewaySimOptions(name: kind)], yaml: Self.yaml(kind)) { gw in
            let response = try await gw.post("/v1/responses", #"{"model":"chat","instructions":"Be brief.","input":"Say hello"}"#)
            #expect(response.status == 200)
            let body = try Self.json(response)
            #expect(body["object"] == "response")
            #expect(body["id"]?.stringValue?.hasPrefix("resp_") == true)
            #expect(body["status"] == "completed")
            #expect(body["instructions"] == "Be brief.")
            let message = try #require(body["output"]?.arrayValue?.first)
            #expect(message["type"] == "message")
            #expect(message["role"] == "assistant")
            let part = try #require(message["content"]?.arrayValue?.first)
            #expect(part["type"] == "output_text")
            #expect(part["annotations"] == [])
            #expect(part["text"]?.stringValue?.isEmpty == false)
            let usage = try #require(body["usage"])
            let input = try #require(usage["input_tokens"]?.intValue)
            let output = try #require(usage["output_tokens"]?.intValue)
            #expect(input > 0 && output > 0)
            #expect(usage["total_tokens"]?.intValue == input + output)
            #expect(usage["input_tokens_details"]?["cached_tokens"] != nil)
            #expect(usage["output_tokens_details"]?["reasoning_tokens"] != nil)

            // The engine served, ledgered and recorded it like a chat request.
            let id = try #require(response.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.status == 200)
            #expect(record.outputTokens == output)
            #expect(record.servedBy == "chat/only")
        }
    }

    @Test("a stream is the SDK's event sequence, numbered, ending in response.completed", arguments: kinds)
    func stream(kind: String) async throws {
        try await withGateway(sims: [gatewaySimOptions(name: kind)], yaml: Self.yaml(kind)) { gw in
            let stream = try await gw.stream("/v1/responses", #"{"model":"chat","input":"Tell me a story","stream":true}"#)
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "content-type") == "text/event-stream")
            #expect(stream.failure == nil)
            let events = jsonEvents(stream)
            #expect(events.count == stream.events.count)
            let types = events.compactMap { $0["type"]?.stringValue }
            #expect(stream.events.map(\.event) == types.map(Optional.some))
            #expect(events.compactMap { $0["sequence_number"]?.intValue } == Array(0..<events.count))
            #expect(Array(types.prefix(4)) == [
                "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            ])
            #expect(Array(types.suffix(4)) == [
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed",
            ])
            let deltas = events.filter { $0["type"] == "response.output_text.delta" }
                .compactMap { $0["delta"]?.stringValue }.joined()
            #expect(!deltas.isEmpty)
            #expect(events.first { $0["type"] == "response.output_text.done" }?["text"]?.stringValue == deltas)
            let completed = try #require(events.last?["response"])
            #expect(completed["status"] == "completed")
            #expect(completed["output"]?.arrayValue?.first?["content"]?.arrayValue?.first?["text"]?.stringValue == deltas)
            let output = try #require(completed["usage"]?["output_tokens"]?.intValue)
            #expect(output > 0)

            let id = try #require(stream.headers.first(name: "x-request-id"))
            let record = try #require(try await gw.awaitRecord(id))
            #expect(record.status == 200)
            #expect(record.stream)
            #expect(record.outputTokens == output)
        }
    }

    @Test("a tool call comes back as a function_call item; its output answers in a second request", arguments: kinds)
    func tools(kind: String) async throws {
        try await withGateway(sims: [gatewaySimOptions(name: kind)], yaml: Self.yaml(kind)) { gw in
            let first = try await gw.post("/v1/responses", #"""
                {"model":"chat","input":"What is the weather in Paris?","tools":[\#(Self.weatherTool)]}
                """#)
            #expect(first.status == 200)
            let call = try #require(try Self.json(first)["output"]?.arrayValue?.first { $0["type"] == "function_call" })
            #expect(call["name"] == "get_weather")
            #expect(call["status"] == "completed")
            let callID = try #require(call["call_id"]?.stringValue)
            let arguments = try #require(call["arguments"]?.stringValue)
            #expect(JSONValue(parsing: arguments)?["city"] != nil)

            let second = try await gw.post("/v1/responses", #"""
                {"model":"chat","tools":[\#(Self.weatherTool)],"input":[
                  {"role":"user","content":"What is the weather in Paris?"},
                  {"type":"function_call","call_id":"\#(callID)","name":"get_weather","arguments":\#(JSONValue.string(arguments).jsonString())},
                  {"type":"function_call_output","call_id":"\#(callID)","output":"18C and sunny"}]}
                """#)
            #expect(second.status == 200)
            let output = try Self.json(second)["output"]?.arrayValue ?? []
            #expect(output.first?["type"] == "message")

            let stream = try await gw.stream("/v1/responses", #"""
                {"model":"chat","input":"What is the weather in Paris?","tools":[\#(Self.weatherTool)],"stream":true}
                """#)
            let events = jsonEvents(stream)
            let types = events.compactMap { $0["type"]?.stringValue }
            #expect(types.contains("response.function_call_arguments.delta"))
            let done = try #require(events.first { $0["type"] == "response.function_call_arguments.done" })
            #expect(done["name"] == "get_weather")
            let item = try #require(events.last { $0["type"] == "response.output_item.done" }?["item"])
            #expect(item["type"] == "function_call")
            #expect(item["arguments"] == done["arguments"])
            #expect(types.last == "response.completed")
        }
    }

    @Test("the trace names the endpoint; the stream's write span covers the re-shaped frames")
    func traced() async throws {
        try await withTracedGateway(sims: [gatewaySimOptions(name: "sim")], yaml: Self.yaml("anthropic")) { gw in
            let stream = try await gw.stream("/v1/responses", #"{"model":"chat","input":"hi","stream":true}"#,
                                             headers: [("x-request-id", "responses-traced")])
            let tracer = try #require(gw.engine.tracer)
            let trace = try #require(try await eventually(seconds: 5) { () -> RequestTrace? in
                guard let trace = try await tracer.trace(id: "responses-traced"),
                      trace.spans.contains(where: { $0.name == .write }) else { return nil }
                return trace
            })
            let parse = try #require(trace.spans.first { $0.name == .parse })
            #expect(parse[attribute: "endpoint"] == "/v1/responses")
            #expect(parse[attribute: "wire.format"] == "openai")
            let write = try #require(trace.spans.first { $0.name == .write })
            #expect(write.status == .ok)
            #expect(write[attribute: "frames"] == String(stream.events.count))
            #expect(trace.record.status == 200)
        }
    }

    @Test("an answer cut by max_output_tokens is incomplete, JSON and streamed")
    func incomplete() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "sim", median: 60)], yaml: Self.yaml("openai-compatible")) { gw in
            let response = try await gw.post("/v1/responses", #"{"model":"chat","input":"Tell me a story","max_output_tokens":3}"#)
            let body = try Self.json(response)
            #expect(body["status"] == "incomplete")
            #expect(body["incomplete_details"] == ["reason": "max_output_tokens"])
            #expect(body["max_output_tokens"] == 3)

            let stream = try await gw.stream(
                "/v1/responses", #"{"model":"chat","input":"Tell me a story","max_output_tokens":3,"stream":true}"#)
            let last = try #require(jsonEvents(stream).last)
            #expect(last["type"] == "response.incomplete")
            #expect(last["response"]?["incomplete_details"] == ["reason": "max_output_tokens"])
        }
    }

    @Test("structured output: text.format json_schema reaches the upstream as response_format")
    func structuredOutput() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "sim")], yaml: Self.yaml("openai-compatible")) { gw in
            let response = try await gw.post("/v1/responses", #"""
                {"model":"chat","input":"A city, please","text":{"format":{"type":"json_schema","name":"city","strict":true,
                  "schema":{"type":"object","properties":{"name":{"type":"string"},"population":{"type":"integer"}},
                  "required":["name","population"],"additionalProperties":false}}}}
                """#)
            let body = try Self.json(response)
            let text = try #require(body["output"]?.arrayValue?.first?["content"]?.arrayValue?.first?["text"]?.stringValue)
            let object = try #require(JSONValue(parsing: text)?.objectValue)
            #expect(object["name"] != nil && object["population"] != nil)
            #expect(body["text"]?["format"]?["type"] == "json_schema")
        }
    }

    @Test("a stream cut after its first byte ends with response.failed, never a clean end")
    func cutStream() async throws {
        let sims = [gatewaySimOptions(name: "cut", faults: FaultProfile(streamCutProbability: 1), median: 80)]
        try await withGateway(sims: sims, yaml: Self.yaml("openai-compatible")) { gw in
            let stream = try await gw.stream("/v1/responses", #"{"model":"chat","input":"Tell me a long story","stream":true}"#)
            #expect(stream.status == 200)
            let events = jsonEvents(stream)
            let types = events.compactMap { $0["type"]?.stringValue }
            #expect(types.first == "response.created")
            #expect(types.contains("response.output_text.delta"))
            #expect(!types.contains("response.completed"))
            let last = try #require(events.last)
            #expect(last["type"] == "response.failed")
            #expect(last["sequence_number"]?.intValue == events.count - 1)
            #expect(last["response"]?["status"] == "failed")
            #expect(last["response"]?["error"]?["message"]?.stringValue?.isEmpty == false)
            #expect(last["error"] == nil)
        }
    }

    @Test("what needs OpenAI's own servers is refused with a 400 naming the parameter")
    func refusals() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "sim")], yaml: Self.yaml("openai-compatible")) { gw in
            let cases: [(String, String)] = [
                (#"{"model":"chat","input":"hi","previous_response_id":"resp_1"}"#, "previous_response_id"),
                (#"{"model":"chat","input":"hi","conversation":"conv_1"}"#, "conversation"),
                (#"{"model":"chat","input":"hi","background":true}"#, "background"),
                (#"{"model":"chat","input":"hi","tools":[{"type":"web_search"}]}"#, "tools[0].type"),
                (#"{"model":"chat","input":[]}"#, "input"),
                (#"{"model":"chat","input":"hi","max_output_tokens":-1}"#, "max_output_tokens"),
            ]
            for (body, param) in cases {
                let response = try await gw.post("/v1/responses", body)
                #expect(response.status == 400, "\(body)")
                let error = try #require(try Self.json(response)["error"])
                #expect(error["param"] == .string(param))
                #expect(error["type"] == "invalid_request_error")
            }
            #expect(try await gw.sims[0].stats().requests == 0)

            let malformed = try await gw.post("/v1/responses", #"{"model":"chat","input":"#)
            #expect(malformed.status == 400)
            let unknown = try await gw.post("/v1/responses", #"{"model":"nope","input":"hi"}"#)
            #expect(unknown.status == 404)
            #expect(try Self.json(unknown)["error"]?["message"]?.stringValue?.contains("chat") == true)
            let get = try await gw.send(.GET, "/v1/responses")
            #expect(get.status == 405)
        }
    }
}

import Foundation
import SwitchyardJSON
import SwitchyardWire
import Testing

/// The pure parts of passing `/v1/responses` to an upstream that has the Responses API: the request it is sent,
/// the usage and conversation read from its answer, the gateway's id put in, and its stream errors.
@Suite struct ResponsesPassThroughTests {
    static let clientBody = #"""
    {"model":"chat","input":[{"role":"user","content":"Weather?"},{"type":"item_reference","id":"msg_1"}],
     "instructions":"Be brief.","tools":[{"type":"function","name":"get_weather","strict":true,
       "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
     "text":{"format":{"type":"json_schema","name":"w","schema":{"type":"object"}},"verbosity":"low"},
     "reasoning":{"effort":"high","summary":"auto"},"include":["reasoning.encrypted_content"],
     "max_output_tokens":300,"prompt_cache_key":"k1","store":true,"previous_response_id":"resp_gateway",
     "metadata":{"team":"a"},"stream":true}
    """#

    @Test("the upstream gets the client's request with its own model, store false and no previous_response_id")
    func upstreamRequest() throws {
        let request = try WireCoding.decode(ResponsesRequest.self, from: Data(Self.clientBody.utf8))
        let sent = ResponsesPassThrough.upstreamRequest(request, upstreamModel: "gpt-5-mini", streaming: true)
        let written = try WireCoding.parse(WireCoding.encode(sent))
        let original = try WireCoding.parse(Data(Self.clientBody.utf8))
        #expect(written["model"] == "gpt-5-mini")
        #expect(written["store"] == .bool(false))
        #expect(written["previous_response_id"] == nil)
        #expect(written["stream"] == .bool(true))
        // Everything else as sent, members the gateway does not model included; an easy input message gets its
        // explicit type, other items go verbatim.
        let items = try #require(written["input"]?.arrayValue)
        #expect(items[0] == ["type": "message", "role": "user", "content": "Weather?"])
        #expect(items[1] == original["input"]?.arrayValue?[1])
        for member in ["instructions", "tools", "text", "reasoning", "include", "max_output_tokens",
                       "prompt_cache_key", "metadata"] {
            #expect(written[member] == original[member], "\(member)")
        }
        let unstreamed = ResponsesPassThrough.upstreamRequest(request, upstreamModel: "m", streaming: false)
        #expect(try WireCoding.parse(WireCoding.encode(unstreamed))["stream"] == nil)
    }

    @Test("what the engine changes in the chat form it changes in the native request: a clamp, the task metadata")
    func engineAdjustments() {
        let request = ResponsesRequest(model: "auto", input: .text("hi"), maxOutputTokens: 5000,
                                       metadata: ["task": "code", "ticket": "T-1"])
        #expect(request.cappingOutputTokens(at: 300).maxOutputTokens == 300)
        #expect(request.cappingOutputTokens(at: 9000).maxOutputTokens == 5000)
        #expect(ResponsesRequest(model: "m", input: .text("hi")).cappingOutputTokens(at: 300).maxOutputTokens == 300)
        #expect(request.withoutTaskMetadata.metadata == ["ticket": "T-1"])
        let onlyTask = ResponsesRequest(model: "auto", input: .text("hi"), metadata: ["task": "code"])
        #expect(onlyTask.withoutTaskMetadata.metadata == nil)
    }

    static let answered: JSONValue = [
        "id": "resp_upstream", "object": "response", "status": "completed", "model": "gpt-5-mini",
        "output": [
            ["type": "reasoning", "id": "rs_1", "summary": []],
            ["type": "reasoning", "id": "rs_2", "summary": [], "encrypted_content": "gAAA"],
            ["type": "message", "id": "msg_9", "status": "completed", "role": "assistant",
             "content": [["type": "output_text", "text": "Sunny.", "annotations": []]]],
            ["type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather",
             "arguments": #"{"city":"Paris"}"#, "status": "completed"],
        ],
        "usage": ["input_tokens": 120, "input_tokens_details": ["cached_tokens": 100], "output_tokens": 45,
                  "output_tokens_details": ["reasoning_tokens": 30], "total_tokens": 165],
    ]

    @Test("usage is read with its cached and reasoning tokens; none without usage")
    func usage() {
        let usage = ResponsesPassThrough.usage(of: Self.answered)
        #expect(usage == ResponsesUsage(inputTokens: 120, cachedTokens: 100, outputTokens: 45, reasoningTokens: 30))
        #expect(ResponsesPassThrough.usage(of: ["id": "resp_1"]) == nil)
        let hostile: JSONValue = ["usage": ["input_tokens": -5, "output_tokens": 3]]
        #expect(ResponsesPassThrough.usage(of: hostile)?.inputTokens == 0)
    }

    @Test("the gateway's id, store and previous_response_id are put in the response and events carrying it only")
    func restored() {
        var request = ResponsesRequest(model: "chat", input: .text("hi"), store: true, previousResponseID: "resp_prev")
        let response = ResponsesPassThrough.restored(Self.answered, for: request, id: "resp_mine")
        #expect(response["id"] == "resp_mine")
        #expect(response["store"] == .bool(true))
        #expect(response["previous_response_id"] == "resp_prev")
        #expect(response["output"] == Self.answered["output"])
        request.store = false
        request.previousResponseID = nil
        let unkept = ResponsesPassThrough.restored(Self.answered, for: request, id: nil)
        #expect(unkept["id"] == "resp_upstream")
        #expect(unkept["store"] == .bool(false))
        #expect(unkept["previous_response_id"] == .null)
        let event: JSONValue = ["type": "response.created", "sequence_number": 0, "response": Self.answered]
        #expect(ResponsesPassThrough.restoredEvent(event, for: request, id: "resp_mine")["response"]?["id"] == "resp_mine")
        let delta: JSONValue = ["type": "response.output_text.delta", "item_id": "msg_9", "delta": "Hi"]
        #expect(ResponsesPassThrough.restoredEvent(delta, for: request, id: "resp_mine") == delta)
        let id = ResponsesPassThrough.newResponseID()
        #expect(id.hasPrefix("resp_") && id.count == 29 && id != ResponsesPassThrough.newResponseID())
    }

    @Test("the conversation is the input, then the output as items; reasoning without encrypted content is left out")
    func conversation() throws {
        let request = ResponsesRequest(model: "chat", input: .text("Weather?"))
        let items = ResponsesPassThrough.conversation(request: request, response: Self.answered)
        #expect(items.count == 4)
        #expect(items[0] == .message(role: .user, content: .text("Weather?")))
        guard case .other("reasoning", let reasoning) = items[1] else {
            Issue.record("expected the encrypted reasoning item, got \(items[1])")
            return
        }
        #expect(reasoning["id"] == "rs_2")
        guard case .message(.assistant, .parts(let parts)) = items[2] else {
            Issue.record("expected the assistant message, got \(items[2])")
            return
        }
        #expect(parts == [.text("Sunny.", type: "output_text")])
        #expect(items[3] == .functionCall(callID: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#))
    }

    @Test("error and response.failed events report their code and message; other events none")
    func streamErrors() {
        let error: JSONValue = ["type": "error", "code": "rate_limit_exceeded", "message": "slow down"]
        #expect(ResponsesPassThrough.streamError(error)?.code == "rate_limit_exceeded")
        #expect(ResponsesPassThrough.streamError(error)?.message == "slow down")
        let failed: JSONValue = [
            "type": "response.failed",
            "response": ["id": "resp_1", "status": "failed", "error": ["code": "server_error", "message": "boom"]],
        ]
        #expect(ResponsesPassThrough.streamError(failed)?.message == "boom")
        #expect(ResponsesPassThrough.streamError(["type": "response.output_text.delta", "delta": "x"]) == nil)
        #expect(ResponsesPassThrough.carriesContent("response.output_text.delta"))
        #expect(!ResponsesPassThrough.carriesContent("response.created"))
    }

    @Test("a broken stream ends with response.failed repeating the last response, or a bare error without one")
    func failedEvent() {
        let snapshot: JSONValue = ["id": "resp_1", "object": "response", "status": "in_progress", "output": []]
        let failed = ResponsesPassThrough.failedEvent(snapshot: snapshot, message: "cut", sequenceNumber: 7)
        #expect(failed["type"] == "response.failed")
        #expect(failed["sequence_number"] == 7)
        #expect(failed["response"]?["id"] == "resp_1")
        #expect(failed["response"]?["status"] == "failed")
        #expect(failed["response"]?["error"]?["message"] == "cut")
        let bare = ResponsesPassThrough.failedEvent(snapshot: nil, message: "cut", sequenceNumber: 0)
        #expect(bare["type"] == "error")
        #expect(bare["message"] == "cut")
    }
}

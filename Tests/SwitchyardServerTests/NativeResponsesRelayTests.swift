import Foundation
@testable import SwitchyardGateway
import SwitchyardCore
import SwitchyardJSON
import SwitchyardStore
import SwitchyardWire
import Testing

/// Reading a natively answered Responses request: the JSON answer and its usage, the stream's events (usage,
/// content, errors), and the ingress's relay putting the gateway's id in and keeping the response.
@Suite struct NativeResponsesRelayTests {
    static func event(_ type: String, _ json: String) -> SSEEvent {
        SSEEvent(event: type, data: json)
    }

    static let created = #"{"type":"response.created","sequence_number":0,"response":{"id":"resp_up","object":"response","status":"in_progress","output":[]}}"#
    static let delta = #"{"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hello"}"#
    static let completed = #"{"type":"response.completed","sequence_number":9,"response":{"id":"resp_up","object":"response","status":"completed","output":[{"type":"message","id":"msg_1","role":"assistant","content":[{"type":"output_text","text":"Hello","annotations":[]}]}],"usage":{"input_tokens":11,"output_tokens":7,"total_tokens":18}}}"#

    @Test("a JSON answer is kept whole with its usage; a failed or malformed one is the upstream's failure")
    func json() throws {
        let answer = Data(#"{"id":"resp_up","object":"response","status":"completed","output":[],"usage":{"input_tokens":5,"output_tokens":2}}"#.utf8)
        let read = UpstreamReplyReader.readResponses(answer, estimatedInput: 99, provider: "oa")
        let success = try read.get()
        #expect(success.inputTokens == 5 && success.outputTokens == 2)
        guard case .complete(.responses(let response))? = success.body else {
            Issue.record("expected a native response, got \(String(describing: success.body))")
            return
        }
        #expect(response == (try WireCoding.parse(answer)))
        let failed = Data(#"{"id":"r","status":"failed","error":{"code":"server_error","message":"boom"},"output":[]}"#.utf8)
        #expect(throws: UpstreamFailure.self) { try UpstreamReplyReader.readResponses(failed, estimatedInput: 1, provider: "oa").get() }
        #expect(throws: UpstreamFailure.self) {
            try UpstreamReplyReader.readResponses(Data("[1]".utf8), estimatedInput: 1, provider: "oa").get()
        }
    }

    @Test("stream events pass one per frame; content is marked, usage read from response.completed")
    func streamEvents() throws {
        let meter = UsageMeter(estimatedInput: 50)
        var translator = StreamTranslator(nativeResponses: meter, estimatedInput: 50)
        let first = try translator.feed(Self.event("response.created", Self.created))
        #expect(!first.hasContent)
        #expect(first.frames == [Data("event: response.created\ndata: \(Self.created)\n\n".utf8)])
        #expect(try translator.feed(Self.event("response.output_text.delta", Self.delta)).hasContent)
        #expect(!translator.completed)
        #expect(try translator.feed(Self.event("response.completed", Self.completed)).hasContent)
        #expect(translator.completed)
        #expect(meter.value == TokenUsage(input: 11, output: 7))
        #expect(translator.finish().isEmpty)
    }

    @Test("an error event is a failure in its class: rate limits 429, everything else the server's")
    func streamErrors() {
        var translator = StreamTranslator(nativeResponses: UsageMeter(estimatedInput: 1), estimatedInput: 1)
        let limited = #"{"type":"error","code":"rate_limit_exceeded","message":"slow down","sequence_number":1}"#
        #expect(throws: UpstreamFailure(errorClass: .rateLimited, status: 429,
                                        message: "upstream rate_limit_exceeded: slow down")) {
            try translator.feed(Self.event("error", limited))
        }
        let failed = #"{"type":"response.failed","response":{"id":"r","status":"failed","error":{"code":"server_error","message":"boom"}}}"#
        #expect(throws: UpstreamFailure(errorClass: .server, message: "upstream server_error: boom")) {
            try translator.feed(Self.event("response.failed", failed))
        }
        #expect(throws: UpstreamFailure.self) { try translator.feed(Self.event("x", "not json")) }
    }

    static func frame(_ type: String, _ json: String) -> Data {
        Data(SSEEncoder.encode(event: type, data: json).utf8)
    }

    @Test("without a keeper the upstream's id stays and deltas pass unchanged; a break repeats the last response")
    func unkept() throws {
        let request = ResponsesRequest(model: "chat", input: .text("hi"), stream: true)
        var relay = NativeResponsesRelay(request: request, keeper: nil)
        let frames = [Self.frame("response.created", Self.created), Self.frame("response.output_text.delta", Self.delta)]
        let out = relay.frames(frames)
        #expect(out[1] == frames[1])
        var created = SSEParser()
        let createdEvent = try #require(created.feed(out[0]).first)
        #expect(try WireCoding.parse(Data(createdEvent.data.utf8))["response"]?["id"] == "resp_up")
        let failure = try #require(relay.failure(message: "cut").first)
        var parser = SSEParser()
        let event = try #require(parser.feed(failure).first)
        #expect(event.event == "response.failed")
        let body = try WireCoding.parse(Data(event.data.utf8))
        #expect(body["response"]?["id"] == "resp_up")
        #expect(body["response"]?["error"]?["message"] == "cut")
        #expect(body["sequence_number"] == 4)
        #expect(NativeResponsesRelay.carriesResponse(Self.frame("response.in_progress", "{}")))
        #expect(!NativeResponsesRelay.carriesResponse(Self.frame("response.output_item.added", "{}")))
    }

    @Test("with a keeper every event naming the response gets the gateway's id, and the completed one is kept")
    func kept() async throws {
        let store = StoredResponses(database: try ResponseDatabase(), retention: 3600)
        let request = ResponsesRequest(model: "chat", input: .text("hi"), stream: true)
        var relay = NativeResponsesRelay(request: request, keeper: ResponseKeeper(store: store, key: "ada"))
        let out = relay.frames([Self.frame("response.created", Self.created),
                                Self.frame("response.output_text.delta", Self.delta),
                                Self.frame("response.completed", Self.completed)])
        #expect(out[1] == Self.frame("response.output_text.delta", Self.delta))
        var parser = SSEParser()
        let ids = out.flatMap { parser.feed($0) }.compactMap { try? WireCoding.parse(Data($0.data.utf8))["response"]?["id"] }
        #expect(ids.count == 2 && ids[0] == ids[1] && ids[0] != "resp_up")
        let id = try #require(ids[0].stringValue)
        let history = try #require(try await store.history(id: id, key: "ada"))
        #expect(history == [.message(role: .user, content: .text("hi")),
                            .message(role: .assistant, content: .parts([.text("Hello", type: "output_text")]))])
        #expect(try await store.history(id: id, key: "bob") == nil)
    }
}

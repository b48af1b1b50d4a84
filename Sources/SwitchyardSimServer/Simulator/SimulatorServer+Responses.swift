import Foundation
import Hummingbird
import NIOCore
import SwitchyardJSON
import SwitchyardWire

/// OpenAI's Responses API: `POST /v1/responses`, JSON or SSE. The answer is drawn as a chat completion is (text,
/// a call to the first tool, JSON for a `text.format` JSON schema in JSON mode, usage) and written in the
/// Responses shape by the gateway's own translators, so the event sequence is the one clients get from the
/// gateway: `response.created`, `.in_progress`, `.output_item.added`, `.content_part.added`,
/// `.output_text.delta`/`.done` (or `.function_call_arguments.delta`/`.done`), `.output_item.done`,
/// `.completed`. Faults apply as on chat; a cut stream ends with `response.failed`. Nothing is stored: a
/// `previous_response_id` is not found.
extension SimulatorServer {
    /// `POST /v1/responses`.
    func responses(_ request: Request, context: SimulatorRequestContext) async -> Response {
        let ticket = stats.begin(on: context.channel)
        if let denied = unauthorized(.openAI, request) {
            ticket.answered(401)
            return denied
        }
        let body: ResponsesRequest
        switch await decodeBody(ResponsesRequest.self, from: request, context: context) {
        case .success(let decoded): body = decoded
        case .failure(let problem):
            ticket.answered(problem.status)
            return errorResponse(.openAI, status: problem.status, message: problem.message)
        }
        if case .items(let items) = body.input, items.isEmpty {
            return invalidRequest(.openAI, "Invalid 'input': empty array. Expected an array with minimum length 1.",
                                  ticket: ticket)
        }
        if let cap = body.maxOutputTokens, cap < 1 {
            return invalidRequest(.openAI, "Invalid 'max_output_tokens': integer below minimum value 1.", ticket: ticket)
        }
        if let previous = body.previousResponseID {
            return invalidRequest(.openAI, "Previous response with id '\(previous)' not found.", ticket: ticket)
        }
        return await answer(.openAI, call: drawCall(), ticket: ticket, context: context) { call in
            try Self.responsesReply(body, call: &call, coder: coder)
        }
    }

    /// A Responses answer for `request` (a `response` object or its events), drawn from `call`.
    static func responsesReply(
        _ request: ResponsesRequest, call: inout SimulatorCall, coder: SimulatorCoder
    ) throws -> SimulatorReply {
        let created = Int(Date().timeIntervalSince1970)
        let chat = ChatCompletionRequest(translating: request)
        switch try openAIReply(chat, choices: 1, call: &call, coder: coder) {
        case .json(let body, let tokens):
            let completion = try coder.decode(ChatCompletionResponse.self, from: body)
            let response = ResponsesResponse(translating: completion, request: request, createdAt: created)
            return .json(try coder.buffer(response), tokens: tokens)
        case .stream(let chunks, _):
            var translator = ChatToResponsesStream(request: request, createdAt: created)
            var parser = SSEParser()
            var frames: [SimulatorFrame] = []
            var snapshot: JSONValue?
            var count = 0
            // The events of one chat chunk stay one frame, so pacing and faults hit them as they hit the chunk.
            for chunk in chunks {
                var events: [ResponsesStreamEvent] = []
                for event in parser.feed(chunk.bytes.readableBytesView) {
                    if event.isDone {
                        events += translator.finish()
                    } else {
                        events += translator.feed(try coder.decode(ChatCompletionChunk.self, from: ByteBuffer(string: event.data)))
                    }
                }
                var bytes = ByteBuffer()
                for event in events {
                    if snapshot == nil, case .created(let response) = event.kind {
                        snapshot = try WireCoding.parse(WireCoding.encode(response))
                    }
                    bytes.writeBytes(try SSEEncoder.responses(event))
                }
                count += events.count
                frames.append(SimulatorFrame(bytes: bytes, tokens: chunk.tokens, isContent: chunk.isContent))
            }
            let failed = ResponsesPassThrough.failedEvent(
                snapshot: snapshot, message: "The simulated stream broke before its end.", sequenceNumber: count)
            let breaking = SSEEncoder.encode(event: failed["type"]?.stringValue, data: failed.jsonString())
            return .stream(frames, breaksWith: ByteBuffer(string: breaking))
        }
    }
}

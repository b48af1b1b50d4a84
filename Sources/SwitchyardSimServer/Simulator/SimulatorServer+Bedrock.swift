import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchyardJSON
import SwitchyardWire

/// Bedrock Runtime's Converse routes: `POST /model/{modelId}/converse` answers Converse JSON,
/// `…/converse-stream` an event stream with real framing and checksums. With `--api-key` set, calls must be
/// SigV4-signed with that key as the secret access key (any access key id, region and session token).
extension SimulatorServer {
    func registerBedrockRoutes(on router: Router<SimulatorRequestContext>) {
        router.post("/model/:modelId/converse") { request, context in
            await self.converse(request, context: context, streaming: false)
        }
        router.post("/model/:modelId/converse-stream") { request, context in
            await self.converse(request, context: context, streaming: true)
        }
    }

    func converse(_ request: Request, context: SimulatorRequestContext, streaming: Bool) async -> Response {
        let ticket = stats.begin(on: context.channel)
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            ticket.answered(413)
            return bedrockError(status: 413, message: "Request body too large.")
        }
        requestLog.record(request, body: buffer)
        if let denied = unsigned(request, body: buffer) {
            ticket.answered(403)
            return denied
        }
        let body: ConverseRequest
        do {
            body = try coder.decode(ConverseRequest.self, from: buffer)
        } catch let error as DecodingError {
            return invalidRequest(.bedrock, Self.describe(error), ticket: ticket)
        } catch {
            return invalidRequest(.bedrock, "Malformed input request: \(error)", ticket: ticket)
        }
        if body.messages.isEmpty {
            return invalidRequest(.bedrock, "A conversation must start with a user message.", ticket: ticket)
        }
        if let cap = body.inferenceConfig?.maxTokens, cap < 1 {
            return invalidRequest(.bedrock, "The maximum tokens you requested must be at least 1.", ticket: ticket)
        }
        let encoded = context.parameters.get("modelId") ?? ""
        let model = encoded.removingPercentEncoding ?? encoded
        let messages = MessagesRequest(translating: body, model: model, stream: streaming)
        return await answer(.bedrock, call: drawCall(), ticket: ticket, context: context) { call in
            try Self.converseReply(messages, call: &call, coder: coder)
        }
    }

    /// A Converse answer for `request` (JSON, or event-stream frames), drawn from `call` like an Anthropic one.
    static func converseReply(
        _ request: MessagesRequest, call: inout SimulatorCall, coder: SimulatorCoder
    ) throws -> SimulatorReply {
        let inputTokens = max(1, TokenEstimate.inputTokens(request))
        let output: SimulatedOutput
        if let tool = chosenTool(request) {
            output = .toolCall(name: tool.name, schema: tool.inputSchema, id: SimulatorIDs.toolUse(using: &call.rng),
                               call: &call)
        } else {
            output = .text(call: &call, cap: request.maxTokens, stops: request.stopSequences ?? [])
        }
        let outputTokens = output.completionTokens
        let stopReason: String = switch output {
        case .text(_, .natural): "end_turn"
        case .text(_, .length): "max_tokens"
        case .text(_, .stopSequence): "stop_sequence"
        case .toolCall: "tool_use"
        }
        let usage = ConverseUsage(inputTokens: inputTokens, outputTokens: outputTokens)
        let latency = Int(min(max(0, call.totalSeconds(tokens: outputTokens) * 1000), 1e9))

        guard request.isStreaming else {
            let block: ConverseContentBlock = switch output {
            case .text(let pieces, _): .text(pieces.joined())
            case .toolCall(let tool): .toolUse(ConverseToolUse(toolUseID: tool.id, name: tool.name, input: tool.input))
            }
            let response = ConverseResponse(
                message: ConverseMessage(role: "assistant", content: [block]), stopReason: stopReason, usage: usage,
                latencyMs: latency)
            return .json(try coder.buffer(response), tokens: outputTokens)
        }

        func event(_ type: String, _ payload: JSONValue) -> ByteBuffer {
            ByteBuffer(bytes: EventStreamEncoder.event(type, payload: Array(payload.jsonString().utf8)))
        }
        var frames: [SimulatorFrame] = [.control(event("messageStart", ["role": "assistant"]))]
        switch output {
        case .text(let pieces, _):
            for piece in SimulatorChunking.chunks(pieces) {
                frames.append(.content(event("contentBlockDelta", [
                    "contentBlockIndex": 0, "delta": ["text": .string(piece.text)],
                ]), tokens: piece.tokens))
            }
        case .toolCall(let tool):
            frames.append(.control(event("contentBlockStart", [
                "contentBlockIndex": 0, "start": ["toolUse": ["toolUseId": .string(tool.id), "name": .string(tool.name)]],
            ])))
            for fragment in tool.argumentFragments {
                frames.append(.content(event("contentBlockDelta", [
                    "contentBlockIndex": 0, "delta": ["toolUse": ["input": .string(fragment)]],
                ]), tokens: TokenEstimate.tokens(fragment)))
            }
        }
        frames.append(.control(event("contentBlockStop", ["contentBlockIndex": 0])))
        frames.append(.control(event("messageStop", ["stopReason": .string(stopReason)])))
        let usageJSON: JSONValue = [
            "inputTokens": .int(inputTokens), "outputTokens": .int(outputTokens),
            "totalTokens": .int(inputTokens + outputTokens),
        ]
        frames.append(.control(event("metadata", ["usage": usageJSON, "metrics": ["latencyMs": .int(latency)]])))
        // A cut stream ends as Bedrock ends a broken one: with an exception message in the event stream.
        let broken = EventStreamEncoder.exception(
            "modelStreamErrorException", message: "The model stream broke before its end (simulated).")
        return .stream(frames, breaksWith: ByteBuffer(bytes: broken))
    }

    /// Bedrock's error shape: `{"message":…}` with the exception's name in `x-amzn-ErrorType`.
    func bedrockError(status: Int, message: String, headers: HTTPFields = HTTPFields()) -> Response {
        var headers = headers
        if let name = HTTPField.Name("x-amzn-ErrorType") { headers[name] = Self.bedrockErrorType(status: status) }
        let body = JSONValue.object(["message": .string(message)]).jsonString()
        return jsonResponse(ByteBuffer(string: body), status: status, headers: headers)
    }

    static func bedrockErrorType(status: Int) -> String {
        switch status {
        case 400, 413: "ValidationException"
        case 403: "AccessDeniedException"
        case 404: "ResourceNotFoundException"
        case 408: "ModelTimeoutException"
        case 424: "ModelErrorException"
        case 429: "ThrottlingException"
        case 503, 529: "ServiceUnavailableException"
        default: "InternalServerException"
        }
    }

    /// A 403 in Bedrock's words when a key is configured and the call's SigV4 signature is missing or wrong.
    private func unsigned(_ request: Request, body: ByteBuffer) -> Response? {
        guard let secret = options.apiKey else { return nil }
        let check = SimulatorSignatureCheck(
            authorization: header(request, "authorization"), date: header(request, "x-amz-date"),
            token: header(request, "x-amz-security-token"), host: request.head.authority ?? header(request, "host"),
            path: request.uri.path, query: request.uri.query ?? "", body: Array(body.readableBytesView))
        guard let problem = check.problem(secret: secret) else { return nil }
        var headers = HTTPFields()
        if let name = HTTPField.Name("x-amzn-ErrorType") { headers[name] = problem.type }
        let text = JSONValue.object(["message": .string(problem.message)]).jsonString()
        return jsonResponse(ByteBuffer(string: text), status: 403, headers: headers)
    }

    private func header(_ request: Request, _ name: String) -> String? {
        HTTPField.Name(name).flatMap { request.headers[$0] }
    }
}

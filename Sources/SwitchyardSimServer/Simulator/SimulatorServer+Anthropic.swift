import Hummingbird
import SwitchyardWire

extension SimulatorServer {
    /// `POST /v1/messages`.
    func messages(_ request: Request, context: SimulatorRequestContext) async -> Response {
        let ticket = stats.begin(on: context.channel)
        if let denied = unauthorized(.anthropic, request) {
            ticket.answered(401)
            return denied
        }
        let body: MessagesRequest
        switch await decodeBody(MessagesRequest.self, from: request, context: context) {
        case .success(let decoded): body = decoded
        case .failure(let problem):
            ticket.answered(problem.status)
            return errorResponse(.anthropic, status: problem.status, message: problem.message)
        }
        if body.maxTokens < 1 {
            return invalidRequest(.anthropic, "max_tokens: Input should be greater than or equal to 1", ticket: ticket)
        }
        if body.messages.isEmpty {
            return invalidRequest(.anthropic, "messages: at least one message is required", ticket: ticket)
        }
        return await answer(.anthropic, call: drawCall(), ticket: ticket, context: context) { call in
            try Self.anthropicReply(body, call: &call, coder: coder)
        }
    }

    /// The tool a messages request gets a call to, if the model should call one now: not after a tool result.
    static func chosenTool(_ request: MessagesRequest) -> AnthropicTool? {
        guard let tools = request.tools, let first = tools.first else { return nil }
        switch request.toolChoice?.type {
        case "none"?: return nil
        case "tool"?: return tools.first { $0.name == request.toolChoice?.name } ?? first
        case "any"?: return first
        default:
            guard let last = request.messages.last, last.role == "user" else { return nil }
            let answersTool = last.content.blocks.contains { $0.type == "tool_result" }
            return answersTool ? nil : first
        }
    }

    /// A message for `request` (JSON or stream frames), drawn from `call`; shared with in-process upstreams.
    static func anthropicReply(
        _ request: MessagesRequest, call: inout SimulatorCall, coder: SimulatorCoder
    ) throws -> SimulatorReply {
        let id = SimulatorIDs.message(using: &call.rng)
        let inputTokens = max(1, TokenEstimate.inputTokens(request))
        let output: SimulatedOutput
        if let tool = Self.chosenTool(request) {
            let useID = SimulatorIDs.toolUse(using: &call.rng)
            output = .toolCall(name: tool.name, schema: tool.inputSchema, id: useID, call: &call)
        } else {
            output = .text(call: &call, cap: request.maxTokens, stops: request.stopSequences ?? [])
        }
        let outputTokens = output.completionTokens
        let (stopReason, stopSequence) = Self.stop(output)

        guard request.isStreaming else {
            let block: AnthropicContentBlock
            switch output {
            case .text(let pieces, _): block = .text(pieces.joined())
            case .toolCall(let tool): block = .toolUse(AnthropicToolUse(id: tool.id, name: tool.name, input: tool.input))
            }
            let response = MessagesResponse(
                id: id, content: [block], model: request.model, stopReason: stopReason, stopSequence: stopSequence,
                usage: AnthropicUsage(inputTokens: inputTokens, outputTokens: outputTokens)
            )
            return .json(try coder.buffer(response), tokens: outputTokens)
        }

        func frame(_ event: AnthropicStreamEvent) throws -> ByteBuffer {
            try coder.eventFrame(event.type, event)
        }
        let shell = MessagesResponse(
            id: id, content: [], model: request.model, stopReason: nil,
            usage: AnthropicUsage(inputTokens: inputTokens, outputTokens: 1)
        )
        var frames: [SimulatorFrame] = [.control(try frame(.messageStart(shell)))]
        switch output {
        case .text(let pieces, _):
            frames.append(.control(try frame(.contentBlockStart(index: 0, block: .text("")))))
            frames.append(.control(try frame(.ping)))
            let prefix = SimulatorJSONText.anthropicTextPrefix(index: 0)
            for piece in SimulatorChunking.chunks(pieces) {
                let bytes = SimulatorJSONText.frame(prefix, piece.text, SimulatorJSONText.anthropicTextSuffix)
                frames.append(.content(bytes, tokens: piece.tokens))
            }
        case .toolCall(let tool):
            let start = AnthropicToolUse(id: tool.id, name: tool.name, input: .object([:]))
            frames.append(.control(try frame(.contentBlockStart(index: 0, block: .toolUse(start)))))
            frames.append(.control(try frame(.ping)))
            for fragment in tool.argumentFragments {
                frames.append(.content(
                    try frame(.contentBlockDelta(index: 0, delta: .inputJSON(fragment))),
                    tokens: TokenEstimate.tokens(fragment)
                ))
            }
        }
        frames.append(.control(try frame(.contentBlockStop(index: 0))))
        let delta = AnthropicMessageDelta(
            stopReason: stopReason, stopSequence: stopSequence,
            usage: AnthropicMessageDelta.DeltaUsage(outputTokens: outputTokens)
        )
        frames.append(.control(try frame(.messageDelta(delta))))
        frames.append(.control(try frame(.messageStop)))
        return .stream(frames)
    }

    private static func stop(_ output: SimulatedOutput) -> (StopReason, String?) {
        switch output {
        case .text(_, .natural): (.endTurn, nil)
        case .text(_, .length): (.maxTokens, nil)
        case .text(_, .stopSequence(let sequence)): (.stopSequence, sequence)
        case .toolCall: (.toolUse, nil)
        }
    }
}

extension SimulatorServer {
    /// `POST /v1/messages/count_tokens`: `{"input_tokens": N}` by the simulator's own count, which, like a real
    /// tokenizer's, is not the gateway's estimate (nine tenths of it, plus three for the framing), so a test can
    /// tell a passed-through count from an estimated one. Keyed like `/v1/messages`; never faulted or paced.
    func countTokens(_ request: Request, context: SimulatorRequestContext) async -> Response {
        let ticket = stats.begin(on: context.channel)
        if let denied = unauthorized(.anthropic, request) {
            ticket.answered(401)
            return denied
        }
        switch await decodeBody(CountTokensRequest.self, from: request, context: context) {
        case .success(let body):
            ticket.answered(200)
            return jsonResponse(["input_tokens": Self.simulatedTokenCount(body)])
        case .failure(let problem):
            ticket.answered(problem.status)
            return errorResponse(.anthropic, status: problem.status, message: problem.message)
        }
    }

    /// The simulator's count of a prompt.
    public static func simulatedTokenCount(_ request: CountTokensRequest) -> Int {
        TokenEstimate.inputTokens(request.request) * 9 / 10 + 3
    }
}

import Foundation
import Hummingbird
import SwitchyardWire

extension SimulatorServer {
    /// `POST /v1/chat/completions`.
    func chatCompletions(_ request: Request, context: SimulatorRequestContext) async -> Response {
        let ticket = stats.begin(on: context.channel)
        if let denied = unauthorized(.openAI, request) {
            ticket.answered(401)
            return denied
        }
        let body: ChatCompletionRequest
        switch await decodeBody(ChatCompletionRequest.self, from: request, context: context) {
        case .success(let decoded): body = decoded
        case .failure(let problem):
            ticket.answered(problem.status)
            return errorResponse(.openAI, status: problem.status, message: problem.message)
        }
        if body.messages.isEmpty {
            return invalidRequest(.openAI, "Invalid 'messages': empty array. Expected an array with minimum length 1.", ticket: ticket)
        }
        if let cap = body.maxOutputTokens, cap < 1 {
            return invalidRequest(.openAI, "Invalid 'max_tokens': integer below minimum value 1.", ticket: ticket)
        }
        let n = body.n ?? 1
        guard (1...128).contains(n) else {
            return invalidRequest(.openAI, "Invalid 'n': must be between 1 and 128.", ticket: ticket)
        }
        return await answer(.openAI, call: drawCall(), ticket: ticket, context: context) { call in
            try Self.openAIReply(body, choices: n, call: &call, coder: coder)
        }
    }

    /// The tool a chat request gets a call to, if the model should call one now.
    static func chosenTool(_ request: ChatCompletionRequest) -> FunctionDefinition? {
        guard let tools = request.tools, let first = tools.first else { return nil }
        switch request.toolChoice {
        case .none?: return nil
        case .function(let name)?: return tools.first { $0.function.name == name }?.function ?? first.function
        case .required?: return first.function
        default: return request.messages.last?.role == .user ? first.function : nil
        }
    }

    /// A chat completion for `request` (JSON or stream frames), drawn from `call`; shared with in-process upstreams.
    static func openAIReply(
        _ request: ChatCompletionRequest, choices n: Int, call: inout SimulatorCall, coder: SimulatorCoder
    ) throws -> SimulatorReply {
        let id = SimulatorIDs.completion(using: &call.rng)
        let created = Int(Date().timeIntervalSince1970)
        let promptTokens = max(1, TokenEstimate.inputTokens(request))
        let cap = request.maxOutputTokens ?? 4096
        let stops = request.stop?.values ?? []
        let tool = Self.chosenTool(request)
        var outputs: [SimulatedOutput] = []
        for _ in 0..<n {
            if let tool {
                let callID = SimulatorIDs.toolCall(using: &call.rng)
                outputs.append(.toolCall(name: tool.name, schema: tool.parameters, id: callID, call: &call))
            } else if call.jsonMode, SimulatedOutput.wantsJSON(request.responseFormat), let format = request.responseFormat {
                outputs.append(.json(format: format, call: &call))
            } else {
                outputs.append(.text(call: &call, cap: cap, stops: stops))
            }
        }
        let completionTokens = outputs.reduce(0) { $0 + $1.completionTokens }
        let usage = ChatUsage(promptTokens: promptTokens, completionTokens: completionTokens)

        guard request.isStreaming else {
            let choices = outputs.enumerated().map { index, output in
                ChatCompletionResponse.Choice(index: index, message: Self.message(output), finishReason: Self.finish(output))
            }
            let response = ChatCompletionResponse(
                id: id, created: created, model: request.model, choices: choices, usage: usage,
                systemFingerprint: Self.fingerprint
            )
            // Choices are generated in parallel: the answer is ready when the longest one is.
            return .json(try coder.buffer(response), tokens: outputs.map(\.completionTokens).max() ?? 0)
        }

        func chunk(_ choices: [ChatCompletionChunk.Choice], usage: ChatUsage? = nil) -> ChatCompletionChunk {
            ChatCompletionChunk(
                id: id, created: created, model: request.model, choices: choices, usage: usage,
                systemFingerprint: Self.fingerprint
            )
        }
        var frames: [SimulatorFrame] = []
        for (index, output) in outputs.enumerated() {
            switch output {
            case .text(let pieces, _):
                let role = ChatCompletionChunk.Delta(role: .assistant, content: "", extra: ["refusal": .null])
                frames.append(.control(try coder.dataFrame(chunk([.init(index: index, delta: role)]))))
                let prefix = SimulatorJSONText.openAIContentPrefix(id: id, created: created, model: request.model, index: index)
                for piece in SimulatorChunking.chunks(pieces) {
                    let bytes = SimulatorJSONText.frame(prefix, piece.text, SimulatorJSONText.openAIContentSuffix)
                    frames.append(.content(bytes, tokens: piece.tokens))
                }
            case .toolCall(let tool):
                let start = ChatCompletionChunk.ToolCallDelta(
                    index: 0, id: tool.id, type: "function",
                    function: ChatCompletionChunk.FunctionDelta(name: tool.name, arguments: "")
                )
                let role = ChatCompletionChunk.Delta(role: .assistant, toolCalls: [start], extra: ["refusal": .null])
                frames.append(.control(try coder.dataFrame(chunk([.init(index: index, delta: role)]))))
                for fragment in tool.argumentFragments {
                    let piece = ChatCompletionChunk.ToolCallDelta(
                        index: 0, function: ChatCompletionChunk.FunctionDelta(arguments: fragment)
                    )
                    let delta = ChatCompletionChunk.Delta(toolCalls: [piece])
                    frames.append(.content(
                        try coder.dataFrame(chunk([.init(index: index, delta: delta)])),
                        tokens: TokenEstimate.tokens(fragment)
                    ))
                }
            }
            let last = ChatCompletionChunk.Choice(index: index, delta: .init(), finishReason: Self.finish(output))
            frames.append(.control(try coder.dataFrame(chunk([last]))))
        }
        if request.includeUsage {
            frames.append(.control(try coder.dataFrame(chunk([], usage: usage))))
        }
        frames.append(.control(ByteBuffer(string: SSEEncoder.done)))
        return .stream(frames)
    }

    private static let fingerprint = "fp_sim"

    private static func message(_ output: SimulatedOutput) -> ChatMessage {
        switch output {
        case .text(let pieces, _):
            return ChatMessage(role: .assistant, content: .text(pieces.joined()), extra: ["refusal": .null])
        case .toolCall(let tool):
            let call = ChatToolCall(id: tool.id, function: FunctionCall(name: tool.name, arguments: tool.arguments))
            return ChatMessage(role: .assistant, content: nil, toolCalls: [call], extra: ["refusal": .null])
        }
    }

    private static func finish(_ output: SimulatedOutput) -> FinishReason {
        switch output {
        case .text(_, .length): .length
        case .text: .stop
        case .toolCall: .toolCalls
        }
    }
}

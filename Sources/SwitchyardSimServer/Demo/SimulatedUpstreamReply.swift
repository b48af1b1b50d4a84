import SwitchyardCore
import SwitchyardWire

/// What a simulated provider answers to a forwarded client request: the request is first put in the provider's
/// wire format (as the HTTP transport would send it), then answered by the simulator's reply builders.
enum SimulatedUpstreamReply {
    /// The provider's reply to `request` in `format`, addressed to `upstreamModel`, with content drawn from `call`.
    static func make(
        for request: ClientRequest, format: WireFormat, upstreamModel: String, call: inout SimulatorCall,
        coder: SimulatorCoder
    ) throws(UpstreamFailure) -> SimulatorReply {
        do {
            switch (request, format) {
            case (.chat(var r), .openAI):
                r.model = upstreamModel
                return try openAI(r, call: &call, coder: coder)
            case (.chat(let r), .anthropic):
                guard (r.n ?? 1) <= 1 else { throw rejected("n > 1 is not supported by Anthropic-wire deployments") }
                var m = MessagesRequest(translating: r)
                m.model = upstreamModel
                return try anthropic(m, call: &call, coder: coder)
            case (.messages(var r), .anthropic):
                r.model = upstreamModel
                return try anthropic(r, call: &call, coder: coder)
            case (.messages(let r), .openAI):
                var c = ChatCompletionRequest(translating: r)
                c.model = upstreamModel
                return try openAI(c, call: &call, coder: coder)
            case (.embeddings(var r), .openAI):
                r.model = upstreamModel
                let dimensions = r.dimensions ?? SimulatorEmbedding.defaultDimensions
                guard (1...8192).contains(dimensions) else {
                    throw rejected("Invalid 'dimensions': must be between 1 and 8192.")
                }
                return try SimulatorServer.embeddingsReply(r, dimensions: dimensions, coder: coder)
            case (.embeddings, .anthropic):
                throw rejected("embeddings are not served by Anthropic-wire providers")
            case (.embeddings, .gemini):
                throw rejected("embeddings are not served by Gemini-wire providers")
            case (.chat(let r), .gemini):
                return try gemini(r, upstreamModel: upstreamModel, call: &call)
            case (.messages(let r), .gemini):
                return try gemini(ChatCompletionRequest(translating: r), upstreamModel: upstreamModel, call: &call)
            }
        } catch let failure as UpstreamFailure {
            throw failure
        } catch {
            throw UpstreamFailure(errorClass: .server, status: 500, message: "simulated upstream could not encode its answer: \(error)")
        }
    }

    private static func openAI(
        _ request: ChatCompletionRequest, call: inout SimulatorCall, coder: SimulatorCoder
    ) throws -> SimulatorReply {
        var request = request
        if let cap = request.maxOutputTokens, cap < 1 {
            throw rejected("Invalid 'max_tokens': integer below minimum value 1.")
        }
        let n = request.n ?? 1
        guard (1...128).contains(n) else { throw rejected("Invalid 'n': must be between 1 and 128.") }
        // The gateway always asks streaming upstreams for usage, so spend is exact.
        if request.isStreaming {
            var options = request.streamOptions ?? ChatCompletionRequest.StreamOptions()
            options.includeUsage = true
            request.streamOptions = options
        }
        return try SimulatorServer.openAIReply(request, choices: n, call: &call, coder: coder)
    }

    private static func anthropic(
        _ request: MessagesRequest, call: inout SimulatorCall, coder: SimulatorCoder
    ) throws -> SimulatorReply {
        guard request.maxTokens >= 1 else { throw rejected("max_tokens: Input should be greater than or equal to 1") }
        return try SimulatorServer.anthropicReply(request, call: &call, coder: coder)
    }

    private static func gemini(
        _ request: ChatCompletionRequest, upstreamModel: String, call: inout SimulatorCall
    ) throws -> SimulatorReply {
        if let cap = request.maxOutputTokens, cap < 1 {
            throw rejected("* GenerateContentRequest.generation_config.max_output_tokens: must be positive")
        }
        return try SimulatorServer.geminiReply(
            GeminiGenerateContentRequest(translating: request), model: upstreamModel, stream: request.isStreaming,
            call: &call)
    }

    /// A 400 from the provider: the request itself is wrong, so no other deployment is tried.
    private static func rejected(_ message: String) -> UpstreamFailure {
        UpstreamFailure(errorClass: .other, status: 400, message: message)
    }
}

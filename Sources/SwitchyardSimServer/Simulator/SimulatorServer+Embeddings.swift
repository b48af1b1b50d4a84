import Hummingbird
import SwitchyardWire

extension SimulatorServer {
    /// `POST /v1/embeddings`.
    func embeddings(_ request: Request, context: SimulatorRequestContext) async -> Response {
        let ticket = stats.begin(on: context.channel)
        if let denied = unauthorized(.openAI, request) {
            ticket.answered(401)
            return denied
        }
        let body: EmbeddingsRequest
        switch await decodeBody(EmbeddingsRequest.self, from: request, context: context) {
        case .success(let decoded): body = decoded
        case .failure(let problem):
            ticket.answered(problem.status)
            return errorResponse(.openAI, status: problem.status, message: problem.message)
        }
        let dimensions = body.dimensions ?? SimulatorEmbedding.defaultDimensions
        guard (1...8192).contains(dimensions) else {
            return invalidRequest(.openAI, "Invalid 'dimensions': must be between 1 and 8192.", ticket: ticket)
        }
        guard body.input.count > 0 else {
            return invalidRequest(.openAI, "Invalid 'input': empty array.", ticket: ticket)
        }
        return await answer(.openAI, call: drawCall(), ticket: ticket, context: context) { _ in
            try Self.embeddingsReply(body, dimensions: dimensions, coder: coder)
        }
    }

    /// Embeddings for `request` at `dimensions`; shared with in-process upstreams.
    static func embeddingsReply(
        _ body: EmbeddingsRequest, dimensions: Int, coder: SimulatorCoder
    ) throws -> SimulatorReply {
        let vectors: [[Float]]
        switch body.input {
        case .string(let text): vectors = [SimulatorEmbedding.vector(for: text.utf8, dimensions: dimensions)]
        case .strings(let texts): vectors = texts.map { SimulatorEmbedding.vector(for: $0.utf8, dimensions: dimensions) }
        case .tokens(let tokens): vectors = [vector(tokens: tokens, dimensions: dimensions)]
        case .tokenArrays(let arrays): vectors = arrays.map { vector(tokens: $0, dimensions: dimensions) }
        }
        let data = vectors.enumerated().map { index, values in
            Embedding(index: index, embedding: .encoded(values, base64: body.wantsBase64))
        }
        let tokens = max(1, TokenEstimate.inputTokens(body))
        let response = EmbeddingsResponse(data: data, model: body.model, usage: .init(promptTokens: tokens))
        // Embeddings take about a first-token time; no output tokens are streamed.
        return .json(try coder.buffer(response), tokens: 0)
    }

    private static func vector(tokens: [Int], dimensions: Int) -> [Float] {
        SimulatorEmbedding.vector(for: tokens.flatMap { withUnsafeBytes(of: Int64($0).littleEndian, Array.init) }, dimensions: dimensions)
    }
}

import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// Writes the client's request in the upstream's wire format, addressed to the deployment's upstream model.
enum UpstreamBodyBuilder {
    static func body(for request: ClientRequest, format: WireFormat, upstreamModel: String) throws(UpstreamFailure) -> Data {
        do {
            switch (request, format) {
            case (.chat(var r), .openAI):
                r.model = upstreamModel
                askForUsage(&r)
                return try WireCoding.encode(r)
            case (.chat(let r), .anthropic):
                guard (r.n ?? 1) <= 1 else {
                    throw UpstreamFailure(errorClass: .other, status: 400,
                                          message: "n > 1 is not supported by Anthropic-wire deployments")
                }
                var m = MessagesRequest(translating: r)
                m.model = upstreamModel
                return try WireCoding.encode(m)
            case (.messages(var r), .anthropic):
                r.model = upstreamModel
                return try WireCoding.encode(r)
            case (.messages(let r), .openAI):
                var c = ChatCompletionRequest(translating: r)
                c.model = upstreamModel
                askForUsage(&c)
                return try WireCoding.encode(c)
            case (.embeddings(var r), .openAI):
                r.model = upstreamModel
                return try WireCoding.encode(r)
            case (.embeddings, .anthropic):
                throw UpstreamFailure(errorClass: .other, status: 400,
                                      message: "embeddings are not served by Anthropic-wire providers")
            case (_, .gemini):
                return try GeminiUpstream.body(for: request)
            }
        } catch let failure as UpstreamFailure {
            throw failure
        } catch {
            throw UpstreamFailure(errorClass: .other, status: 400, message: "cannot encode the upstream request: \(error)")
        }
    }

    /// A Responses request for an upstream serving the Responses API itself (`ResponsesPassThrough`): its usage
    /// comes in every answer, so nothing needs asking for.
    static func body(
        responses request: ResponsesRequest, upstreamModel: String, streaming: Bool
    ) throws(UpstreamFailure) -> Data {
        let sent = ResponsesPassThrough.upstreamRequest(request, upstreamModel: upstreamModel, streaming: streaming)
        do {
            return try WireCoding.encode(sent)
        } catch {
            throw UpstreamFailure(errorClass: .other, status: 400, message: "cannot encode the upstream request: \(error)")
        }
    }

    /// Streams always ask for usage, so spend is exact; the client's own choice is honoured on the way back.
    private static func askForUsage(_ r: inout ChatCompletionRequest) {
        guard r.isStreaming else { return }
        var options = r.streamOptions ?? ChatCompletionRequest.StreamOptions()
        options.includeUsage = true
        r.streamOptions = options
    }
}

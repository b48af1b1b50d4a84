import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardWire

/// Reads an upstream's complete JSON answer into the client's format, with its token usage.
package enum UpstreamReplyReader {
    package static func read(
        _ data: Data, request: ClientRequest, format: WireFormat, estimatedInput: Int, provider: String
    ) -> Result<UpstreamSuccess, UpstreamFailure> {
        let malformed = UpstreamFailure(errorClass: .server, message: "malformed response body from \(provider)")
        do {
            switch (request, format) {
            case (_, .gemini):
                return GeminiUpstream.read(data, request: request, estimatedInput: estimatedInput, provider: provider)
            case (.chat, .openAI):
                let response = try WireCoding.decode(ChatCompletionResponse.self, from: data)
                return success(.chat(response), usage: response.usage.map { TokenUsage(input: $0.promptTokens, output: $0.completionTokens) },
                               estimatedInput: estimatedInput)
            case (.chat, .anthropic):
                let message = try WireCoding.decode(MessagesResponse.self, from: data)
                let response = ChatCompletionResponse(translating: message, created: Int(Date().timeIntervalSince1970))
                return success(.chat(response), usage: TokenUsage(input: message.usage.totalInputTokens, output: message.usage.outputTokens),
                               estimatedInput: estimatedInput)
            case (.messages, .anthropic):
                let message = try WireCoding.decode(MessagesResponse.self, from: data)
                return success(.messages(message), usage: TokenUsage(input: message.usage.totalInputTokens, output: message.usage.outputTokens),
                               estimatedInput: estimatedInput)
            case (.messages, .openAI):
                let response = try WireCoding.decode(ChatCompletionResponse.self, from: data)
                let message = MessagesResponse(translating: response)
                return success(.messages(message), usage: TokenUsage(input: message.usage.inputTokens, output: message.usage.outputTokens),
                               estimatedInput: estimatedInput)
            case (.embeddings, _):
                let response = try WireCoding.decode(EmbeddingsResponse.self, from: data)
                return success(.embeddings(response), usage: TokenUsage(input: response.usage.promptTokens, output: 0),
                               estimatedInput: estimatedInput)
            }
        } catch {
            return .failure(malformed)
        }
    }

    /// A Responses API `response` from an upstream serving the API itself, kept whole, with its usage; a response
    /// that says it failed is the upstream's failure.
    package static func readResponses(
        _ data: Data, estimatedInput: Int, provider: String
    ) -> Result<UpstreamSuccess, UpstreamFailure> {
        guard let response = try? WireCoding.parse(data), response.objectValue != nil,
              response["output"]?.arrayValue != nil || response["status"]?.stringValue == "failed"
        else {
            return .failure(UpstreamFailure(errorClass: .server, message: "malformed response body from \(provider)"))
        }
        if response["status"]?.stringValue == "failed" {
            let message = response["error"]?["message"]?.stringValue ?? "the response failed"
            return .failure(UpstreamFailure(errorClass: .server, message: "upstream response failed: \(message)"))
        }
        let usage = ResponsesPassThrough.usage(of: response).map { TokenUsage(input: $0.inputTokens, output: $0.outputTokens) }
        return success(.responses(response), usage: usage, estimatedInput: estimatedInput)
    }

    private static func success(_ reply: ClientReply, usage: TokenUsage?, estimatedInput: Int) -> Result<UpstreamSuccess, UpstreamFailure> {
        let usage = usage ?? TokenUsage(input: estimatedInput, output: 0)
        return .success(UpstreamSuccess(inputTokens: usage.input, outputTokens: usage.output, body: .complete(reply)))
    }
}

import Foundation
import SwitchyardJSON
import SwitchyardWire

/// The Gemini half of the `wire` target: Google's requests decoded, checked, translated to chat and back and
/// encoded; its answers and stream chunks translated to chat; chat answers and chunks translated to Gemini's.
enum GeminiFuzzing {
    static func run(_ value: JSONValue) {
        if let request = try? WireCoding.decode(GeminiGenerateContentRequest.self, from: value) {
            _ = request.unsupported
            let chat = ChatCompletionRequest(translating: request, model: "m", stream: true)
            _ = TokenEstimate.inputTokens(chat)
            _ = try? WireCoding.encode(request)
            _ = try? WireCoding.encode(chat)
            _ = try? WireCoding.encode(GeminiGenerateContentRequest(translating: chat))
        }
        if let chat = try? WireCoding.decode(ChatCompletionRequest.self, from: value) {
            _ = try? WireCoding.encode(GeminiGenerateContentRequest(translating: chat))
        }
        if let answer = try? WireCoding.decode(GeminiGenerateContentResponse.self, from: value) {
            _ = try? WireCoding.encode(ChatCompletionResponse(translating: answer, model: "m", created: 0))
            _ = try? SSEEncoder.gemini(answer)
            var stream = GeminiToChatStream(created: 0)
            var chunks = stream.feed(answer)
            chunks += stream.feed(answer)
            if let usage = stream.usageChunk() { chunks.append(usage) }
            for chunk in chunks { _ = try? SSEEncoder.openAI(chunk) }
        }
        if let completion = try? WireCoding.decode(ChatCompletionResponse.self, from: value) {
            _ = try? WireCoding.encode(GeminiGenerateContentResponse(translating: completion, model: "m"))
        }
        if let chunk = try? WireCoding.decode(ChatCompletionChunk.self, from: value) {
            var stream = ChatToGeminiStream(model: "m")
            var answer = stream.feed(chunk)
            answer += stream.feed(chunk)
            answer += stream.finish()
            for part in answer { _ = try? SSEEncoder.gemini(part) }
        }
        if let error = try? WireCoding.decode(GeminiErrorBody.self, from: value) {
            _ = error.error.reason
            _ = error.error.retryDelay
            _ = try? WireCoding.encode(error)
        }
        if let models = try? WireCoding.decode(GeminiModelList.self, from: value) { _ = try? WireCoding.encode(models) }
        _ = GeminiSchema.jsonSchema(from: value)
    }
}

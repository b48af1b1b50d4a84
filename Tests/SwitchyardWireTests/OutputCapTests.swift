import Testing
import SwitchyardWire

/// Lowering a request's completion ceiling touches the member the client used, and never raises one.
@Suite struct OutputCapTests {
    /// (max_tokens, max_completion_tokens) sent → the same after capping at 300.
    @Test(arguments: [
        (nil, nil, 300, nil), (1000, nil, 300, nil), (100, nil, 100, nil), (nil, 1000, nil, 300), (nil, 100, nil, 100),
        (2000, 1000, 300, 300), (50, 1000, 50, 300),
    ] as [(Int?, Int?, Int?, Int?)])
    func chat(_ legacy: Int?, _ current: Int?, _ expectedLegacy: Int?, _ expectedCurrent: Int?) throws {
        let request = ChatCompletionRequest(
            model: "m", messages: [ChatMessage(role: .user, content: .text("hi"))], maxTokens: legacy,
            maxCompletionTokens: current)
        guard case .chat(let capped) = ClientRequest.chat(request).cappingOutputTokens(at: 300) else {
            Issue.record("not a chat request")
            return
        }
        #expect(capped.maxTokens == expectedLegacy)
        #expect(capped.maxCompletionTokens == expectedCurrent)
        #expect(capped.maxOutputTokens == min(request.maxOutputTokens ?? 300, 300))
    }

    @Test func messagesAndEmbeddings() throws {
        let messages = MessagesRequest(model: "m", maxTokens: 4096, messages: [])
        guard case .messages(let capped) = ClientRequest.messages(messages).cappingOutputTokens(at: 300) else {
            Issue.record("not a messages request")
            return
        }
        #expect(capped.maxTokens == 300)
        guard case .messages(let small) = ClientRequest.messages(capped).cappingOutputTokens(at: 1000) else { return }
        #expect(small.maxTokens == 300)
        let embeddings = ClientRequest.embeddings(EmbeddingsRequest(model: "e", input: .string("x")))
        #expect(embeddings.cappingOutputTokens(at: 1) == embeddings)
    }
}

import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct ReplyReplayTests {
    @Test func aCompleteChatAnswerReplaysAsTheChunksAStreamWouldHaveSent() throws {
        let response = try WireCoding.decode(ChatCompletionResponse.self, from: #"""
            {"id":"chatcmpl-1","object":"chat.completion","created":7,"model":"m","choices":[{"index":0,
             "message":{"role":"assistant","content":"Looking.","tool_calls":[{"id":"call_1","type":"function",
             "function":{"name":"f","arguments":"{\"a\":1}"}}]},"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}
            """#)
        let frames = ReplyReplay.frames(.chat(response), includeUsage: true).map { String(decoding: $0, as: UTF8.self) }
        #expect(frames == [
            #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Looking."},"logprobs":null,"finish_reason":null}]}"# + "\n\n",
            #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},"logprobs":null,"finish_reason":null}]}"# + "\n\n",
            #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"m","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}"# + "\n\n",
            #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":7,"model":"m","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}"# + "\n\n",
            "data: [DONE]\n\n",
        ])
        #expect(ReplyReplay.frames(.chat(response), includeUsage: false).count == 4)
    }
}

import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct RequestTranslationTests {
    @Test func plainChatToAnthropicUsesDefaultMaxTokens() throws {
        let openAI = try WireCoding.decode(ChatCompletionRequest.self, from:
            #"{"model":"claude-fast","messages":[{"role":"user","content":"Hello"}],"n":1,"seed":3,"logit_bias":{}}"#)
        let anthropic = MessagesRequest(translating: openAI, defaultMaxTokens: 2048)
        #expect(try encodedTree(anthropic) == tree(
            #"{"model":"claude-fast","max_tokens":2048,"messages":[{"role":"user","content":"Hello"}]}"#))
    }

    @Test func systemPromptsStopsAndSamplingToAnthropic() throws {
        let openAI = ChatCompletionRequest(
            model: "m",
            messages: [.text(.system, "Be terse."), .text(.developer, "Use metric."), .text(.user, "Weather?")],
            stream: true, stop: .single("END"), maxTokens: 100, maxCompletionTokens: 300,
            temperature: 1.6, topP: 0.8, user: "u-7")
        let anthropic = MessagesRequest(translating: openAI)
        #expect(anthropic.system == .text("Be terse.\n\nUse metric."))
        #expect(anthropic.messages == [AnthropicMessage(role: "user", content: .text("Weather?"))])
        #expect(anthropic.maxTokens == 300)
        #expect(anthropic.stopSequences == ["END"])
        #expect(anthropic.temperature == 1)
        #expect(anthropic.topP == 0.8)
        #expect(anthropic.stream == true)
        #expect(anthropic.metadata == ["user_id": "u-7"])
        #expect(anthropic.extra.isEmpty)
    }

    static let toolConversation = #"""
        {"model":"gpt-4o","messages":[
          {"role":"system","content":"You help with weather."},
          {"role":"user","content":"Weather in Paris and Rome?"},
          {"role":"assistant","content":"Checking.","tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
            {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"18C"},
          {"role":"tool","tool_call_id":"call_2","content":"24C"},
          {"role":"user","content":[{"type":"text","text":"And this?"},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}
         ],
         "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by city",
           "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
         "tool_choice":"required","parallel_tool_calls":false,"max_tokens":500}
        """#

    @Test func toolConversationToAnthropic() throws {
        let openAI = try WireCoding.decode(ChatCompletionRequest.self, from: Self.toolConversation)
        let anthropic = MessagesRequest(translating: openAI)
        #expect(try encodedTree(anthropic) == tree(#"""
            {"model":"gpt-4o","max_tokens":500,"system":"You help with weather.",
             "messages":[
              {"role":"user","content":"Weather in Paris and Rome?"},
              {"role":"assistant","content":[{"type":"text","text":"Checking."},
                {"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},
                {"type":"tool_use","id":"call_2","name":"get_weather","input":{"city":"Rome"}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"call_1","content":"18C"},
                {"type":"tool_result","tool_use_id":"call_2","content":"24C"},
                {"type":"text","text":"And this?"},
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]}],
             "tools":[{"name":"get_weather","description":"Weather by city",
               "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
             "tool_choice":{"type":"any","disable_parallel_tool_use":true}}
            """#))
    }

    @Test func toolChoiceMappingToAnthropic() {
        let tools = [ChatTool(function: FunctionDefinition(name: "f"))]
        func choice(_ c: ChatToolChoice?) -> AnthropicToolChoice? {
            MessagesRequest(translating: ChatCompletionRequest(
                model: "m", messages: [.text(.user, "x")], tools: tools, toolChoice: c)).toolChoice
        }
        #expect(choice(.auto) == AnthropicToolChoice(type: "auto"))
        #expect(choice(ChatToolChoice.none) == AnthropicToolChoice(type: "none"))
        #expect(choice(.required) == AnthropicToolChoice(type: "any"))
        #expect(choice(.function("f")) == AnthropicToolChoice(type: "tool", name: "f"))
        #expect(choice(nil) == nil)
        let noSchema = MessagesRequest(translating: ChatCompletionRequest(model: "m", messages: [], tools: tools))
        #expect(noSchema.tools?.first?.inputSchema == ["type": "object", "properties": [:]])
    }

    @Test func plainChatToOpenAI() throws {
        let anthropic = try WireCoding.decode(MessagesRequest.self, from:
            #"{"model":"gpt-fast","max_tokens":64,"messages":[{"role":"user","content":"Hello"}],"top_k":5,"thinking":{"type":"disabled"}}"#)
        let openAI = ChatCompletionRequest(translating: anthropic)
        #expect(try encodedTree(openAI) == tree(
            #"{"model":"gpt-fast","max_tokens":64,"messages":[{"role":"user","content":"Hello"}]}"#))
    }

    @Test func toolConversationToOpenAI() throws {
        let anthropic = try WireCoding.decode(MessagesRequest.self, from: #"""
            {"model":"gpt-4o","max_tokens":256,
             "system":[{"type":"text","text":"You help with weather."}],
             "messages":[
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":[{"type":"text","text":"Checking."},
                {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18C"}]},
                {"type":"text","text":"Thanks"},
                {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"BBBB"}}]}],
             "stop_sequences":["###"],"stream":true,"temperature":0.2,
             "tools":[{"name":"get_weather","description":"Weather by city",
               "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
             "tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true},
             "metadata":{"user_id":"u-1"}}
            """#)
        let openAI = ChatCompletionRequest(translating: anthropic)
        #expect(try encodedTree(openAI) == tree(#"""
            {"model":"gpt-4o","max_tokens":256,"stream":true,"stream_options":{"include_usage":true},
             "messages":[
              {"role":"system","content":"You help with weather."},
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":"Checking.","tool_calls":[
                {"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"toolu_1","content":"18C"},
              {"role":"user","content":[{"type":"text","text":"Thanks"},
                {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,BBBB"}}]}],
             "stop":["###"],"temperature":0.2,"user":"u-1",
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather by city",
               "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},
             "parallel_tool_calls":false}
            """#))
    }

    @Test func assistantToolOnlyTurnHasNullContent() throws {
        let anthropic = MessagesRequest(model: "m", maxTokens: 10, messages: [
            AnthropicMessage(role: "assistant", content: .blocks([
                .toolUse(AnthropicToolUse(id: "t1", name: "f", input: ["a": [1, 2]])),
            ])),
        ], toolChoice: AnthropicToolChoice(type: "any"))
        let openAI = ChatCompletionRequest(translating: anthropic)
        #expect(openAI.toolChoice == .required)
        #expect(try encodedTree(openAI.messages[0]) == tree(
            #"{"role":"assistant","content":null,"tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":"{\"a\":[1,2]}"}}]}"#))
    }

    @Test func imageURLsMapBothWays() {
        let inline = AnthropicImageSource(openAIURL: "data:image/webp;base64,UklG")
        #expect(inline == .base64(mediaType: "image/webp", data: "UklG"))
        #expect(inline.openAIURL == "data:image/webp;base64,UklG")
        let remote = AnthropicImageSource(openAIURL: "https://x.test/a.png")
        #expect(remote == .url("https://x.test/a.png"))
        #expect(remote.openAIURL == "https://x.test/a.png")
    }

    @Test func tokenEstimates() throws {
        let openAI = ChatCompletionRequest(model: "m", messages: [.text(.user, String(repeating: "a", count: 396))])
        // 396 characters of text plus the 4-character role name.
        #expect(TokenEstimate.inputTokens(openAI) == 100)
        let anthropic = MessagesRequest(translating: openAI)
        #expect(TokenEstimate.inputTokens(anthropic) == 100)
        #expect(TokenEstimate.tokens(forCharacters: 5) == 2)
        #expect(TokenEstimate.tokens("") == 0)
        let withImage = ChatCompletionRequest(model: "m", messages: [ChatMessage(role: .user, content: .parts([
            .imageURL(.init(url: "https://x")),
        ]))])
        #expect(TokenEstimate.inputTokens(withImage) == 1 + TokenEstimate.tokensPerImage)
        let embeddings = EmbeddingsRequest(model: "e", input: .tokenArrays([[1, 2], [3]]))
        #expect(TokenEstimate.inputTokens(embeddings) == 3)
        let longer = try WireCoding.decode(ChatCompletionRequest.self, from: Self.toolConversation)
        #expect(TokenEstimate.inputTokens(longer) > TokenEstimate.inputTokens(
            ChatCompletionRequest(model: "m", messages: [.text(.user, "Weather in Paris and Rome?")])))
    }
}

@Suite struct RequestTranslationEdgeTests {
    @Test func parallelToolCallsOffWithoutToolChoice() {
        let request = ChatCompletionRequest(
            model: "m", messages: [.text(.user, "x")], tools: [ChatTool(function: FunctionDefinition(name: "f"))],
            parallelToolCalls: false)
        let anthropic = MessagesRequest(translating: request)
        #expect(anthropic.toolChoice == AnthropicToolChoice(type: "auto", extra: ["disable_parallel_tool_use": true]))
    }

    @Test func toolChoiceWithoutToolsIsDropped() {
        let request = ChatCompletionRequest(model: "m", messages: [.text(.user, "x")], toolChoice: .required)
        #expect(MessagesRequest(translating: request).toolChoice == nil)
    }

    @Test func toolResultErrorsAndEmptyAssistantTurns() {
        let request = ChatCompletionRequest(model: "m", messages: [
            .text(.user, "go"),
            ChatMessage(role: .assistant, content: .text("")),
            .text(.user, "again"),
        ])
        let anthropic = MessagesRequest(translating: request)
        // The empty assistant turn is dropped and the two user turns merge, keeping roles alternating.
        #expect(anthropic.messages == [AnthropicMessage(role: "user", content: .blocks([.text("go"), .text("again")]))])
    }

    @Test func streamingAnthropicRequestAsksOpenAIForUsage() {
        let request = MessagesRequest(model: "m", maxTokens: 5, messages: [], stream: true)
        let openAI = ChatCompletionRequest(translating: request)
        #expect(openAI.isStreaming)
        #expect(openAI.includeUsage)
        let plain = ChatCompletionRequest(translating: MessagesRequest(model: "m", maxTokens: 5, messages: []))
        #expect(plain.streamOptions == nil)
    }
}

import Foundation
import SwitchyardCore
import SwitchyardJSON
import SwitchyardSim
import SwitchyardWire
import Testing

/// The demo's HTTP ingress over the engine with simulated upstreams: real answers in both wire formats, the
/// timeline's faults applied to HTTP requests, and every request visible in the engine's snapshot.
@Suite("Demo gateway over HTTP")
struct DemoGatewayTests {
    @Test func openAIChatIsAnsweredAsJSONAndRecorded() async throws {
        try await withDemoGateway { gateway in
            let response = try await gateway.post("/v1/chat/completions", """
                {"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}
                """, id: "demo-json-1")
            #expect(response.status == 200, "\(response.text)")
            let reply = try response.decode(ChatCompletionResponse.self)
            let text = try #require(reply.choices.first).message.textContent
            #expect(!text.isEmpty)
            let usage = try #require(reply.usage)
            #expect(usage.completionTokens > 0)
            let record = try #require(gateway.record("demo-json-1"))
            #expect(record.status == 200)
            #expect(record.model == "gpt-4o")
            #expect(record.outputTokens == usage.completionTokens)
            #expect(record.servedBy?.hasPrefix("gpt-4o/") == true)
            #expect(record.stream == false)
        }
    }

    @Test func openAIStreamEndsWithDoneAndIsSettledWithItsUsage() async throws {
        try await withDemoGateway { gateway in
            let stream = try await gateway.stream("/v1/chat/completions", """
                {"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},\
                "messages":[{"role":"user","content":"hi"}]}
                """, id: "demo-sse-1")
            #expect(stream.status == 200)
            #expect(stream.failure == nil)
            #expect(stream.headers.first(name: "content-type")?.hasPrefix("text/event-stream") == true)
            #expect(stream.events.last?.isDone == true)
            #expect(try openAIText(stream.events).isEmpty == false)
            let usageChunk = try stream.events.filter { !$0.isDone }
                .map { try WireCoding.decode(ChatCompletionChunk.self, from: Data($0.data.utf8)) }
                .compactMap(\.usage).last
            let usage = try #require(usageChunk)
            let record = try #require(gateway.record("demo-sse-1"))
            #expect(record.status == 200)
            #expect(record.stream)
            #expect(record.outputTokens == usage.completionTokens)
            #expect(record.outputTokens > 0)
            #expect(record.cost > 0)
        }
    }

    @Test func anthropicMessageIsAnsweredAsJSON() async throws {
        try await withDemoGateway { gateway in
            let response = try await gateway.post("/v1/messages", """
                {"model":"claude-haiku","max_tokens":200,"messages":[{"role":"user","content":"hi"}]}
                """, id: "demo-msg-1")
            #expect(response.status == 200, "\(response.text)")
            let message = try response.decode(MessagesResponse.self)
            #expect(message.type == "message")
            #expect(message.content.first?.text?.isEmpty == false)
            #expect(message.usage.outputTokens > 0)
            let record = try #require(gateway.record("demo-msg-1"))
            #expect(record.status == 200)
            #expect(record.outputTokens == message.usage.outputTokens)
        }
    }

    @Test func anthropicStreamRunsFromMessageStartToMessageStop() async throws {
        try await withDemoGateway { gateway in
            let stream = try await gateway.stream("/v1/messages", """
                {"model":"claude-sonnet","max_tokens":300,"stream":true,"messages":[{"role":"user","content":"hi"}]}
                """, id: "demo-msg-sse-1")
            #expect(stream.status == 200)
            #expect(stream.failure == nil)
            let names = stream.events.compactMap(\.event)
            #expect(names.first == "message_start")
            #expect(names.last == "message_stop")
            #expect(names.contains("content_block_delta"))
            let record = try #require(gateway.record("demo-msg-sse-1"))
            #expect(record.status == 200)
            #expect(record.stream)
            #expect(record.outputTokens > 0)
        }
    }

    @Test func openAIStreamOnAnAnthropicProviderIsTranslated() async throws {
        // claude-haiku routes by priority to the Anthropic-wire provider first.
        try await withDemoGateway { gateway in
            let stream = try await gateway.stream("/v1/chat/completions", """
                {"model":"claude-haiku","stream":true,"messages":[{"role":"user","content":"hi"}]}
                """, id: "demo-cross-1")
            #expect(stream.status == 200)
            #expect(stream.headers.first(name: "x-switchyard-deployment") == "claude-haiku/anthropic")
            #expect(stream.events.last?.isDone == true)
            #expect(try openAIText(stream.events).isEmpty == false)
        }
    }

    @Test func aTimelineOf429sOnOneProviderMakesTheRequestFallBack() async throws {
        let storm = incident(["anthropic": .rateLimited(1, retryAfter: 30)])
        try await withDemoGateway(timeline: storm) { gateway in
            let response = try await gateway.post("/v1/messages", """
                {"model":"claude-sonnet","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}
                """, id: "demo-fallback-1")
            #expect(response.status == 200, "\(response.text)")
            #expect(response.headers.first(name: "x-switchyard-deployment") == "claude-sonnet/bedrock")
            // Bedrock speaks the OpenAI wire; the client still gets an Anthropic message.
            let message = try response.decode(MessagesResponse.self)
            #expect(message.content.first?.text?.isEmpty == false)
            let record = try #require(gateway.record("demo-fallback-1"))
            #expect(record.fellBack)
            let first = try #require(record.attempts.first)
            #expect(first.deployment == "claude-sonnet/anthropic")
            #expect(first.status == 429)
            #expect(record.attempts.last?.deployment == "claude-sonnet/bedrock")
        }
    }

    @Test func aPlannedCutBreaksTheStreamAfterContentWithAnErrorEvent() async throws {
        let cuts = incident(["openai": FaultProfile(streamCutProbability: 1), "azure": FaultProfile(streamCutProbability: 1)])
        try await withDemoGateway(timeline: cuts) { gateway in
            let stream = try await gateway.stream("/v1/chat/completions", """
                {"model":"gpt-4o","stream":true,"max_tokens":200,"messages":[{"role":"user","content":"hi"}]}
                """, id: "demo-cut-1")
            #expect(stream.status == 200)
            #expect(!stream.events.contains { $0.isDone })
            let error = try #require(stream.events.last)
            #expect(error.data.contains("error"))
            let record = try #require(gateway.record("demo-cut-1"))
            #expect(record.status == 502)
            #expect(record.errorMessage?.contains("cut") == true)
        }
    }
}

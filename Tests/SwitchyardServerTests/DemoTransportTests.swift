import SwitchyardCore
import SwitchyardJSON
import SwitchyardSim
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

/// The demo transport itself: demo traffic passes through untouched; HTTP requests get bodies; faults apply.
@Suite("Simulated body transport")
struct DemoTransportTests {
    private func call(_ request: GatewayRequest, _ deploymentID: String) throws -> UpstreamCall {
        let deployment = try #require(DemoCatalog.catalog().deployments.first { $0.id == deploymentID })
        return UpstreamCall(request: request, deployment: deployment, attempt: 1)
    }

    @Test func requestsWithoutABodyAreSimulatedAsBefore() async throws {
        let transport = demoTransport()
        let request = GatewayRequest(id: "t1", model: "gpt-4o", inputTokens: 100, maxOutputTokens: 50)
        let success = try await transport.send(call(request, "gpt-4o/openai")).get()
        #expect(success.body == nil)
        #expect((1...50).contains(success.outputTokens))
        #expect(success.inputTokens == 100)
        #expect(transport.simulated.callCount == 1)
    }

    @Test func aChatRequestGetsACompleteReplyInItsOwnFormatFromEitherWire() async throws {
        let transport = demoTransport()
        let chat = try WireCoding.decode(ChatCompletionRequest.self, from: """
            {"model":"claude-sonnet","max_tokens":40,"messages":[{"role":"user","content":"hello"}]}
            """)
        let request = GatewayRequest(id: "t2", model: "claude-sonnet", inputTokens: 5, maxOutputTokens: 40,
                                     payload: ClientRequest.chat(chat))
        for deployment in ["claude-sonnet/anthropic", "claude-sonnet/bedrock"] {
            let success = try await transport.send(call(request, deployment)).get()
            guard case .complete(let reply)? = success.body, case .chat(let response) = reply else {
                Issue.record("\(deployment): expected a chat completion, got \(String(describing: success.body))")
                continue
            }
            #expect(response.choices.first?.message.textContent.isEmpty == false, "\(deployment)")
            #expect((1...40).contains(success.outputTokens), "\(deployment)")
        }
    }

    @Test func aRejectedRequestFailsAsTheClientsFault() async throws {
        let transport = demoTransport()
        let chat = try WireCoding.decode(ChatCompletionRequest.self, from: """
            {"model":"claude-sonnet","n":2,"messages":[{"role":"user","content":"hello"}]}
            """)
        let request = GatewayRequest(id: "t3", model: "claude-sonnet", inputTokens: 5,
                                     payload: ClientRequest.chat(chat))
        let result = await transport.send(try call(request, "claude-sonnet/anthropic"))
        guard case .failure(let failure) = result else {
            Issue.record("n > 1 on an Anthropic-wire provider should be rejected")
            return
        }
        #expect(failure.status == 400)
        #expect(!failure.isRetryable)
    }

    @Test func embeddingsAreAnsweredOnOpenAIWireAndRejectedOnAnthropicWire() async throws {
        let transport = demoTransport()
        let body = try WireCoding.decode(EmbeddingsRequest.self, from: #"{"model":"gpt-4o-mini","input":["a","b"]}"#)
        let request = GatewayRequest(id: "t5", model: "gpt-4o-mini", inputTokens: 2, maxOutputTokens: 0,
                                     payload: ClientRequest.embeddings(body))
        let success = try await transport.send(call(request, "gpt-4o-mini/openai")).get()
        guard case .complete(let reply)? = success.body, case .embeddings(let response) = reply else {
            Issue.record("expected embeddings, got \(String(describing: success.body))")
            return
        }
        #expect(response.data.count == 2)
        let rejected = await transport.send(try call(request, "claude-haiku/anthropic"))
        guard case .failure(let failure) = rejected else {
            Issue.record("embeddings on an Anthropic-wire provider should be rejected")
            return
        }
        #expect(failure.status == 400)
    }

    @Test func timelineFaultsApplyToRequestsWithABody() async throws {
        let transport = demoTransport(timeline: incident(["openai": .outage]))
        let chat = try WireCoding.decode(ChatCompletionRequest.self, from: """
            {"model":"gpt-4o","messages":[{"role":"user","content":"hello"}]}
            """)
        let request = GatewayRequest(id: "t4", model: "gpt-4o", inputTokens: 5,
                                     payload: ClientRequest.chat(chat))
        let refused = await transport.send(try call(request, "gpt-4o/openai"))
        guard case .failure(let failure) = refused else {
            Issue.record("an outage should refuse the call")
            return
        }
        #expect(failure.errorClass == .connect)
        let healthy = await transport.send(try call(request, "gpt-4o/azure"))
        #expect((try? healthy.get()) != nil)
    }

    @Test func aTakenPortLeavesTheListenerOffWithAReason() async throws {
        let engine = try GatewayEngine(catalog: DemoCatalog.catalog(), transport: demoTransport())
        let first = await DemoListener.start(engine: engine, host: "127.0.0.1", port: 0)
        defer { first.stop() }
        guard case .listening(let address) = first.status else {
            Issue.record("the first listener did not start: \(first.status)")
            return
        }
        let port = try #require(Int(address.split(separator: ":").last ?? ""))
        let second = await DemoListener.start(engine: engine, host: "127.0.0.1", port: port)
        defer { second.stop() }
        #expect(second.status == .off("127.0.0.1:\(port) in use"))
        #expect(second.status.headerText == "HTTP off: 127.0.0.1:\(port) in use")
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import SwitchyardSim
import Testing

/// Upstream connections are pooled and kept alive: sequential requests reuse them instead of paying a new
/// TCP handshake each time. The simulator counts the distinct client connections requests arrive on.
@Suite("Gateway keep-alive pooling")
struct GatewayPoolingTests {
    static let sequential = 30

    @Test("the simulator counts one connection per client connection")
    func simulatorCountsConnections() async throws {
        try await withSimulator(testOptions()) { sim in
            for _ in 0..<3 {
                let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
                do {
                    for _ in 0..<2 {
                        let response = try await client.execute(
                            sim.request(.POST, "/v1/chat/completions", body: chatBody(model: "gpt-4o")), timeout: .seconds(10))
                        _ = try await response.body.collect(upTo: 1 << 20)
                    }
                } catch {
                    // A client dropped without shutdown aborts the whole test process: shut it down either way.
                    try? await client.shutdown()
                    throw error
                }
                try await client.shutdown()
            }
            let stats = try await sim.stats()
            #expect(stats.requests == 6)
            #expect(stats.connections == 3)
        }
    }

    @Test("sequential JSON requests reuse upstream connections")
    func jsonReusesConnections() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "ok")], yaml: { GatewayYAML.single($0[0]) }) { gw in
            for _ in 0..<Self.sequential {
                let response = try await gw.post("/v1/chat/completions", chatBody(model: "chat"))
                #expect(response.status == 200)
            }
            let stats = try await gw.sims[0].stats()
            #expect(stats.requests == Self.sequential)
            #expect(stats.connections <= 2, "\(stats.connections) connections for \(stats.requests) requests")
        }
    }

    @Test("sequential streams reuse upstream connections, Anthropic wire too")
    func streamsReuseConnections() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "anthropic")], yaml: {
            GatewayYAML.single($0[0], kind: "anthropic", model: "claude-sonnet-4-5")
        }) { gw in
            for n in 0..<Self.sequential {
                if n.isMultiple(of: 2) {
                    let stream = try await gw.stream("/v1/chat/completions", chatBody(model: "chat", stream: true))
                    #expect(stream.events.last?.isDone == true)
                } else {
                    let stream = try await gw.stream("/v1/messages", messagesBody(model: "chat", stream: true))
                    #expect(stream.events.last?.event == "message_stop")
                }
            }
            let stats = try await gw.sims[0].stats()
            #expect(stats.requests == Self.sequential)
            #expect(stats.streams == Self.sequential)
            #expect(stats.connections <= 2, "\(stats.connections) connections for \(stats.requests) requests")
        }
    }
}

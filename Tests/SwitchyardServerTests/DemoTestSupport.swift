import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardCore
import SwitchyardJSON
import SwitchyardSim
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

/// The demo gateway as the `demo` command builds it (demo catalog, simulated upstreams with bodies, HTTP
/// ingress), but with fast upstreams and short answers so tests take well under a second each.
struct DemoGateway: Sendable {
    let engine: GatewayEngine
    let base: String

    /// Every request the engine has finished, by id.
    func record(_ id: String) -> RequestRecord? {
        engine.snapshot(info: GatewayInfo(mode: "demo", address: nil, version: "test", startedAt: 0))
            .requests.last { $0.id == id }
    }

    func post(_ path: String, _ body: String, id: String) async throws -> SimulatorTestResponse {
        let response = try await HTTPClient.shared.execute(request(path, body, id: id), timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return SimulatorTestResponse(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    /// Posts and reads the answer as server-sent events until the body ends or breaks.
    func stream(_ path: String, _ body: String, id: String) async throws -> SimulatorTestStream {
        let response = try await HTTPClient.shared.execute(request(path, body, id: id), timeout: .seconds(30))
        return await SimulatorTestStream.read(response)
    }

    private func request(_ path: String, _ body: String, id: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "x-request-id", value: id)
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }
}

/// A latency profile fast enough for tests but still paced (first token, then tokens at 2000/s).
let fastUpstream = LatencyProfile(
    ttftMedian: 0.02, ttftSigma: 0.1, tokensPerSecondMedian: 2_000, tokensPerSecondSigma: 0.1, perTokenJitter: 0)

/// The demo's transport over `timeline`, with every deployment fast and answers around 30 tokens.
func demoTransport(timeline: IncidentTimeline = .calm, seed: UInt64 = 3) -> SimulatedBodyTransport {
    let catalog = DemoCatalog.catalog()
    var profiles: [String: LatencyProfile] = [:]
    for deployment in catalog.deployments { profiles[deployment.id] = fastUpstream }
    let simulated = SimulatedTransport(
        catalog: catalog, timeline: timeline, seed: seed, profiles: profiles,
        outputLengths: OutputLengthModel(median: 30, sigma: 0.2))
    return SimulatedBodyTransport(simulated: simulated, catalog: catalog, seed: seed)
}

/// Runs `body` against an engine with the demo transport behind a listener on an ephemeral loopback port.
func withDemoGateway(
    timeline: IncidentTimeline = .calm, _ body: @Sendable (DemoGateway) async throws -> Void
) async throws {
    let engine = try GatewayEngine(catalog: DemoCatalog.catalog(), transport: demoTransport(timeline: timeline), seed: 9)
    let listener = await DemoListener.start(engine: engine, host: "127.0.0.1", port: 0)
    defer { listener.stop() }
    guard case .listening(let address) = listener.status else {
        Issue.record("the demo listener did not start: \(listener.status)")
        return
    }
    try await body(DemoGateway(engine: engine, base: "http://\(address)"))
}

/// A timeline whose single phase runs from the start for a long time with `faults`.
func incident(_ faults: [String: FaultProfile]) -> IncidentTimeline {
    IncidentTimeline(phases: [IncidentPhase(name: "test", description: "test", start: 0, end: 3_600, faults: faults)],
                     period: 0)
}

/// The text an OpenAI stream carried, chunk by chunk.
func openAIText(_ events: [SSEEvent]) throws -> String {
    var text = ""
    for event in events where !event.isDone {
        let chunk = try WireCoding.decode(ChatCompletionChunk.self, from: Data(event.data.utf8))
        for choice in chunk.choices { text += choice.delta.content ?? "" }
    }
    return text
}

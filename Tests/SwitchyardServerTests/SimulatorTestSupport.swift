import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwitchyardJSON
import SwitchyardSim
@testable import SwitchyardSimServer
import SwitchyardWire
import Testing

/// Runs `body` against a simulator listening on an ephemeral loopback port, then stops it.
func withSimulator(
    _ options: SimulatorOptions = SimulatorOptions(),
    _ body: @Sendable (SimulatorClient) async throws -> Void
) async throws {
    let server = SimulatorServer(options: options)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        let port = try #require(await server.listeningPort())
        do {
            try await body(SimulatorClient(server: server, base: "http://127.0.0.1:\(port)"))
        } catch {
            group.cancelAll()
            throw error
        }
        group.cancelAll()
    }
}

/// A response read in full.
struct SimulatorTestResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer

    var text: String { String(buffer: body) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireCoding.decode(type, from: Data(text.utf8))
    }
}

/// A stream read until it ended or broke.
struct SimulatorTestStream {
    var status: Int
    var headers: HTTPHeaders
    var events: [SSEEvent]
    /// How many body reads delivered the events (1 when everything arrived at once).
    var reads: Int
    /// The error that ended the body early, if any.
    var failure: (any Error)?

    /// Reads `response` as server-sent events, keeping whatever arrived before a broken connection.
    static func read(_ response: HTTPClientResponse) async -> SimulatorTestStream {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        var failure: (any Error)?
        var reads = 0
        do {
            for try await chunk in response.body {
                reads += 1
                events += parser.feed(chunk.readableBytesView)
            }
            events += parser.finish()
        } catch {
            failure = error
        }
        return SimulatorTestStream(status: Int(response.status.code), headers: response.headers, events: events,
                                   reads: reads, failure: failure)
    }
}

/// HTTP conveniences over the shared AsyncHTTPClient.
struct SimulatorClient: Sendable {
    let server: SimulatorServer
    let base: String

    func request(_ method: HTTPMethod, _ path: String, body: String? = nil) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        return request
    }

    func send(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> SimulatorTestResponse {
        let response = try await HTTPClient.shared.execute(request(method, path, body: body), timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return SimulatorTestResponse(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    func post(_ path: String, _ body: String) async throws -> SimulatorTestResponse {
        try await send(.POST, path, body: body)
    }

    /// Posts and parses the answer as server-sent events, keeping whatever arrived before a broken connection.
    func stream(_ path: String, _ body: String) async throws -> SimulatorTestStream {
        let response = try await HTTPClient.shared.execute(request(.POST, path, body: body), timeout: .seconds(30))
        return await SimulatorTestStream.read(response)
    }

    func setFaults(_ json: String) async throws {
        let response = try await send(.PUT, "/_sim/faults", body: json)
        #expect(response.status == 200, "PUT /_sim/faults: \(response.text)")
    }

    func stats() async throws -> SimulatorStatsSnapshot {
        try JSONDecoder().decode(SimulatorStatsSnapshot.self, from: Data(try await send(.GET, "/_sim/stats").text.utf8))
    }
}

/// Options for tests: instant answers, a fixed seed, moderately long completions.
func testOptions(seed: UInt64 = 7, median: Double = 40, faults: FaultProfile = .none) -> SimulatorOptions {
    SimulatorOptions(output: OutputLengthModel(median: median, sigma: 0.3), faults: faults, seed: seed)
}

let weatherToolOpenAI = """
{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",\
"parameters":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city","days"]}}}
"""

let weatherToolAnthropic = """
{"name":"get_weather","description":"Current weather for a city",\
"input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}
"""

/// Requests that need headers the convenience methods do not set.
enum RawHTTP {
    /// Sends `request` and returns the `x-request-id` the server answered with.
    static func send(_ request: HTTPClientRequest) async throws -> String? {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 16 << 20)
        return response.headers.first(name: "x-request-id")
    }
}

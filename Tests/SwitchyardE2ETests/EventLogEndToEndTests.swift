import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

extension SerialEndToEnd {
    /// A deployment that fails every call opens its breaker, and `serve` says so on stderr as a log event.
    @Suite(.serialized) struct EventLogEndToEndTests {
        @Test func aBreakerOpeningIsALogLine() async throws {
            let dir = try TestPaths.scratch("event-log")
            defer { try? FileManager.default.removeItem(at: dir) }
            let gateway = try await SimulatedGateway.start(in: dir, sim: ["--faults", "500=1"])
            defer { gateway.stop() }
            for _ in 0..<4 {
                var request = HTTPClientRequest(url: gateway.url + "/v1/chat/completions")
                request.method = .POST
                request.headers.add(name: "content-type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: #"{"model":"chat","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}"#))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
                #expect(response.status.code >= 500)
            }
            let line = try await gateway.process.waitFor(#"(breaker opened on chat/upstream[^\n]*)"#, timeout: 10)
            // Every call fails at once: the outage rule (the latest attempts of the last second all failed) opens it
            // before five failures in a row would.
            #expect(line.contains("outage") || line.contains("consecutive") || line.contains("error rate"), "\(line)")
        }
    }
}

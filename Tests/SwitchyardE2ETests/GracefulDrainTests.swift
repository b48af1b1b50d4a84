import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

extension SerialEndToEnd {
    /// SIGTERM drains instead of cutting: `/ready` turns 503 at once, new requests are refused with a retryable
    /// 503, a stream in flight finishes with its `[DONE]` and a 200 ledger row, and the process exits 0 with its
    /// control socket removed; a stream longer than `--drain-timeout` ends with an error event instead of a cut.
    @Suite(.serialized) struct GracefulDrainTests {
        private func streamRequest(_ url: String, id: String, maxTokens: Int) -> HTTPClientRequest {
            var request = HTTPClientRequest(url: url + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.headers.add(name: "x-request-id", value: id)
            request.body = .bytes(ByteBuffer(string:
                #"{"model":"chat","stream":true,"max_tokens":\#(maxTokens),"messages":[{"role":"user","content":"hi"}]}"#))
            return request
        }

        /// Reads a stream to its end, sending SIGTERM to `gateway` once the first chunk arrived.
        private func streamThroughTerm(_ gateway: SimulatedGateway, id: String, maxTokens: Int) async throws -> String {
            let response = try await HTTPClient.shared.execute(
                streamRequest(gateway.url, id: id, maxTokens: maxTokens), timeout: .seconds(60))
            #expect(response.status == .ok)
            var text = ""
            var signalled = false
            for try await chunk in response.body {
                text += String(buffer: chunk)
                if !signalled {
                    signalled = true
                    kill(gateway.process.process.processIdentifier, SIGTERM)
                }
            }
            return text
        }

        @Test func aStreamInFlightFinishesAndTheGatewayExitsCleanly() async throws {
            let dir = try TestPaths.scratch("drain")
            defer { try? FileManager.default.removeItem(at: dir) }
            // A simulator streaming 20 tokens a second.
            let gateway = try await SimulatedGateway.start(in: dir, sim: ["--tps", "20", "--ttft", "50ms"],
                                                           serve: ["--drain-timeout", "30s"])
            defer { gateway.stop() }
            // About 2 s of streaming: the drain must wait for it.
            async let streamed = streamThroughTerm(gateway, id: "drain-long", maxTokens: 40)
            // While the stream drains: not ready, and new work is refused with a retryable 503.
            var sawNotReady = false
            for _ in 0..<100 where !sawNotReady {
                try await Task.sleep(nanoseconds: 20_000_000)
                if let ready = try? await HTTPClient.shared.execute(
                    HTTPClientRequest(url: gateway.url + "/ready"), timeout: .seconds(5)), ready.status.code == 503 {
                    sawNotReady = true
                }
            }
            #expect(sawNotReady, "/ready never said 503 during the drain")
            var late = HTTPClientRequest(url: gateway.url + "/v1/chat/completions")
            late.method = .POST
            late.body = .bytes(ByteBuffer(string: #"{"model":"chat","messages":[{"role":"user","content":"hi"}]}"#))
            let refused = try await HTTPClient.shared.execute(late, timeout: .seconds(5))
            #expect(refused.status.code == 503)
            #expect(refused.headers.first(name: "retry-after") == "1")

            let text = try await streamed
            #expect(text.contains("data: [DONE]"), "\(text.suffix(300))")
            #expect(!text.contains("\"error\""))
            #expect(try await gateway.process.wait(timeout: 30) == 0, "\(gateway.process.text)")
            #expect(try await gateway.ledgerStatus("drain-long") == "200")
            #expect(!FileManager.default.fileExists(atPath: gateway.socket), "the control socket was left behind")
        }

        @Test func aStreamLongerThanTheDrainTimeoutEndsWithAnErrorEvent() async throws {
            let dir = try TestPaths.scratch("drain-timeout")
            defer { try? FileManager.default.removeItem(at: dir) }
            let gateway = try await SimulatedGateway.start(in: dir, sim: ["--tps", "20", "--ttft", "50ms"],
                                                           serve: ["--drain-timeout", "500ms"])
            defer { gateway.stop() }
            // About 10 s of streaming against half a second of drain.
            let text = try await streamThroughTerm(gateway, id: "drain-cut", maxTokens: 200)
            #expect(text.contains("the gateway shut down before the stream finished"), "\(text.suffix(300))")
            #expect(!text.contains("data: [DONE]"))
            #expect(try await gateway.process.wait(timeout: 30) == 0, "\(gateway.process.text)")
            #expect(try await gateway.ledgerStatus("drain-cut") == "502")
        }
    }
}

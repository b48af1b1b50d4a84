import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// Concurrent clients sending chat completions, each with its own request id, and keeping the cost the gateway
/// reported for every answer received in full; a client stops at its first failed exchange (the gateway is gone).
struct ChargedLoad {
    let url: String
    let secret: String
    let clients: Int
    /// Request ids are "<prefix>-<client>-<n>".
    let prefix: String
    let received = ChargedAnswers()

    /// Starts the clients; cancel the task to stop them.
    func start() -> Task<Void, Never> {
        let (url, secret, prefix, received) = (url, secret, prefix, received)
        // The shared client: one made here would abort the whole test process if a failed step skipped its shutdown.
        let client = HTTPClient.shared
        let clients = self.clients
        return Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<clients {
                    group.addTask {
                        var i = 0
                        while !Task.isCancelled {
                            i += 1
                            let id = "\(prefix)-\(worker)-\(i)"
                            received.sent(id)
                            var request = HTTPClientRequest(url: url + "/v1/chat/completions")
                            request.method = .POST
                            request.headers.add(name: "content-type", value: "application/json")
                            request.headers.add(name: "authorization", value: "Bearer \(secret)")
                            request.headers.add(name: "x-request-id", value: id)
                            request.body = .bytes(ByteBuffer(string:
                                #"{"model":"chat","max_tokens":\#(10 + i % 40),"messages":[{"role":"user","content":"hello \#(i)"}]}"#))
                            do {
                                let response = try await client.execute(request, timeout: .seconds(10))
                                let body = try await response.body.collect(upTo: 1 << 20)
                                guard response.status == .ok, String(buffer: body).contains("\"choices\""),
                                      let cost = response.headers.first(name: "x-switchyard-cost").flatMap(Double.init)
                                else {
                                    received.failed()
                                    continue
                                }
                                received.answered(id, cost: cost)
                            } catch {
                                // Stopping the load cuts the request in flight: not the gateway's failure.
                                if !Task.isCancelled { received.failed() }
                                return
                            }
                        }
                    }
                }
            }
        }
    }

    /// Waits until `count` answers are in or `seconds` pass.
    func waitForAnswers(_ count: Int, within seconds: Double = 60) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while received.answeredCosts.count < count, Date() < deadline {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }
}

/// Request ids sent, the costs of the answers received and the requests that failed, shared by the clients.
final class ChargedAnswers: Sendable {
    private let state = Mutex<(sent: Set<String>, answered: [String: Double], failures: Int)>(([], [:], 0))

    func sent(_ id: String) { state.withLock { _ = $0.sent.insert(id) } }
    func answered(_ id: String, cost: Double) { state.withLock { $0.answered[id] = cost } }
    func failed() { state.withLock { $0.failures += 1 } }
    var sentIDs: Set<String> { state.withLock { $0.sent } }
    var answeredCosts: [String: Double] { state.withLock { $0.answered } }
    var failures: Int { state.withLock { $0.failures } }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

extension SerialEndToEnd {
    /// Concurrent clients through a gateway whose primary upstream misbehaves (500s, 429s, refused connections,
    /// hangs) while a second one stays healthy: no client sees a failure, and repeated runs leak neither file
    /// descriptors nor memory.
    @Suite(.serialized) struct LoadUnderFaultsTests {
        static let clients = 32
        static let seconds = 8.0

        @Test func noClientVisibleFailuresWhileOneDeploymentIsHealthy() async throws {
            let binary = try BuiltProduct.switchyard()
            let faulty = try ManagedProcess(binary, [
                "sim", "--listen", "127.0.0.1:0", "--name", "faulty", "--ttft", "20ms", "--tps", "2000",
                "--faults", "500=15%,429=15%,retry-after=1s,refuse=5%,hang=3%",
            ])
            let healthy = try ManagedProcess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", "healthy", "--ttft", "20ms", "--tps", "2000"])
            let faultyURL = try await faulty.waitFor(#"listening on (http://[0-9.:]+)"#)
            let healthyURL = try await healthy.waitFor(#"listening on (http://[0-9.:]+)"#)
            let dir = try TestPaths.scratch("load")
            defer { try? FileManager.default.removeItem(at: dir) }
            let config = dir.appendingPathComponent("gateway.yaml")
            try """
                listen: 127.0.0.1:0
                governance: { auth: open }
                timeouts: { connect: 1s, first_token: 1s, total: 2s }
                providers:
                  - { name: faulty, kind: openai-compatible, base_url: "\(faultyURL)/v1" }
                  - { name: healthy, kind: anthropic, base_url: "\(healthyURL)" }
                models:
                  - name: chat
                    strategy: weighted
                    deployments:
                      - { provider: faulty, model: gpt-4o, weight: 3, price: { input: 2.5, output: 10 } }
                      - { provider: healthy, model: claude-sonnet-4-5, weight: 1, price: { input: 3, output: 15 } }
                """.write(to: config, atomically: true, encoding: .utf8)
            let gateway = try ManagedProcess(binary, [
                "serve", "--config", config.path, "--control-socket", dir.appendingPathComponent("ctl.sock").path,
                "--state-dir", dir.appendingPathComponent("state").path,
            ])
            let gatewayURL = try await gateway.waitFor(#"serving on (http://[0-9.:]+)"#)

            // The shared client: one made here would abort the whole test process if a failed step skipped its shutdown.
            let client = HTTPClient.shared
            var samples: [(fds: Int, rss: Int)] = []
            for run in 1...3 {
                let result = await Self.load(client: client, url: gatewayURL)
                #expect(result.failures.isEmpty, "run \(run): \(result.failures.count) of \(result.total) failed, e.g. \(result.failures.prefix(3))")
                #expect(result.total > Self.clients * 4, "run \(run) made only \(result.total) requests")
                try await Task.sleep(nanoseconds: 1_500_000_000) // let idle connections settle
                samples.append((Self.openFiles(gateway.process.processIdentifier), Self.residentKB(gateway.process.processIdentifier)))
            }
            // The faults really happened: the primary answered errors and dropped connections.
            let stats = try await client.execute(HTTPClientRequest(url: faultyURL + "/_sim/stats"), timeout: .seconds(5))
            let statsText = String(buffer: try await stats.body.collect(upTo: 1 << 16))
            let json = try JSONSerialization.jsonObject(with: Data(statsText.utf8)) as? [String: Any]
            let byStatus = json?["by_status"] as? [String: Int] ?? [:]
            // (Breakers and cooldowns keep most traffic off it, so the counts are modest by design.)
            #expect((byStatus["500"] ?? 0) >= 2 && (byStatus["429"] ?? 0) >= 2, "faulty upstream stats: \(statsText)")
            #expect((json?["refused"] as? Int ?? 0) >= 2, "faulty upstream stats: \(statsText)")
            // The first run warms pools and caches; after that, nothing may keep growing.
            #expect(samples[2].fds <= samples[1].fds + 8, "file descriptors grew: \(samples.map(\.fds))")
            #expect(samples[2].rss <= samples[1].rss + 32 * 1024, "resident memory grew: \(samples.map(\.rss)) KiB")
        }

        struct LoadResult {
            var total = 0
            var failures: [String] = []
        }

        /// `clients` concurrent loops of JSON and streamed chat requests for `seconds`.
        static func load(client: HTTPClient, url: String) async -> LoadResult {
            await withTaskGroup(of: LoadResult.self) { group in
                for worker in 0..<clients {
                    group.addTask {
                        // Each worker runs its full time from when it starts: on a busy machine workers start late.
                        let deadline = Date().addingTimeInterval(seconds)
                        var result = LoadResult()
                        var i = 0
                        while Date() < deadline {
                            i += 1
                            let stream = (worker + i) % 2 == 0
                            let body = #"{"model":"chat","max_tokens":20,"stream":\#(stream),"messages":[{"role":"user","content":"hello"}]}"#
                            var request = HTTPClientRequest(url: url + "/v1/chat/completions")
                            request.method = .POST
                            request.headers.add(name: "content-type", value: "application/json")
                            request.body = .bytes(ByteBuffer(string: body))
                            result.total += 1
                            do {
                                let response = try await client.execute(request, timeout: .seconds(15))
                                let bytes = try await response.body.collect(upTo: 1 << 20)
                                let text = String(buffer: bytes)
                                let complete = stream ? text.hasSuffix("data: [DONE]\n\n") && !text.contains("\"error\"")
                                    : text.contains("\"choices\"")
                                if response.status != .ok || !complete {
                                    result.failures.append("\(response.status.code) \(text.prefix(160))")
                                }
                            } catch {
                                result.failures.append("\(error)")
                            }
                        }
                        return result
                    }
                }
                var all = LoadResult()
                for await part in group {
                    all.total += part.total
                    all.failures += part.failures
                }
                return all
            }
        }

        static func openFiles(_ pid: Int32) -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
        }

        static func residentKB(_ pid: Int32) -> Int {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return -1 }
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        }
    }
}

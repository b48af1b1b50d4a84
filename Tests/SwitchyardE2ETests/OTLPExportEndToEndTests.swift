import AsyncHTTPClient
import Foundation
import SwitchyardTestSupport
import NIOCore
import Testing

extension SerialEndToEnd {
    /// `switchyard serve` pushing traces to a real OTLP/HTTP receiver (opentelemetry-proto's own parser, in
    /// Python): spans arrive in protobuf and JSON with the GenAI conventions' names and attributes; spans of
    /// requests made while the receiver is down arrive once it is back; a queue too small for the traffic sheds,
    /// and `/metrics` counts what it shed.
    @Suite(.serialized) struct OTLPExportEndToEndTests {
        @Test func tracesReachACollectorSurviveAnOutageAndShedWhenTheQueueIsFull() async throws {
            let python = TestPaths.packageRoot.appendingPathComponent(".venv/bin/python").path
            try #require(FileManager.default.isExecutableFile(atPath: python), """
                The OTLP receiver needs the Python venv: \
                python3 -m venv .venv && .venv/bin/pip install -r Tests/SDKTests/requirements.txt (.ci/run does this)
                """)
            let dir = try TestPaths.scratch("otlp")
            defer { try? FileManager.default.removeItem(at: dir) }
            let received = dir.appendingPathComponent("spans.jsonl")
            for sub in ["pb", "shed"] {
                try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            var receiver = try await Receiver.start(python: python, port: 0, out: received)
            defer { receiver.process.stop() }

            // Protobuf (the default), endpoint and headers from the standard environment variables; short
            // schedule and backoff so the test is quick.
            let gateway = try await SimulatedGateway.start(
                in: dir.appendingPathComponent("pb"),
                sections: """
                    tracing:
                      otlp:
                        schedule_delay: 200ms
                        retry: { initial_backoff: 200ms, max_backoff: 1s, max_elapsed: 60s }
                    """,
                environment: [
                    "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(receiver.port)",
                    "OTEL_EXPORTER_OTLP_HEADERS": "x-test-token=t%201",
                    "OTEL_SERVICE_NAME": "switchyard-e2e",
                ])
            defer { gateway.stop() }

            let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
            var first: [String] = []
            for k in 0..<3 {
                let headers = k == 0
                    ? [("traceparent", "00-\(traceID)-00f067aa0ba902b7-01"), ("tracestate", "vendor=abc,other=1")] : []
                first.append(try await chat(gateway.url, headers: headers))
            }
            var spans = try await waitForSpans(in: received, requests: first)
            let roots = spans.filter { $0.kind == 2 }
            #expect(roots.count == 3)
            for root in roots {
                #expect(root.name == "chat chat")
                #expect(root.service == "switchyard-e2e")
                #expect(root.contentType == "application/x-protobuf")
                #expect(root.token == "t 1")
                #expect(root.attributes["gen_ai.operation.name"] as? String == "chat")
                #expect(root.attributes["gen_ai.request.model"] as? String == "chat")
                #expect(root.attributes["gen_ai.response.model"] as? String == "gpt-4o")
                #expect(root.attributes["gen_ai.provider.name"] as? String == "upstream")
                #expect((root.attributes["gen_ai.usage.output_tokens"] as? Int ?? 0) > 0)
                #expect(root.attributes["http.response.status_code"] as? Int == 200)
            }
            let attempts = spans.filter { $0.kind == 3 }
            #expect(attempts.count >= 3)
            for attempt in attempts {
                #expect(attempt.name == "chat gpt-4o")
                #expect(attempt.attributes["server.address"] as? String == "127.0.0.1")
                #expect(attempt.attributes["server.port"] is Int)
                #expect(attempt.attributes["gen_ai.provider.name"] as? String == "upstream")
            }
            // The client's trace is continued and its tracestate carried on every span of it.
            let continued = spans.filter { $0.traceID == traceID }
            #expect(continued.count >= 4)
            #expect(continued.allSatisfy { $0.traceState == "vendor=abc,other=1" })
            #expect(roots.first { $0.traceID == traceID }?.parentSpanID == "00f067aa0ba902b7")

            // The receiver goes away for ten seconds; the requests made meanwhile still get their spans through.
            receiver.process.stop()
            var during: [String] = []
            for _ in 0..<3 { during.append(try await chat(gateway.url)) }
            try await Task.sleep(for: .seconds(10))
            receiver = try await Receiver.start(python: python, port: receiver.port, out: received)
            spans = try await waitForSpans(in: received, requests: during)
            #expect(spans.filter { $0.kind == 2 }.count == 3)
            let metrics = try await get(gateway.url + "/metrics")
            #expect(value(metrics, "switchyard_otlp_spans_dropped_total") == 0, "\(metrics)")
            #expect((value(metrics, "switchyard_otlp_spans_exported_total") ?? 0) >= 6 * 4)

            // JSON, and a queue of 20 spans that nothing drains before shutdown: most traces are shed and counted;
            // what was queued goes out in the final flush.
            let shedding = try await SimulatedGateway.start(
                in: dir.appendingPathComponent("shed"),
                sections: """
                    tracing:
                      otlp:
                        endpoint: http://127.0.0.1:\(receiver.port)/v1/traces
                        protocol: http/json
                        service_name: switchyard-shed
                        queue_size: 20
                        schedule_delay: 1h
                    """)
            defer { shedding.stop() }
            var shed: [String] = []
            for _ in 0..<8 { shed.append(try await chat(shedding.url)) }
            let exposition = try await get(shedding.url + "/metrics")
            let dropped = try #require(value(exposition, "switchyard_otlp_spans_dropped_total"), "\(exposition)")
            let queued = try #require(value(exposition, "switchyard_otlp_spans_queued"))
            #expect(dropped > 0)
            #expect(queued > 0 && queued <= 20)
            #expect(value(exposition, "switchyard_otlp_spans_exported_total") == 0)
            if let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"]
                .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
                let file = dir.appendingPathComponent("metrics.txt")
                try exposition.write(to: file, atomically: true, encoding: .utf8)
                let lint = try await Spawn.run(["sh", "-c", "\(promtool) check metrics < '\(file.path)'"])
                #expect(lint.status == 0 && lint.stdout.isEmpty && lint.stderr.isEmpty, "\(lint.stdout) \(lint.stderr)")
            }
            await shedding.process.terminate()
            let flushed = try Received.read(received).filter { $0.service == "switchyard-shed" }
            #expect(flushed.count == queued, "queued \(queued), received \(flushed.count)")
            #expect(flushed.allSatisfy { $0.contentType == "application/json" })
            // Every request's spans either reached the receiver or were counted as dropped.
            let flushedRequests = Set(flushed.compactMap { $0.attributes["switchyard.request.id"] as? String })
            #expect(flushedRequests.isSubset(of: Set(shed)) && !flushedRequests.isEmpty)
            #expect(flushedRequests.count < shed.count)
        }

        /// One chat completion through the gateway; its request id.
        private func chat(_ url: String, headers: [(String, String)] = []) async throws -> String {
            var request = HTTPClientRequest(url: url + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(
                string: #"{"model":"chat","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"#))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            #expect(response.status == .ok)
            return try #require(response.headers.first(name: "x-request-id"))
        }

        private func get(_ url: String) async throws -> String {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
            return String(buffer: try await response.body.collect(upTo: 1 << 22))
        }

        /// The value of an unlabelled sample in an exposition.
        private func value(_ exposition: String, _ name: String) -> Int? {
            for line in exposition.split(separator: "\n") where line.hasPrefix(name + " ") {
                return Int(line.dropFirst(name.count + 1))
            }
            return nil
        }

        /// The spans received so far of the traces of `requests`, once every one of them has its root span.
        private func waitForSpans(in file: URL, requests: [String], timeout: Double = 15) async throws -> [Received] {
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                let spans = try Received.read(file)
                let byRequest = spans.filter { $0.kind == 2 }
                    .compactMap { span in (span.attributes["switchyard.request.id"] as? String).map { ($0, span.traceID) } }
                let traces = Dictionary(byRequest, uniquingKeysWith: { first, _ in first })
                if requests.allSatisfy({ traces[$0] != nil }) {
                    let wanted = Set(requests.compactMap { traces[$0] })
                    // The attempt spans travel in the same export request as their root.
                    return spans.filter { wanted.contains($0.traceID) }
                }
                if Date() > deadline {
                    Issue.record("spans of \(requests) did not arrive; received \(spans.count) spans")
                    return []
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}

/// The Python receiver: `Tests/SDKTests/otlp_receiver.py`.
private struct Receiver {
    let process: ManagedProcess
    let port: Int

    static func start(python: String, port: Int, out: URL) async throws -> Receiver {
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/SDKTests/otlp_receiver.py").path
        let process = try ManagedProcess(python, [script, "--port", String(port), "--out", out.path])
        let bound = try await process.waitFor(#"listening on ([0-9]+)"#)
        return Receiver(process: process, port: try #require(Int(bound)))
    }
}

/// One span as the receiver wrote it.
private struct Received: @unchecked Sendable {
    let service: String?
    let name: String
    let kind: Int
    let traceID: String
    let parentSpanID: String
    let traceState: String
    let contentType: String
    let token: String?
    let attributes: [String: Any]

    static func read(_ file: URL) throws -> [Received] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Received(
                service: object["service"] as? String, name: object["name"] as? String ?? "",
                kind: object["kind"] as? Int ?? 0, traceID: object["traceId"] as? String ?? "",
                parentSpanID: object["parentSpanId"] as? String ?? "", traceState: object["traceState"] as? String ?? "",
                contentType: object["contentType"] as? String ?? "", token: object["token"] as? String,
                attributes: object["attributes"] as? [String: Any] ?? [:])
        }
    }
}

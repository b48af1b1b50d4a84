import ArgumentParser
import Foundation

/// Gateway overhead: the same wrk load straight to a zero-latency simulated upstream and through Switchyard.
struct OverheadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overhead",
        abstract: "req/s and latency through the gateway vs directly to a zero-latency upstream (wrk, one thread).",
        discussion: "Needs wrk (apt-get install wrk) and the switchyard binary built in the same configuration."
    )

    @OptionGroup var suite: SuiteOptions

    @Option(help: "Seconds per measurement.")
    var duration: Int = 10

    @Option(parsing: .upToNextOption, help: "Connection counts to measure.")
    var connections: [Int] = [1, 16, 64]

    @Option(help: "Also write the rows as JSON here.")
    var json: String?

    struct Row: Codable {
        var body: String
        var connections: Int
        var target: String
        var requestsPerSecond: Double
        var p50Micros: Double
        var p99Micros: Double
        var p999Micros: Double
        var errors: Int
        var cpuSecondsPer1k: Double?
    }

    func run() async throws {
        guard let wrk = ChildProcess.which("wrk") else { throw BenchError("wrk is not installed: apt-get install wrk") }
        let binary = try siblingSwitchyard()
        let seconds = suite.smoke ? 2 : duration
        let conns = suite.smoke ? [1, 16] : connections

        let sim = try Subprocess(binary, ["sim", "--listen", "127.0.0.1:0", "--name", "bench-upstream"])
        let simURL = try sim.waitFor(#"listening on (http://[0-9.:]+)"#)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("gateway.yaml")
        try """
            listen: 127.0.0.1:0
            governance: { auth: open }
            providers: [{ name: upstream, kind: openai-compatible, base_url: "\(simURL)/v1" }]
            models: [{ name: bench, deployments: [{ provider: upstream, model: bench, price: { input: 1, output: 2 } }] }]
            """.write(to: config, atomically: true, encoding: .utf8)
        let gateway = try Subprocess(binary, [
            "serve", "--config", config.path, "--control-socket", dir.appendingPathComponent("ctl.sock").path,
            "--state-dir", dir.appendingPathComponent("state").path,
        ])
        let gatewayURL = try gateway.waitFor(#"serving on (http://[0-9.:]+)"#)

        var rows: [Row] = []
        for (label, stream) in [("json", false), ("stream", true)] {
            let script = dir.appendingPathComponent("\(label).lua")
            try Self.script(stream: stream).write(to: script, atomically: true, encoding: .utf8)
            for c in conns {
                for (target, base, process) in [("direct", simURL, sim), ("switchyard", gatewayURL, gateway)] {
                    // Warm connections and code paths, then measure.
                    _ = try Self.wrk(wrk, url: base, script: script.path, connections: c, seconds: 1)
                    let before = process.cpuSeconds
                    var row = try Self.wrk(wrk, url: base, script: script.path, connections: c, seconds: seconds)
                    let used = process.cpuSeconds - before
                    row.body = label
                    row.target = target
                    let requests = row.requestsPerSecond * Double(seconds)
                    row.cpuSecondsPer1k = requests > 0 ? used / requests * 1000 : nil
                    guard row.requestsPerSecond > 0 else {
                        throw BenchError("no requests completed against \(target) (\(base)); output:\n\(process.output)")
                    }
                    rows.append(row)
                }
            }
        }
        print(Self.table(rows))
        print("LiteLLM: not measured here (no LiteLLM proxy configured for this run).")
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(rows).write(to: URL(fileURLWithPath: json))
        }
    }

    static func script(stream: Bool) -> String {
        """
        wrk.method = "POST"
        wrk.body = '{"model":"bench","stream":\(stream),"max_tokens":16,"messages":[{"role":"user","content":"hello there"}]}'
        wrk.headers["Content-Type"] = "application/json"
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("SWITCHYARD %d %d %f %f %f %d\\n", summary.requests, summary.duration,
            latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
            e.connect + e.read + e.write + e.status + e.timeout))
        end
        """
    }

    static func wrk(_ wrk: String, url: String, script: String, connections: Int, seconds: Int) throws -> Row {
        let run = try Subprocess(wrk, ["-t1", "-c\(connections)", "-d\(seconds)s", "-s", script, url + "/v1/chat/completions"])
        guard run.waitUntilExit() == 0 else { throw BenchError("wrk failed:\n\(run.output)") }
        guard let line = run.output.split(separator: "\n").first(where: { $0.hasPrefix("SWITCHYARD ") }) else {
            throw BenchError("wrk printed no summary:\n\(run.output)")
        }
        let f = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard f.count == 6 else { throw BenchError("unexpected wrk summary: \(line)") }
        return Row(body: "", connections: connections, target: "", requestsPerSecond: f[0] / (f[1] / 1e6),
                   p50Micros: f[2], p99Micros: f[3], p999Micros: f[4], errors: Int(f[5]), cpuSecondsPer1k: nil)
    }

    static func table(_ rows: [Row]) -> String {
        var table = ResultTable(header: ["body", "conns", "target", "req/s", "p50 µs", "p99 µs", "p99.9 µs", "errors",
                                         "CPU s/1k req", "added p50 µs", "added p99 µs", "req/s vs direct"])
        for row in rows {
            let direct = rows.first { $0.body == row.body && $0.connections == row.connections && $0.target == "direct" }
            let added = row.target == "direct" ? ("—", "—", "—") : direct.map { d in
                (String(Int(row.p50Micros - d.p50Micros)), String(Int(row.p99Micros - d.p99Micros)),
                 String(format: "%.2f×", row.requestsPerSecond / d.requestsPerSecond))
            } ?? ("?", "?", "?")
            table.rows.append([
                row.body, String(row.connections), row.target, String(Int(row.requestsPerSecond)),
                String(Int(row.p50Micros)), String(Int(row.p99Micros)), String(Int(row.p999Micros)), String(row.errors),
                row.cpuSecondsPer1k.map { String(format: "%.3f", $0) } ?? "—", added.0, added.1, added.2,
            ])
        }
        return table.render()
    }
}

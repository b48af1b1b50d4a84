import ArgumentParser
import Foundation

/// Load through Switchyard while one of a model's two deployments injects 429s and 5xx, against the same load on
/// a fault-free model in the same run: what callers see (success rate, latency) when retries and fallbacks work.
struct FaultsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faults",
        abstract: "Success rate and latency through Switchyard while one of two deployments fails, vs fault-free (wrk).",
        discussion: "Needs wrk (apt-get install wrk) and the switchyard binary built in the same configuration."
    )

    @OptionGroup var suite: SuiteOptions

    @Option(help: "Seconds per measurement.")
    var duration: Int = 10

    @Option(parsing: .upToNextOption, help: "Connection counts to measure.")
    var connections: [Int] = [16]

    @Option(help: "Faults of the failing deployment, in `switchyard sim --faults` syntax.")
    var faults = "429=20%,500=10%,retry-after=1s"

    @Option(help: "How Switchyard authenticates the benchmark's requests: open (no key) or keys (a virtual key, as in production).")
    var auth: GatewayAuth = GatewayAuth.suiteDefault

    @Option(help: "Also write the rows as JSON here.")
    var json: String?

    /// One measurement: a body kind, a connection count, with or without faults.
    struct Row: Codable {
        var body: String
        var connections: Int
        var load: String
        var requestsPerSecond: Double
        var successRate: Double
        var failedRequests: Int
        var p50Micros: Double
        var p99Micros: Double
        var p999Micros: Double
        /// 429 and 5xx answers the failing upstream gave while this row was measured.
        var injectedFaults: Int
        /// Requests the failing upstream received while this row was measured.
        var failingUpstreamRequests: Int
        var cpuSecondsPer1k: Double?
    }

    /// The JSON file.
    struct Report: Codable {
        var suite = "faults"
        var faults: String
        var secondsPerMeasurement: Int
        var auth: GatewayAuth
        var rows: [Row]
    }

    func run() async throws {
        let wrk = try WrkLoad.find()
        let seconds = suite.smoke ? 1 : duration
        let conns = suite.smoke ? [8] : connections
        let bodies = suite.smoke ? [("json", false)] : [("json", false), ("stream", true)]
        let harness = try BenchGateway()
        defer { harness.stop() }
        try harness.startUpstream(name: "steady")
        try harness.startUpstream(name: "spare")
        try harness.startUpstream(name: "failing", faults: faults)
        // Two models with the same shape: one over two healthy upstreams, one where the second deployment fails.
        try harness.startGateway(models: [
            "{ name: fault-free, strategy: weighted, deployments: [{ provider: steady, model: bench, price: { input: 1, output: 2 } }, { provider: spare, model: bench, price: { input: 1, output: 2 } }] }",
            "{ name: faulty, strategy: weighted, deployments: [{ provider: steady, model: bench, price: { input: 1, output: 2 } }, { provider: failing, model: bench, price: { input: 1, output: 2 } }] }",
        ], auth: auth)
        guard let gateway = harness.gateway, let failing = harness.upstreams.last else { throw BenchError("the gateway did not start") }
        print("faults: wrk -t1, \(seconds) s per row, zero-latency simulated upstreams; one of the two deployments of")
        print("model 'faulty' answers with --faults \"\(faults)\"; Switchyard auth: \(auth.rawValue)\n")

        let load = WrkLoad(wrk: wrk, scratch: harness.scratch)
        var rows: [Row] = []
        for (body, stream) in bodies {
            for c in conns {
                for model in ["fault-free", "faulty"] {
                    let target = LoadTarget(name: "switchyard (\(model))", url: harness.url, model: model, token: harness.token,
                                            process: gateway, warmupSeconds: 1)
                    // Only the fault-free model must be spotless: the other one's failures are what is measured.
                    try target.warmUp(load, stream: stream, connections: c, strict: model == "fault-free")
                    let statsBefore = try harness.stats(of: failing)
                    let (result, cpu) = try target.measure(load, stream: stream, connections: c, seconds: seconds)
                    let statsAfter = try harness.stats(of: failing)
                    rows.append(Row(
                        body: body, connections: c, load: model, requestsPerSecond: result.requestsPerSecond,
                        successRate: result.successRate, failedRequests: result.statusErrors + result.socketErrors,
                        p50Micros: result.p50Micros, p99Micros: result.p99Micros, p999Micros: result.p999Micros,
                        injectedFaults: Self.faultAnswers(statsAfter) - Self.faultAnswers(statsBefore),
                        failingUpstreamRequests: Self.requests(statsAfter) - Self.requests(statsBefore),
                        cpuSecondsPer1k: cpu / Double(result.requests) * 1000
                    ))
                }
            }
        }
        let total = try harness.stats(of: failing)
        guard Self.faultAnswers(total) > 0 else {
            throw BenchError("the failing upstream injected no faults (--faults \"\(faults)\"); its counters: \(total)")
        }
        print(Self.table(rows))
        print("\nsuccess = 2xx answers / requests sent; +p50/+p99 = latency added over the fault-free row (µs);")
        print("faults = 429/5xx answers the failing upstream gave during the row, of the requests it received;")
        print("CPU s/1k = CPU seconds of the gateway process per 1,000 requests.")
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(Report(faults: faults, secondsPerMeasurement: seconds, auth: auth, rows: rows))
                .write(to: URL(fileURLWithPath: json))
        }
    }

    /// 429 and 5xx answers in the simulator's counters.
    static func faultAnswers(_ stats: [String: Any]) -> Int {
        let byStatus = stats["by_status"] as? [String: Int] ?? [:]
        return byStatus.filter { $0.key == "429" || $0.key.hasPrefix("5") }.values.reduce(0, +)
    }

    /// API requests in the simulator's counters.
    static func requests(_ stats: [String: Any]) -> Int { stats["requests"] as? Int ?? 0 }

    static func table(_ rows: [Row]) -> String {
        var table = ResultTable(header: [
            "body", "conns", "model", "req/s", "success", "failed", "p50 µs", "p99 µs", "p99.9 µs", "+p50 µs", "+p99 µs",
            "faults / upstream req", "CPU s/1k",
        ])
        for row in rows {
            let base = rows.first { $0.body == row.body && $0.connections == row.connections && $0.load == "fault-free" }
            let added = row.load == "fault-free" ? ("—", "—") : base.map {
                (String(Int(row.p50Micros - $0.p50Micros)), String(Int(row.p99Micros - $0.p99Micros)))
            } ?? ("?", "?")
            table.rows.append([
                row.body, String(row.connections), row.load, String(Int(row.requestsPerSecond)),
                String(format: "%.2f%%", row.successRate * 100), String(row.failedRequests), String(Int(row.p50Micros)),
                String(Int(row.p99Micros)), String(Int(row.p999Micros)), added.0, added.1,
                "\(row.injectedFaults) / \(row.failingUpstreamRequests)",
                row.cpuSecondsPer1k.map { String(format: "%.3f", $0) } ?? "—",
            ])
        }
        return table.render()
    }
}

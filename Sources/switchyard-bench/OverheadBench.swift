import ArgumentParser
import Foundation

/// Gateway overhead: the same wrk load straight to a zero-latency simulated upstream, through nginx as a plain
/// reverse proxy, through a bare forwarder on the same HTTP stack (the floor), through Switchyard and, when it is
/// installed, through the LiteLLM proxy, side by side in one run.
struct OverheadBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overhead",
        abstract: "req/s and latency direct to a zero-latency upstream vs through Switchyard vs through LiteLLM (wrk, one thread).",
        discussion: """
            Needs wrk (apt-get install wrk) and the switchyard binary built in the same configuration. nginx is \
            measured when installed (apt-get install nginx-light). LiteLLM is \
            measured when \(LiteLLMProxy.defaultVenv)/bin/litellm exists in the working directory (switchyard-bench \
            setup-litellm) or --litellm names it.
            """
    )

    @OptionGroup var suite: SuiteOptions

    @Option(help: "Seconds per measurement.")
    var duration: Int = 10

    @Option(parsing: .upToNextOption, help: "Connection counts to measure.")
    var connections: [Int] = [1, 16, 64]

    @Option(help: "The litellm executable to compare against (default: \(LiteLLMProxy.defaultVenv)/bin/litellm when present).")
    var litellm: String?

    @Option(help: "How Switchyard authenticates the benchmark's requests: open (no key) or keys (a virtual key, as in production).")
    var auth: GatewayAuth = GatewayAuth.suiteDefault

    @Flag(help: "Run Switchyard with trace recording off, to measure what tracing costs.")
    var noTracing = false

    @Flag(help: "Also measure the forwarder on Hummingbird 2 + AsyncHTTPClient (hb), beside the one on Switchyard's own stack (fw).")
    var compareStacks = false

    @Flag(help: "Count the heap allocations per request of Switchyard and the forwarder (a counting allocator preloaded into each; needs a C compiler).")
    var allocations = false

    @Option(help: ArgumentHelp(
        "Also measure Switchyard sharing state through this PostgreSQL database (row switchyard-pg), beside the one on SQLite alone.",
        discussion: "postgresql://user@host:port/database?sslmode=disable; the benchmark writes keys and ledger rows into it, so give it a scratch database.",
        valueName: "url"))
    var databaseURL: String?

    @Option(help: "Also write the rows as JSON here.")
    var json: String?

    /// One measurement: a body kind, a connection count and a target.
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
        /// Heap allocations per request in the serving process, when counted (`--allocations`).
        var allocationsPerRequest: Double?
    }

    /// The JSON file: the rows plus what was (not) measured.
    struct Report: Codable {
        var suite = "overhead"
        var secondsPerMeasurement: Int
        var auth: GatewayAuth
        var nginx: String
        var litellm: String
        var rows: [Row]
    }

    func run() async throws {
        let wrk = try WrkLoad.find()
        let seconds = suite.smoke ? 1 : duration
        let conns = suite.smoke ? [4] : connections
        let harness = try BenchGateway()
        defer { harness.stop() }
        let simURL = try harness.startUpstream(name: "upstream")
        let counting = try allocations ? AllocationCounter.build(in: harness.scratch) : nil
        func counted(_ name: String) -> (environment: [String: String], file: String?) {
            guard let counting else { return ([:], nil) }
            let file = harness.scratch.appendingPathComponent("\(name).allocations").path
            return (["LD_PRELOAD": counting, AllocationCounter.fileVariable: file], file)
        }
        try harness.startGateway(
            models: ["{ name: bench, deployments: [{ provider: upstream, model: bench, price: { input: 1, output: 2 } }] }"],
            auth: auth, tracing: !noTracing, environment: counted("switchyard").environment
        )
        guard let gateway = harness.gateway, let sim = harness.upstreams.first?.process else { throw BenchError("the gateway did not start") }
        // The same gateway sharing state through PostgreSQL, in front of its own zero-latency upstream.
        let shared = try databaseURL.map { url in
            let second = try BenchGateway()
            try second.startUpstream(name: "upstream")
            try second.startGateway(
                models: ["{ name: bench, deployments: [{ provider: upstream, model: bench, price: { input: 1, output: 2 } }] }"],
                auth: auth, tracing: !noTracing, serveArguments: ["--database-url", url, "--replica", "bench"])
            return second
        }
        defer { shared?.stop() }
        // The floor: the same HTTP stack forwarding with no gateway logic (see `Forwarder`).
        let forwarder = try Subprocess(ChildProcess.selfPath, ["forwarder", "--upstream", simURL],
                                       environment: counted("forwarder").environment)
        defer { forwarder.stop() }
        let forwarderURL = try forwarder.waitFor(#"listening on (http://[0-9.:]+)"#)
        let hummingbird = try compareStacks
            ? Subprocess(ChildProcess.selfPath, ["forwarder", "--upstream", simURL, "--stack", "hummingbird"]) : nil
        defer { hummingbird?.stop() }
        let hummingbirdURL = try hummingbird?.waitFor(#"listening on (http://[0-9.:]+)"#)
        var targets = [LoadTarget(name: "direct", url: simURL, model: "bench", token: nil, process: sim, warmupSeconds: 1)]
        // A reverse proxy with no gateway logic: what the users already run, and the yardstick for CPU per request.
        let nginx = try NginxProxy.installed().map { try NginxProxy(executable: $0, upstream: simURL, scratch: harness.scratch) }
        defer { nginx?.stop() }
        if let nginx {
            targets.append(LoadTarget(name: "nginx", url: nginx.url, model: "bench", token: nil, process: nginx.process, warmupSeconds: 1))
        }
        let nginxNote = nginx.map { "\($0.version): one worker, keep-alive upstream pool (64), no buffering, no access log" }
            ?? "nginx: not installed (apt-get install nginx-light)"
        if let hummingbird, let hummingbirdURL {
            targets.append(LoadTarget(name: "hummingbird", url: hummingbirdURL, model: "bench", token: nil,
                                      process: hummingbird, warmupSeconds: 1))
        }
        targets += [
            LoadTarget(name: "forwarder", url: forwarderURL, model: "bench", token: nil, process: forwarder, warmupSeconds: 1,
                       allocationsFile: counted("forwarder").file),
            LoadTarget(name: "switchyard", url: harness.url, model: "bench", token: harness.token, process: gateway,
                       warmupSeconds: 1, allocationsFile: counted("switchyard").file),
        ]
        if let shared, let process = shared.gateway {
            targets.append(LoadTarget(name: "switchyard-pg", url: shared.url, model: "bench", token: shared.token,
                                      process: process, warmupSeconds: 1))
        }
        let (proxy, litellmNote) = try startLiteLLM(upstream: simURL, scratch: harness.scratch)
        defer { proxy?.stop() }
        if let proxy {
            // Python warms slowly (lazy imports, first-request caches): give it longer before measuring.
            targets.append(LoadTarget(name: "litellm", url: proxy.url, model: "bench", token: LiteLLMProxy.masterKey,
                                  process: proxy.process, warmupSeconds: suite.smoke ? 1 : 5))
        }
        print("overhead: wrk -t1, \(seconds) s per row, zero-latency simulated upstream; Switchyard auth: \(auth.rawValue), tracing \(noTracing ? "off" : "on")")
        print(nginxNote)
        print(litellmNote + "\n")

        let load = WrkLoad(wrk: wrk, scratch: harness.scratch)
        var rows: [Row] = []
        for (body, stream) in [("json", false), ("stream", true)] {
            for c in conns {
                for target in targets {
                    try target.warmUp(load, stream: stream, connections: c)
                    let (result, used, allocated) = try target.measureCounting(
                        load, stream: stream, connections: c, seconds: seconds)
                    rows.append(Row(
                        body: body, connections: c, target: target.name, requestsPerSecond: result.requestsPerSecond,
                        p50Micros: result.p50Micros, p99Micros: result.p99Micros, p999Micros: result.p999Micros,
                        errors: result.statusErrors + result.socketErrors,
                        cpuSecondsPer1k: used / Double(result.requests) * 1000, allocationsPerRequest: allocated
                    ))
                }
            }
        }
        print(Self.detailTable(rows))
        print("")
        print(Self.sideBySideTable(rows, nginx: nginx != nil, hummingbird: hummingbird != nil, litellm: proxy != nil,
                                   postgres: shared != nil))
        print("\n" + Self.legend(nginx: nginx != nil, hummingbird: hummingbird != nil,
                                 litellm: proxy.map { "LiteLLM \($0.version)" }, postgres: shared != nil))
        print(nginxNote)
        print(litellmNote)
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let report = Report(secondsPerMeasurement: seconds, auth: auth, nginx: nginxNote, litellm: litellmNote, rows: rows)
            try encoder.encode(report).write(to: URL(fileURLWithPath: json))
        }
    }

    /// The LiteLLM proxy when one is installed or named, and a line saying what happened either way.
    private func startLiteLLM(upstream: String, scratch: URL) throws -> (LiteLLMProxy?, String) {
        let executable: String
        if let litellm {
            executable = litellm
        } else if let installed = LiteLLMProxy.installed() {
            // Starting the proxy takes longer than a whole smoke run: smoke includes it only when asked.
            if suite.smoke { return (nil, "LiteLLM: installed but skipped in --smoke (pass --litellm \(installed) to include it)") }
            executable = installed
        } else {
            return (nil, "LiteLLM: not installed (switchyard-bench setup-litellm)")
        }
        let proxy = try LiteLLMProxy(executable: executable, upstream: upstream, model: "bench", scratch: scratch)
        return (proxy, "LiteLLM \(proxy.version) (\(executable)): one worker, no database, logging off")
    }

    /// Every measurement on its own row.
    static func detailTable(_ rows: [Row]) -> String {
        let counted = rows.contains { $0.allocationsPerRequest != nil }
        var header = ["body", "conns", "target", "req/s", "p50 µs", "p99 µs", "p99.9 µs", "errors", "CPU s/1k req"]
        if counted { header.append("allocs/req") }
        var table = ResultTable(header: header)
        for row in rows {
            let cpu = row.cpuSecondsPer1k.map { String(format: "%.3f", $0) } ?? "—"
            var cells = [row.body, String(row.connections), row.target, String(Int(row.requestsPerSecond))]
            cells += [String(Int(row.p50Micros)), String(Int(row.p99Micros)), String(Int(row.p999Micros))]
            cells += [String(row.errors), cpu]
            if counted { cells.append(row.allocationsPerRequest.map { String(format: "%.0f", $0) } ?? "—") }
            table.rows.append(cells)
        }
        return table.render()
    }

    /// Direct, nginx, the forwarder, Switchyard and LiteLLM side by side for each body and connection count, with
    /// ratios to direct, and Switchyard's CPU per request over nginx's.
    static func sideBySideTable(
        _ rows: [Row], nginx: Bool, hummingbird: Bool = false, litellm: Bool, postgres: Bool = false
    ) -> String {
        let gateways = (nginx ? ["nginx"] : []) + (hummingbird ? ["hummingbird"] : []) + ["forwarder", "switchyard"]
            + (postgres ? ["switchyard-pg"] : []) + (litellm ? ["litellm"] : [])
        let short = ["nginx": "ng", "hummingbird": "hb", "forwarder": "fw", "switchyard": "sy", "switchyard-pg": "pg",
                     "litellm": "ll"]
        var header = ["body", "conns", "direct req/s", "direct p50 µs"]
        for g in gateways {
            let s = short[g] ?? g
            header += ["\(s) req/s", "\(s) ×direct", "\(s) +p50 µs", "\(s) +p99 µs", "\(s) CPU s/1k"]
        }
        if nginx { header.append("sy ÷ ng CPU") }
        if postgres { header += ["pg − sy CPU µs/req", "pg − sy p50 µs", "pg − sy p99 µs"] }
        if litellm { header.append("sy ÷ ll req/s") }
        var table = ResultTable(header: header)
        var seen = Set<String>()
        for row in rows where row.target == "direct" && seen.insert("\(row.body)/\(row.connections)").inserted {
            func find(_ target: String) -> Row? {
                rows.first { $0.body == row.body && $0.connections == row.connections && $0.target == target }
            }
            var cells = [row.body, String(row.connections), String(Int(row.requestsPerSecond)), String(Int(row.p50Micros))]
            for g in gateways {
                guard let r = find(g) else {
                    cells += ["—", "—", "—", "—", "—"]
                    continue
                }
                cells += [
                    String(Int(r.requestsPerSecond)), String(format: "%.2f×", r.requestsPerSecond / row.requestsPerSecond),
                    String(Int(r.p50Micros - row.p50Micros)), String(Int(r.p99Micros - row.p99Micros)),
                    r.cpuSecondsPer1k.map { String(format: "%.3f", $0) } ?? "—",
                ]
            }
            if nginx {
                if let s = find("switchyard")?.cpuSecondsPer1k, let n = find("nginx")?.cpuSecondsPer1k, n > 0 {
                    cells.append(String(format: "%.1f×", s / n))
                } else {
                    cells.append("—")
                }
            }
            if postgres {
                if let s = find("switchyard"), let p = find("switchyard-pg"), let sc = s.cpuSecondsPer1k,
                   let pc = p.cpuSecondsPer1k {
                    // CPU s per 1k requests is ms per request: ×1000 for µs.
                    cells += [String(format: "%.1f", (pc - sc) * 1000), String(Int(p.p50Micros - s.p50Micros)),
                              String(Int(p.p99Micros - s.p99Micros))]
                } else {
                    cells += ["—", "—", "—"]
                }
            }
            if litellm {
                if let s = find("switchyard"), let l = find("litellm"), l.requestsPerSecond > 0 {
                    cells.append(String(format: "%.1f×", s.requestsPerSecond / l.requestsPerSecond))
                } else {
                    cells.append("—")
                }
            }
            table.rows.append(cells)
        }
        return table.render()
    }

    /// What the side-by-side columns mean.
    static func legend(nginx: Bool, hummingbird: Bool = false, litellm: String?, postgres: Bool = false) -> String {
        var text = nginx ? "ng = nginx as a plain reverse proxy; " : ""
        text += hummingbird ? "hb = a bare forwarder on Hummingbird 2 + AsyncHTTPClient;\n" : ""
        text += "fw = a bare forwarder on Switchyard's SwiftNIO stack (the floor: the stack with no gateway logic); sy = Switchyard"
        if postgres {
            text += ";\npg = Switchyard sharing state through PostgreSQL (ledger journaled locally, shipped in the background);"
            text += " pg − sy = what PostgreSQL adds per request in the gateway process (the database server's own CPU is not counted)"
        }
        if let litellm { text += ";\nll = \(litellm)" }
        text += "; ×direct = req/s relative to the upstream alone; +p50/+p99 = latency added over direct (µs);"
        text += "\nCPU s/1k = CPU seconds of the gateway process per 1,000 requests (for direct: the simulator's own)"
        text += nginx ? ";\nsy ÷ ng CPU = Switchyard's CPU per request over nginx's (the goal is at most 3×)." : "."
        return text
    }
}

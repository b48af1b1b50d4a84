import ArgumentParser
import Foundation
import Synchronization

/// A chaos soak: mixed JSON and stream load for minutes through `switchyard serve` while one upstream flaps
/// through every fault the simulator has, another refuses the gateway's key, the gateway is SIGKILLed and
/// restarted twice and the control socket is hammered. A healthy deployment exists throughout, so every request
/// that does not end while the gateway is down or in a stream already cut after its content must succeed.
struct SoakBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Chaos soak: flapping upstreams, bad credentials, two kill -9 restarts, control socket load (loopback only).",
        discussion: "Reports client-visible failures while a healthy deployment existed (goal 0), ledger against what clients were charged (goal equal), and RSS and open files over time (goal flat). --smoke runs one minute."
    )

    @OptionGroup var suite: SuiteOptions

    @Option(help: "Seconds of load.")
    var duration: Int = 600

    @Option(help: "Concurrent clients.")
    var clients: Int = 8

    @Option(help: "Seconds each fault phase of the flapping upstream lasts.")
    var phase: Double = 6

    /// The flapping upstream's phases, in `PUT /_sim/faults` JSON.
    static let phases: [(name: String, faults: String)] = [
        ("500s", #"{"error_rates":{"500":0.5,"503":0.2}}"#),
        ("429 storm", #"{"error_rates":{"429":1.0},"retry_after":1}"#),
        ("hangs", #"{"hang_rate":0.3,"hang_seconds":30}"#),
        ("cut streams", #"{"cut_rate":0.3}"#),
        ("refused", #"{"refuse_rate":1.0}"#),
        ("malformed", #"{"malformed_rate":0.3}"#),
        ("calm", "{}"),
    ]

    /// What the clients, the main loop and the reporter share.
    final class Shared: Sendable {
        let tally = Mutex(Tally())
        let restarting = Atomic<Bool>(false)
    }

    /// What the clients saw.
    struct Tally: Sendable {
        var ok = 0
        /// Failures while a healthy deployment existed and the gateway was up: the goal is none.
        var failures = 0
        /// Requests that ended while the gateway was being killed and restarted.
        var duringRestart = 0
        /// Streams cut by the upstream after content reached the client: no fallback is possible then.
        var cutAfterContent = 0
        var examples: [String] = []
        /// Request id → dollars the client was told (`x-switchyard-cost`), for answered JSON requests.
        var charged: [String: Double] = [:]
        /// Request ids of every answered request, stream or JSON.
        var answered: [String] = []
    }

    /// One sample of the gateway process.
    struct Sample {
        var pid: Int32
        var second: Int
        var rssMB: Double
        var openFiles: Int
        var ok: Int
        var failures: Int
    }

    func run() throws {
        let seconds = suite.smoke ? 60 : duration
        let harness = try BenchGateway()
        defer { harness.stop() }
        try harness.startUpstream(name: "steady")
        try harness.startUpstream(name: "flappy")
        try harness.startUpstream(name: "keyed", extra: ["--api-key", "sk-the-right-key-000000000000"])
        let port = try HTTPProbe.freePort()
        try harness.startGateway(
            models: [
                "{ name: chat, strategy: weighted, deployments: [{ provider: steady, model: soak, price: { input: 1, output: 2 } }, { provider: flappy, model: soak, price: { input: 1, output: 2 } }, { provider: keyed, model: soak, price: { input: 1, output: 2 } }] }",
            ],
            auth: .keys, listen: "127.0.0.1:\(port)",
            providerFields: [
                "flappy": "timeouts: { first_token: 1s, response: 2s }",
                "keyed": "api_key_env: SOAK_WRONG_KEY",
            ],
            environment: ["SOAK_WRONG_KEY": "sk-wrong-key-0123456789abcdef"])
        let base = harness.url
        guard let token = harness.token, let flappy = harness.upstreams.first(where: { $0.name == "flappy" }) else {
            throw BenchError("the soak needs a key and the flapping upstream")
        }
        print("soak: \(seconds) s, \(clients) clients (half JSON, half streams) on model 'chat' over steady / flappy /")
        print("keyed (refuses the gateway's key); flappy cycles \(Self.phases.map(\.name).joined(separator: ", ")) every")
        print("\(String(format: "%g", phase)) s; the gateway is killed with SIGKILL and restarted at 1/3 and 2/3; ctl")
        print("status and weight changes run against the control socket throughout.\n")

        let shared = Shared()
        let deadline = Date().addingTimeInterval(Double(seconds))
        let group = DispatchGroup()
        func spawn(_ body: @escaping @Sendable () -> Void) {
            group.enter()
            Thread {
                body()
                group.leave()
            }.start()
        }
        for worker in 0..<clients {
            spawn {
                Self.client(worker: worker, base: base, token: token, until: deadline, shared: shared)
            }
        }
        let phaseSeconds = phase
        spawn { Self.flap(flappy.url, every: phaseSeconds, until: deadline) }
        let binary = harness.binary
        let socket = harness.socketPath
        spawn { Self.hammer(binary: binary, socket: socket, until: deadline) }

        var samples: [Sample] = []
        let start = Date()
        let kills = [Double(seconds) / 3, Double(seconds) * 2 / 3]
        var killed = 0
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 1)
            let elapsed = Date().timeIntervalSince(start)
            if killed < kills.count, elapsed >= kills[killed] {
                shared.restarting.store(true, ordering: .sequentiallyConsistent)
                try harness.killAndRestartGateway()
                // In-flight requests of the killed process fail for a moment after the new one listens.
                Thread.sleep(forTimeInterval: 0.5)
                shared.restarting.store(false, ordering: .sequentiallyConsistent)
                killed += 1
                print("soak: t=\(Int(elapsed)) s: gateway killed with SIGKILL and restarted")
            }
            if Int(elapsed) % 10 == 0, let pid = harness.gateway?.process.processIdentifier {
                let counts = shared.tally.withLock { ($0.ok, $0.failures) }
                samples.append(Sample(pid: pid, second: Int(elapsed), rssMB: Self.rssMB(pid), openFiles: Self.openFiles(pid),
                                      ok: counts.0, failures: counts.1))
            }
        }
        group.wait()
        // A clean stop, so the ledger file is complete and readable.
        harness.gateway?.stop()
        let final = shared.tally.withLock { $0 }
        let ledger = try Self.ledger(harness.stateDirectory)
        try report(final, ledger: ledger, samples: samples, seconds: seconds, kills: killed)
    }

    /// One client: alternating JSON and streams, each with its own request id, until `deadline`.
    private static func client(
        worker: Int, base: String, token: String, until deadline: Date, shared: Shared
    ) {
        var n = 0
        while Date() < deadline {
            n += 1
            let id = "soak-\(worker)-\(n)"
            let stream = (worker + n) % 2 == 1
            let body = #"{"model":"chat","stream":\#(stream),"max_tokens":16,"messages":[{"role":"user","content":"soak \#(n)"}]}"#
            let wasRestarting = shared.restarting.load(ordering: .sequentiallyConsistent)
            var outcome: String?
            var cutAfterContent = false
            var cost: Double?
            do {
                let response = try HTTPProbe.send(
                    "POST", base + "/v1/chat/completions", body: body,
                    headers: ["authorization": "Bearer \(token)", "content-type": "application/json", "x-request-id": id],
                    timeout: 60)
                if response.status != 200 {
                    outcome = "\(response.status) \(response.body.prefix(160))"
                } else if stream, !response.body.contains("data: [DONE]") {
                    outcome = "stream ended without [DONE]: \(response.body.suffix(160))"
                    cutAfterContent = response.body.contains("\"content\"")
                } else if !stream {
                    cost = response.headers["x-switchyard-cost"].flatMap(Double.init)
                }
            } catch {
                outcome = "\(error)"
                // Nothing listens while the gateway restarts: do not spin.
                Thread.sleep(forTimeInterval: 0.05)
            }
            let duringRestart = wasRestarting || shared.restarting.load(ordering: .sequentiallyConsistent)
            shared.tally.withLock { t in
                guard let outcome else {
                    t.ok += 1
                    t.answered.append(id)
                    if let cost { t.charged[id] = cost }
                    return
                }
                if duringRestart {
                    t.duringRestart += 1
                } else if cutAfterContent {
                    t.cutAfterContent += 1
                } else {
                    t.failures += 1
                    if t.examples.count < 5 { t.examples.append("\(id): \(outcome)") }
                }
            }
        }
    }

    /// Cycles the flapping upstream through every fault phase.
    private static func flap(_ upstream: String, every seconds: Double, until deadline: Date) {
        var i = 0
        while Date() < deadline {
            _ = try? HTTPProbe.send("PUT", upstream + "/_sim/faults", body: phases[i % phases.count].faults)
            i += 1
            Thread.sleep(forTimeInterval: min(seconds, max(0, deadline.timeIntervalSinceNow)))
        }
        _ = try? HTTPProbe.send("PUT", upstream + "/_sim/faults", body: "{}")
    }

    /// `ctl status` and weight changes over the control socket, back to back.
    private static func hammer(binary: String, socket: String, until deadline: Date) {
        var n = 0
        while Date() < deadline {
            n += 1
            let arguments = n % 3 == 0
                ? ["ctl", "weight", "chat/steady", String(1 + n % 4), "--socket", socket]
                : ["ctl", "status", "--socket", socket]
            if let ctl = try? Subprocess(binary, arguments) { _ = ctl.waitUntilExit() }
        }
    }

    /// The ledger's rows: request id → (status, cost).
    private static func ledger(_ stateDirectory: String) throws -> [String: (status: Int, cost: Double)] {
        let database = stateDirectory + "/switchyard.db"
        let sqlite = try Subprocess("/usr/bin/env", ["sqlite3", "-separator", "|", database,
                                                     "SELECT request_id, status, cost FROM ledger"])
        guard sqlite.waitUntilExit() == 0 else { throw BenchError("sqlite3 could not read \(database): \(sqlite.output)") }
        var rows: [String: (Int, Double)] = [:]
        for line in sqlite.output.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count == 3, let status = Int(fields[1]) else { continue }
            rows[String(fields[0])] = (status, Double(fields[2]) ?? 0)
        }
        return rows
    }

    private func report(
        _ t: Tally, ledger: [String: (status: Int, cost: Double)], samples: [Sample], seconds: Int, kills: Int
    ) throws {
        let missing = t.answered.filter { ledger[$0]?.status != 200 }
        var chargedDifferently = 0
        var clientDollars = 0.0
        var ledgerDollars = 0.0
        for (id, cost) in t.charged {
            clientDollars += cost
            let row = ledger[id]?.cost ?? 0
            ledgerDollars += row
            if abs(row - cost) > 1e-9 { chargedDifferently += 1 }
        }
        var table = ResultTable(header: ["t s", "RSS MB", "open files", "answered", "failures"])
        for s in samples {
            table.rows.append([String(s.second), String(format: "%.1f", s.rssMB), String(s.openFiles), String(s.ok),
                               String(s.failures)])
        }
        print(table.render())
        print("")
        var summary = ResultTable(header: ["measure", "value", "goal"])
        summary.rows = [
            ["requests answered", String(t.ok), ""],
            ["client-visible failures, healthy deployment present", String(t.failures), "0"],
            ["ended while the gateway was killed / restarting", String(t.duringRestart), "(\(kills) kill -9)"],
            ["streams cut by the upstream after content", String(t.cutAfterContent), "(no fallback possible)"],
            ["answered requests missing from the ledger", String(missing.count), "0"],
            ["JSON answers charged differently from the ledger", String(chargedDifferently), "0"],
            ["dollars: clients were told / ledger holds", String(format: "%.6f / %.6f", clientDollars, ledgerDollars), "equal"],
        ]
        // Per gateway process (each restart is a new one): from 30 s into its life, once its trace ring and
        // caches have filled, to its last sample.
        var rss: [String] = []
        var files: [String] = []
        var seen: [Int32] = []
        for s in samples where !seen.contains(s.pid) { seen.append(s.pid) }
        for pid in seen {
            let mine = samples.filter { $0.pid == pid }
            guard let born = mine.first?.second, let settled = mine.first(where: { $0.second >= born + 30 }),
                  let last = mine.last, last.second > settled.second else { continue }
            rss.append(String(format: "%.1f→%.1f", settled.rssMB, last.rssMB))
            files.append("\(settled.openFiles)→\(last.openFiles)")
        }
        if !rss.isEmpty {
            summary.rows.append(["RSS MB per process, 30 s in → end", rss.joined(separator: ", "), "flat"])
            summary.rows.append(["open files per process, 30 s in → end", files.joined(separator: ", "), "flat"])
        }
        print(summary.render())
        for example in t.examples { print("  failure: \(example)") }
        for id in missing.prefix(5) { print("  missing from the ledger: \(id)") }
        if t.failures > 0 || !missing.isEmpty || chargedDifferently > 0 {
            throw BenchError("the soak missed its goals (failures \(t.failures), missing ledger rows \(missing.count), charge mismatches \(chargedDifferently))")
        }
        guard t.ok > 0 else { throw BenchError("no request was answered") }
    }

    private static func rssMB(_ pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return kb / 1024
    }

    private static func openFiles(_ pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0
    }
}

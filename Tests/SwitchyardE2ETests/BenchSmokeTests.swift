import Foundation
import SwitchyardTestSupport
import Testing

extension SerialEndToEnd {
    /// Every benchmark suite runs in its smoke mode against the built binaries and prints its table, so the runner
    /// cannot rot between real measurements. No figure is asserted: only that the suite works end to end.
    @Suite(.serialized) struct BenchSmokeTests {
        /// The suites the `switchyard-bench` binary offers, each with a word its table header must contain.
        static let suites: [(name: String, header: String)] = [
            ("engine", "allocs/request"), ("render", "µs/frame"), ("overhead", "direct req/s"), ("faults", "success"),
            ("ledger", "rows/s"), ("admission", "ns/request"), ("memory", "bytes/trace"), ("soak", "RSS MB"),
            ("tasks", "mean µs"),
        ]

        @Test(arguments: suites.map(\.name))
        func suiteRunsInSmokeModeAndPrintsItsTable(_ suite: String) async throws {
            let bench = try BenchBinary.path()
            let header = try #require(Self.suites.first { $0.name == suite }?.header)
            let dir = try TestPaths.scratch("bench-\(suite)")
            defer { try? FileManager.default.removeItem(at: dir) }
            var arguments = [bench, suite, "--smoke"]
            let json = dir.appendingPathComponent("\(suite).json")
            let writesJSON = ["overhead", "faults", "memory"].contains(suite)
            if writesJSON { arguments += ["--json", json.path] }
            // The allocation counter is preloaded into the gateway and the forwarder: its column must fill.
            if suite == "overhead" { arguments.append("--allocations") }
            // Switchyard on PostgreSQL is measured beside Switchyard on SQLite.
            if suite == "overhead" {
                arguments += ["--database-url", try PostgresTestCluster.shared().createDatabase(prefix: "bench").url]
            }

            let outcome = try await Spawn.run(arguments)
            #expect(outcome.status == 0, "switchyard-bench \(suite) --smoke exited \(outcome.status):\n\(outcome.stdout)\n\(outcome.stderr)")
            // A table is a header line, a rule of dashes, and at least one row.
            let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let rules = lines.indices.filter { i in
                lines[i].contains("--") && lines[i].allSatisfy { $0 == "-" || $0 == " " }
            }
            #expect(!rules.isEmpty, "no table in the output of \(suite):\n\(outcome.stdout)")
            let table = rules.first { i in i > 0 && lines[i - 1].contains(header) }
            #expect(table != nil, "no \(suite) table with '\(header)' in its header:\n\(outcome.stdout)")
            if let table {
                #expect(table + 1 < lines.count && !lines[table + 1].isEmpty, "the \(suite) table has no rows:\n\(outcome.stdout)")
            }
            if suite == "overhead" {
                #expect(outcome.stdout.contains("allocs/req"), "no allocation column:\n\(outcome.stdout)")
                #expect(outcome.stdout.contains("pg − sy CPU µs/req"), "no PostgreSQL column:\n\(outcome.stdout)")
                // Whether or not LiteLLM and nginx are installed, the output says what happened to their columns.
                #expect(outcome.stdout.contains("LiteLLM"), "the overhead suite does not report on LiteLLM:\n\(outcome.stdout)")
                #expect(outcome.stdout.contains("nginx"), "the overhead suite does not report on nginx:\n\(outcome.stdout)")
            }
            if writesJSON {
                let data = try Data(contentsOf: json)
                let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                let rows = report["rows"] as? [[String: Any]] ?? []
                #expect(!rows.isEmpty, "the \(suite) JSON has no rows: \(String(decoding: data, as: UTF8.self))")
                if suite == "overhead" {
                    // The floor (a bare forwarder on the same stack) is measured beside Switchyard in every run.
                    let targets = Set(rows.compactMap { $0["target"] as? String })
                    #expect(targets.isSuperset(of: ["direct", "forwarder", "switchyard", "switchyard-pg"]),
                            "overhead measured \(targets.sorted())")
                    // nginx, the reverse proxy users already run, is measured in the same run wherever it is installed.
                    if FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") {
                        #expect(targets.contains("nginx"), "overhead measured \(targets.sorted())")
                    }
                }
            }
        }

        @Test func aBrokenSetupFailsLoudly() async throws {
            // No wrk on PATH: the load suites must refuse to run, and say why.
            let bench = try BenchBinary.path()
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = "/nonexistent"
            let outcome = try await Spawn.run([bench, "overhead", "--smoke"], environment: environment)
            #expect(outcome.status != 0, "overhead ran without wrk:\n\(outcome.stdout)")
            #expect((outcome.stdout + outcome.stderr).contains("wrk"), "the failure does not name wrk:\n\(outcome.stderr)")
        }
    }
}

/// The `switchyard-bench` executable built beside the test runner (or named by SWITCHYARD_BENCH_BIN).
enum BenchBinary {
    static func path() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["SWITCHYARD_BENCH_BIN"] { return explicit }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle directory.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("switchyard-bench").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw TmuxSession.Failure(description: "switchyard-bench not found next to \(exe.path); set SWITCHYARD_BENCH_BIN")
    }
}

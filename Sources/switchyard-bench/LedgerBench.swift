import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardStore

/// Durable ledger cost: group-commit write throughput and latency, and the start-up spend queries over a big ledger.
struct LedgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "SQLite ledger: rows/s and µs per durable append (1/16/64 appenders), spend queries over 1M rows.",
        discussion: "Writes to a temporary file database (WAL, synchronous=NORMAL) that is removed afterwards."
    )

    @OptionGroup var suite: SuiteOptions

    func run() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-ledger-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        try await writes(in: dir.path)
        try queries(in: dir.path)
    }

    private func writes(in base: String) async throws {
        let rowsPerRun = suite.smoke ? 2_000 : 100_000
        var table = ResultTable(header: [
            "appenders", "rows", "rows/s", "µs/append (wall)", "µs latency mean", "µs latency p99", "rows/commit",
        ])
        for appenders in [1, 16, 64] {
            let db = try StoreDatabase(directory: base + "/writes-\(appenders)")
            let writer = LedgerWriter(database: db)
            let perAppender = rowsPerRun / appenders
            let clock = Stopwatch()
            let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
                for lane in 0..<appenders {
                    group.addTask {
                        var own: [Double] = []
                        own.reserveCapacity(perAppender)
                        for i in 0..<perAppender {
                            let entry = Self.entry(lane * perAppender + i, time: 1_700_000_000 + Double(i))
                            let t = Stopwatch()
                            try await writer.append(entry)
                            own.append(t.seconds)
                        }
                        return own
                    }
                }
                var all: [Double] = []
                for try await part in group { all += part }
                return all
            }
            let wall = clock.seconds
            await writer.close()
            let stats = writer.stats
            guard try db.ledgerCount() == latencies.count, stats.rows == latencies.count else {
                throw ValidationError("ledger lost rows")
            }
            try db.close()
            let sorted = latencies.sorted()
            let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
            table.rows.append([
                "\(appenders)", "\(latencies.count)", fmt(Double(latencies.count) / wall),
                fmt(wall / Double(latencies.count) * 1e6), fmt(sorted.reduce(0, +) / Double(sorted.count) * 1e6),
                fmt(p99 * 1e6), fmt(Double(stats.rows) / Double(max(1, stats.batches))),
            ])
        }
        print("ledger writes: each appender awaits durability (group commit, WAL, synchronous=NORMAL)\n")
        print(table.render())
    }

    private func queries(in base: String) throws {
        let total = suite.smoke ? 100_000 : 1_000_000
        let db = try StoreDatabase(directory: base + "/queries")
        // 30 days of traffic from 1,000 keys in 20 teams over 10 models.
        let start = 1_700_000_000.0
        let span = 30 * 86_400.0
        let chunk = 50_000
        let fill = Stopwatch()
        for first in stride(from: 0, to: total, by: chunk) {
            let entries = (first..<min(total, first + chunk)).map { i in
                Self.entry(i, time: start + span * Double(i) / Double(total))
            }
            try db.insertLedger(entries)
        }
        let fillSeconds = fill.seconds
        let end = start + span

        let budgetSet: [SpendQuery] =
            [SpendQuery(scope: .global, since: end - 86_400), SpendQuery(scope: .global, since: start)]
            + (0..<20).map { SpendQuery(scope: .team("team-\($0)"), since: end - 7 * 86_400) }
            + (0..<25).map { SpendQuery(scope: .key("key-\($0 * 40)"), since: end - 86_400) }
            + (0..<3).map { SpendQuery(scope: .model("model-\($0)"), since: start) }
        let cases: [(String, () throws -> Int)] = [
            ("spent: global, all rows", { try db.spent([SpendQuery(scope: .global, since: 0)]).count }),
            ("spent: global, last day", { try db.spent([SpendQuery(scope: .global, since: end - 86_400)]).count }),
            ("spent: one key, 30 days", { try db.spent([SpendQuery(scope: .key("key-7"), since: start)]).count }),
            ("spent: one team, 30 days", { try db.spent([SpendQuery(scope: .team("team-3"), since: start)]).count }),
            ("spent: \(budgetSet.count) budgets (start-up)", { try db.spent(budgetSet).count }),
            ("buckets: last day, 60 s", { try db.buckets(since: end - 86_400, width: 60).count }),
            ("report by key: all rows", { try db.report(by: .key, since: 0).count }),
        ]
        var table = ResultTable(header: ["query over \(total) rows", "ms (median of 5)", "result rows"])
        for (label, body) in cases {
            var times: [Double] = []
            var count = 0
            for _ in 0..<5 {
                let t = Stopwatch()
                count = try body()
                times.append(t.seconds)
            }
            times.sort()
            table.rows.append([label, fmt(times[2] * 1e3), "\(count)"])
        }
        try db.close()
        print("\nledger queries: \(total) rows filled in \(fmt(fillSeconds)) s (bulk, \(chunk) rows per transaction)\n")
        print(table.render())
    }

    private static func entry(_ i: Int, time: Double) -> LedgerEntry {
        let key = i % 1_000
        return LedgerEntry(
            time: time, requestID: "req-\(i)", key: "key-\(key)", team: "team-\(key % 20)", model: "model-\(i % 10)",
            deployment: "provider-\(i % 3)/model-\(i % 10)", inputTokens: 200 + i % 900, outputTokens: 50 + i % 400,
            cost: Double(1 + i % 50) * 1e-4, costKnown: i % 101 != 0, status: i % 37 == 0 ? 503 : 200)
    }

    private func fmt(_ v: Double) -> String { v >= 100 ? String(Int(v.rounded())) : String(format: "%.2f", v) }
}

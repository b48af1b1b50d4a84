import ArgumentParser
import Foundation
import SwitchyardCore
import SwitchyardStore
#if canImport(Glibc)
import Glibc
#endif

/// What traces cost to keep: resident memory of the in-memory ring per trace, and bytes per trace in the SQLite
/// archive.
struct MemoryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Trace memory: resident bytes per trace in the recorder's ring (10k, 100k) and bytes per trace in SQLite.",
        discussion: "Each ring size is measured in a fresh child process (resident set from /proc/self/statm before "
            + "and after filling). The archive is a temporary file database that is removed afterwards."
    )

    @OptionGroup var suite: SuiteOptions

    @Option(help: "Also write the rows as JSON here.")
    var json: String?

    @Option(help: .hidden) var measureRing: Int?

    /// One measurement.
    struct Row: Codable {
        /// "ring" or "sqlite".
        var store: String
        var traces: Int
        var bytes: Int
        var bytesPerTrace: Double
        /// SQLite only: mean JSON text per trace, inserts per second, ms for a filtered list of 50.
        var jsonBytesPerTrace: Double?
        var insertsPerSecond: Double?
        /// Microseconds to encode one trace as JSON (part of each insert).
        var encodeMicros: Double?
        var listMillis: Double?
        /// SQLite only: ms for a list whose filter SQL cannot narrow and nothing matches (every row decoded).
        var scanMillis: Double?
    }

    struct Report: Codable {
        var rows: [Row]
    }

    func run() async throws {
        if let measureRing { return try Self.measureRingInThisProcess(measureRing) }
        let sizes = suite.smoke ? [1_000] : [10_000, 100_000]
        var rows: [Row] = []
        for size in sizes { rows.append(try ring(size)) }
        for size in sizes { rows.append(try await sqlite(size)) }

        var ringTable = ResultTable(header: ["ring traces", "resident MiB", "bytes/trace"])
        for row in rows where row.store == "ring" {
            ringTable.rows.append([String(row.traces), mib(row.bytes), String(Int(row.bytesPerTrace.rounded()))])
        }
        print("trace ring: resident memory added by a TraceRecorder holding N traces (no bodies)\n")
        print(ringTable.render())
        var dbTable = ResultTable(header: [
            "sqlite traces", "database MiB", "bytes/trace", "JSON bytes/trace", "inserts/s", "JSON µs/trace",
            "list 50 ms", "full scan ms",
        ])
        for row in rows where row.store == "sqlite" {
            dbTable.rows.append([
                String(row.traces), mib(row.bytes), String(Int(row.bytesPerTrace.rounded())),
                String(Int((row.jsonBytesPerTrace ?? 0).rounded())), String(Int((row.insertsPerSecond ?? 0).rounded())),
                String(format: "%.1f", row.encodeMicros ?? 0), String(format: "%.2f", row.listMillis ?? 0),
                String(format: "%.0f", row.scanMillis ?? 0),
            ])
        }
        print("\ntrace archive: page_count × page_size of a database holding only traces, "
              + "batches of 500 per transaction; list = status>=500, newest 50; "
              + "full scan = class=timeout, which no row matches and SQL cannot narrow\n")
        print(dbTable.render())
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(Report(rows: rows)).write(to: URL(fileURLWithPath: json))
        }
    }

    /// Runs this binary again to fill a ring of `size` in a fresh process, so no earlier heap skews the figure.
    private func ring(_ size: Int) throws -> Row {
        let outcome = try ChildProcess.run([ChildProcess.selfPath, "memory", "--measure-ring", String(size)])
        guard outcome.status == 0,
              let line = outcome.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let row = try? JSONDecoder().decode(Row.self, from: Data(line.utf8)) else {
            throw BenchError("the ring measurement of \(size) traces failed (exit \(outcome.status)):\n\(outcome.output)")
        }
        return row
    }

    /// The child's side: resident bytes before and after recording `size` traces, as one JSON line.
    static func measureRingInThisProcess(_ size: Int) throws {
        let workload = TraceWorkload()
        var config = TracingConfig()
        config.ringCapacity = size
        let recorder = TraceRecorder(config: config)
        // Warm up the allocator and the code paths on a throwaway recorder first.
        let warm = TraceRecorder(config: config)
        for i in 0..<min(size, 1_000) { warm.record(workload.trace(i, time: 1_800_000_000)) }
        let before = residentBytes()
        for i in 0..<size { recorder.record(workload.trace(i, time: 1_800_000_000 + Double(i) * 0.01)) }
        let after = residentBytes()
        guard recorder.count == size else { throw BenchError("the ring holds \(recorder.count) of \(size) traces") }
        let bytes = max(0, after - before)
        let row = Row(store: "ring", traces: size, bytes: bytes, bytesPerTrace: Double(bytes) / Double(size))
        print(String(decoding: try JSONEncoder().encode(row), as: UTF8.self))
        withExtendedLifetime((recorder, warm)) {}
    }

    private func sqlite(_ size: Int) async throws -> Row {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-memory-bench-\(getpid())-\(size)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = try TraceDatabase(directory: dir.path)
        let store = TraceStore(database: database, capacity: size)
        let workload = TraceWorkload()
        var jsonBytes = 0
        var seconds = 0.0
        var encodeSeconds = 0.0
        let batch = 500
        for first in stride(from: 0, to: size, by: batch) {
            let traces = (first..<min(size, first + batch)).map { workload.trace($0, time: 1_800_000_000 + Double($0) * 0.01) }
            let encoding = Stopwatch()
            jsonBytes += traces.reduce(0) { $0 + TraceJSON.encode($1).utf8.count }
            encodeSeconds += encoding.seconds
            // Only the store is timed: encoding to JSON and writing, as the flush loop pays them.
            let clock = Stopwatch()
            try await store.store(traces)
            seconds += clock.seconds
        }
        guard try store.count() == size else { throw BenchError("the archive holds \(try store.count()) of \(size) traces") }
        let list = Stopwatch()
        let failed = try await store.traces(matching: TraceQuery(filter: try RequestFilter(parsing: "status>=500"), limit: 50))
        let listMillis = list.seconds * 1e3
        guard !failed.isEmpty else { throw BenchError("the archive lists no failed traces") }
        // The worst case: a term SQL cannot narrow that matches nothing, so every row is read and decoded.
        let scan = Stopwatch()
        let none = try await store.traces(matching: TraceQuery(filter: try RequestFilter(parsing: "class=timeout"), limit: 50))
        let scanMillis = scan.seconds * 1e3
        guard none.isEmpty else { throw BenchError("the archive lists timeouts the workload never made") }
        let bytes = try store.databaseBytes()
        try database.close()
        return Row(store: "sqlite", traces: size, bytes: bytes, bytesPerTrace: Double(bytes) / Double(size),
                   jsonBytesPerTrace: Double(jsonBytes) / Double(size),
                   insertsPerSecond: Double(size) / seconds, encodeMicros: encodeSeconds / Double(size) * 1e6,
                   listMillis: listMillis, scanMillis: scanMillis)
    }

    /// Resident set size of this process, from /proc/self/statm (pages × page size).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(getpagesize())
    }

    private func mib(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }
}

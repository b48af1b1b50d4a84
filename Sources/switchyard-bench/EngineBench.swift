import Foundation
import ArgumentParser
import SwitchyardCore

/// Routing + accounting cost per request, heap allocations per request, and the cost of a dashboard snapshot; each
/// with and without trace recording, side by side.
struct EngineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Engine cost per request (route, attempt loop, metrics, spend) and per snapshot; allocations of each."
    )

    @OptionGroup var suite: SuiteOptions

    /// Runs only the counted section and prints the counts: the suite re-runs itself this way with the counting
    /// allocator preloaded, so the timed runs stay free of its (small) cost.
    @Flag(help: .hidden) var countAllocations = false

    static let catalogSizes = [12, 100]

    /// One measured configuration: a catalog size, with or without a trace recorder.
    struct Case: Hashable {
        var deployments: Int
        var traced: Bool
    }

    static let cases = catalogSizes.flatMap { [Case(deployments: $0, traced: false), Case(deployments: $0, traced: true)] }

    /// One catalog size's engine, requests and warm-up, identical in the timed and the counted runs.
    struct Workload {
        let catalog: Catalog
        let engine: GatewayEngine
        let requests: [GatewayRequest]

        init(_ setup: Case, requests count: Int) async throws {
            catalog = SyntheticCatalog.make(deployments: setup.deployments)
            // The ring holds 10k traces, as in production: once full, every request also replaces the oldest.
            engine = try GatewayEngine(
                catalog: catalog, transport: InstantTransport(failureEvery: 50), clock: NoWaitClock(),
                tracer: setup.traced ? TraceRecorder() : nil)
            let models = catalog.models.map(\.name)
            requests = (0..<count).map { i in
                GatewayRequest(id: "req-\(i)", model: models[i % models.count], key: "key-\(i % 8)", team: "team-\(i % 3)", inputTokens: 300 + i % 700)
            }
            for request in requests.prefix(1_000) { _ = await engine.handle(request) }
        }
    }

    /// Allocations counted in the child run, by catalog size.
    struct Allocations {
        var perRequest: Double
        var bytesPerRequest: Double
        var perSnapshot: Double
    }

    func run() async throws {
        let requests = suite.smoke ? 2_000 : 200_000
        let snapshots = suite.smoke ? 20 : 400
        if countAllocations {
            try await printAllocationCounts(requests: min(requests, 20_000), snapshots: snapshots)
            return
        }
        let (allocations, note) = try measureAllocations()
        var table = ResultTable(header: [
            "deployments", "tracing", "ns/request (1 task)", "ns/request (2 tasks)", "req/s (2 tasks)", "µs/snapshot",
            "allocs/request", "bytes/request", "allocs/snapshot",
        ])
        for setup in Self.cases {
            let workload = try await Workload(setup, requests: requests)
            let engine = workload.engine

            let sequential = Stopwatch()
            for request in workload.requests { _ = await engine.handle(request) }
            let perSequential = sequential.seconds / Double(requests) * 1e9

            let parallel = Stopwatch()
            let all = workload.requests
            await withTaskGroup(of: Void.self) { group in
                for lane in 0..<2 {
                    group.addTask {
                        for i in stride(from: lane, to: all.count, by: 2) { _ = await engine.handle(all[i]) }
                    }
                }
            }
            let parallelSeconds = parallel.seconds
            let perParallel = parallelSeconds / Double(requests) * 1e9

            let info = GatewayInfo(mode: "bench", address: nil, version: SwitchyardVersion.current, startedAt: 0)
            let snap = Stopwatch()
            var checksum = 0
            for _ in 0..<snapshots { checksum &+= engine.snapshot(info: info).deployments.count }
            let perSnapshot = snap.seconds / Double(snapshots) * 1e6
            guard checksum == snapshots * workload.catalog.deployments.count else { throw ValidationError("snapshot lost deployments") }

            let counted = allocations[setup]
            table.rows.append([
                "\(workload.catalog.deployments.count)", setup.traced ? "on" : "off", fmt(perSequential), fmt(perParallel), fmt(Double(requests) / parallelSeconds),
                fmt(perSnapshot), counted.map { fmt($0.perRequest) } ?? "—", counted.map { fmt($0.bytesPerRequest) } ?? "—",
                counted.map { fmt($0.perSnapshot) } ?? "—",
            ])
        }
        print("engine: in-process, instant upstream, 2% first-attempt 503s (retried)\n")
        print(table.render())
        print("\nallocs = calls into malloc/calloc/realloc/aligned allocators on all threads during sequential requests")
        print("(Swift task frames come from a per-task slab and are not counted separately); bytes = bytes asked for.")
        if let note { print(note) }
    }

    /// Re-runs this suite with the counting allocator preloaded; the counts by catalog size, or why there are none
    /// (no C compiler). A counting run that fails is a broken suite and throws.
    private func measureAllocations() throws -> ([Case: Allocations], String?) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-bench-alloc-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let library: String
        do {
            library = try AllocationCounter.build(in: directory)
        } catch {
            return ([:], "allocations: not counted, \(error)")
        }
        var arguments = [ChildProcess.selfPath, "engine", "--count-allocations"]
        if suite.smoke { arguments.append("--smoke") }
        let outcome = try ChildProcess.run(arguments, environment: ["LD_PRELOAD": library])
        guard outcome.status == 0 else {
            throw BenchError("the allocation counting run failed (status \(outcome.status)):\n\(outcome.output.suffix(1_500))")
        }
        var counts: [Case: Allocations] = [:]
        for line in outcome.output.split(separator: "\n") where line.hasPrefix("ALLOCATIONS ") {
            let f = line.split(separator: " ").dropFirst().compactMap { Double($0) }
            guard f.count == 8, f[4] > 0, f[6] > 0 else { continue }
            counts[Case(deployments: Int(f[0]), traced: f[1] == 1)] =
                Allocations(perRequest: f[2] / f[4], bytesPerRequest: f[3] / f[4], perSnapshot: f[5] / f[6])
        }
        guard counts.count == Self.cases.count, counts.values.allSatisfy({ $0.perRequest > 0 }) else {
            throw BenchError("the allocation counting run printed no counts:\n\(outcome.output.suffix(1_500))")
        }
        return (counts, nil)
    }

    /// The child run: for each catalog size, allocations around sequential requests and around snapshots.
    private func printAllocationCounts(requests: Int, snapshots: Int) async throws {
        guard AllocationCounter.current() != nil else {
            throw BenchError("--count-allocations needs the counting library in LD_PRELOAD (the engine suite sets it)")
        }
        let info = GatewayInfo(mode: "bench", address: nil, version: SwitchyardVersion.current, startedAt: 0)
        for setup in Self.cases {
            let workload = try await Workload(setup, requests: requests)
            guard let start = AllocationCounter.current() else { throw BenchError("the allocation counter went away") }
            for request in workload.requests { _ = await workload.engine.handle(request) }
            guard let afterRequests = AllocationCounter.current() else { throw BenchError("the allocation counter went away") }
            var checksum = 0
            for _ in 0..<snapshots { checksum &+= workload.engine.snapshot(info: info).deployments.count }
            guard let afterSnapshots = AllocationCounter.current() else { throw BenchError("the allocation counter went away") }
            let r = afterRequests - start, s = afterSnapshots - afterRequests
            print("ALLOCATIONS \(workload.catalog.deployments.count) \(setup.traced ? 1 : 0) \(r.calls) \(r.bytes) \(requests) \(s.calls) \(snapshots) \(checksum)")
        }
    }

    private func fmt(_ v: Double) -> String { v >= 100 ? String(Int(v.rounded())) : String(format: "%.1f", v) }
}

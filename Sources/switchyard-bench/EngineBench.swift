import Foundation
import ArgumentParser
import SwitchyardCore

/// Routing + accounting cost per request, and the cost of building a dashboard snapshot.
struct EngineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Engine cost per request (route, attempt loop, metrics, spend) and per snapshot."
    )

    @OptionGroup var suite: SuiteOptions

    func run() async throws {
        let requests = suite.smoke ? 2_000 : 200_000
        let snapshots = suite.smoke ? 20 : 400
        var table = ResultTable(header: ["deployments", "ns/request (1 task)", "ns/request (2 tasks)", "req/s (2 tasks)", "µs/snapshot"])
        for size in [12, 100] {
            let catalog = SyntheticCatalog.make(deployments: size)
            let engine = try GatewayEngine(catalog: catalog, transport: InstantTransport(failureEvery: 50), clock: NoWaitClock())
            let models = catalog.models.map(\.name)
            let ids = (0..<requests).map { "req-\($0)" }
            func request(_ i: Int) -> GatewayRequest {
                GatewayRequest(id: ids[i], model: models[i % models.count], key: "key-\(i % 8)", team: "team-\(i % 3)", inputTokens: 300 + i % 700)
            }
            for i in 0..<min(requests, 1_000) { _ = await engine.handle(request(i)) }

            let sequential = Stopwatch()
            for i in 0..<requests { _ = await engine.handle(request(i)) }
            let perSequential = sequential.seconds / Double(requests) * 1e9

            let parallel = Stopwatch()
            await withTaskGroup(of: Void.self) { group in
                for lane in 0..<2 {
                    group.addTask {
                        for i in stride(from: lane, to: requests, by: 2) { _ = await engine.handle(request(i)) }
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
            guard checksum == snapshots * catalog.deployments.count else { throw ValidationError("snapshot lost deployments") }

            table.rows.append([
                "\(catalog.deployments.count)", fmt(perSequential), fmt(perParallel), fmt(Double(requests) / parallelSeconds), fmt(perSnapshot),
            ])
        }
        print("engine: in-process, instant upstream, 2% first-attempt 503s (retried)\n")
        print(table.render())
    }

    private func fmt(_ v: Double) -> String { v >= 100 ? String(Int(v.rounded())) : String(format: "%.1f", v) }
}

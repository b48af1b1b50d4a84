import Testing
@testable import SwitchyardCore

@Suite struct ConcurrencyTests {
    @Test func concurrentRequestsAreAllAccountedFor() async throws {
        let h = try Harness()
        let n = 2000
        let costs = await withTaskGroup(of: Double.self) { group in
            for i in 0..<n {
                group.addTask { await h.send(id: "c\(i)", key: "k\(i % 4)").cost }
            }
            var total = 0.0
            for await c in group { total += c }
            return total
        }
        let snap = h.engine.snapshot(info: h.info)
        #expect(snap.totals.totalRequests == n)
        #expect(snap.totals.inFlight == 0)
        #expect(snap.deployments.allSatisfy { $0.inFlight == 0 })
        #expect(snap.requests.count == testConfig().requestCapacity)
        #expect(abs(h.engine.spendTotals().global - costs) < 1e-9)
        let byKey = h.engine.spendTotals().byKey.values.reduce(0, +)
        #expect(abs(byKey - costs) < 1e-9)
    }
}

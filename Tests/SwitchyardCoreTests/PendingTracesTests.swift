import Testing
@testable import SwitchyardCore

@Suite struct PendingTracesTests {
    private func trace(_ id: String, end: Double = 100, body: String? = nil) -> RequestTrace {
        let record = RequestRecord(
            id: id, time: end - 0.5, model: "gpt", servedBy: nil, key: nil, team: nil, status: 200, latency: 0.5,
            timeToFirstToken: nil, inputTokens: 0, outputTokens: 0, cost: 0, stream: false, fellBack: false,
            errorMessage: nil, attempts: [])
        var trace = RequestTrace(record: record, traceID: String(repeating: "a", count: 32), parentSpanID: nil, spans: [])
        trace.responseBody = body
        return trace
    }

    @Test func takingTheOldestLeavesTheRestFindableByID() {
        var pending = PendingTraces()
        for i in 0..<1_000 { pending.append(trace("r\(i)", end: Double(i))) }
        // Many small takes, as the flush loop makes them: lookups stay right across compactions.
        for step in 1...10 {
            let taken = pending.removeOldest(100)
            #expect(taken.map(\.id) == ((step - 1) * 100..<step * 100).map { "r\($0)" })
            #expect(pending.count == 1_000 - step * 100)
            #expect(pending.trace(id: "r\(step * 100 - 1)") == nil)
            if step < 10 {
                #expect(pending.trace(id: "r\(step * 100)")?.id == "r\(step * 100)")
                #expect(pending.trace(id: "r999")?.id == "r999")
            }
        }
        #expect(pending.removeOldest(pending.count).isEmpty)
        pending.append(trace("again"))
        #expect(pending.trace(id: "again")?.id == "again")
    }

    @Test func aRepeatedIDKeepsBothAndFindsTheNewest() {
        var pending = PendingTraces()
        pending.append(trace("dup", end: 1, body: "first"))
        pending.append(trace("dup", end: 2, body: "second"))
        #expect(pending.trace(id: "dup")?.responseBody == "second")
        // Taking the older one must not forget the newer.
        #expect(pending.removeOldest(1).first?.responseBody == "first")
        #expect(pending.trace(id: "dup")?.responseBody == "second")
        #expect(pending.count == 1)
    }

    @Test func aBatchPutBackGoesFirstAndIsFoundAgain() {
        var pending = PendingTraces()
        for i in 0..<200 { pending.append(trace("r\(i)", end: Double(i))) }
        let batch = pending.removeOldest(150)
        pending.append(trace("new", end: 500))
        pending.putBack(batch)
        #expect(pending.count == 201)
        #expect(pending.trace(id: "r0")?.id == "r0")
        #expect(pending.trace(id: "new")?.id == "new")
        let all = pending.removeOldest(pending.count)
        #expect(all.map(\.id) == (0..<200).map { "r\($0)" } + ["new"])
    }
}

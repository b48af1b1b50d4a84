import Testing
@testable import SwitchyardCore

@Suite struct LedgerSinkTests {
    @Test func aFailingLedgerIsCountedAndTheAnswerStillGoesOut() async throws {
        let ledger = RecordingLedger(failing: true)
        let h = try Harness(ledger: ledger)
        let r = await h.send()
        await h.send(id: "r2")
        #expect(r.status == 200 && r.servedBy != nil)
        let m = h.engine.metricsSnapshot()
        #expect(m.ledgerErrors == 2)
        let p = try ParsedExposition(PrometheusExposition.render(m))
        #expect(p.types["switchyard_ledger_errors_total"] == "counter")
        #expect(p.value("switchyard_ledger_errors_total") == 2)
    }

    @Test func withoutAdmissionControlEveryRoutedRequestIsStillLedgered() async throws {
        let ledger = RecordingLedger()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), ledger: ledger)
        let r = await h.send(key: "k")
        #expect(ledger.rows.count == 1)
        #expect(ledger.rows.first?.cost == r.cost && r.cost > 0 && ledger.rows.first?.key == "k")
        #expect(h.engine.metricsSnapshot().ledgerErrors == 0)
    }

    @Test func aRequestRefusedAtTheIngressShowsButIsNotLedgered() async throws {
        let ledger = RecordingLedger()
        let h = try Harness(ledger: ledger)
        let error = GatewayError(kind: .unauthorized, status: 401, message: "invalid api key", code: "invalid_api_key")
        h.engine.recordRejected(GatewayRequest(id: "anon", model: "gpt", inputTokens: 10), error: error)
        h.engine.recordRejected(GatewayRequest(id: "anon2", model: "nope", inputTokens: 10), error: error)
        let snap = h.engine.snapshot(info: h.info)
        #expect(snap.requests.map(\.id) == ["anon", "anon2"])
        #expect(snap.requests.allSatisfy { $0.status == 401 && $0.errorMessage == "invalid api key" })
        #expect(snap.totals.inFlight == 0)
        let m = h.engine.metricsSnapshot()
        #expect(m.model("gpt")?.requests == [StatusCount(code: 401, count: 1)])
        #expect(m.unknownModelRequests == [StatusCount(code: 401, count: 1)])
        #expect(ledger.rows.isEmpty)
    }
}

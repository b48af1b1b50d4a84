import Testing
@testable import SwitchyardCore

@Suite struct StreamAdmissionTests {
    private func streaming() -> ScriptedTransport.Step {
        .init(result: .success(UpstreamSuccess(inputTokens: 1000, outputTokens: 0, timeToFirstToken: 0.2,
                                               body: .stream(.idle))), latency: 0.2)
    }

    @Test func aStreamSettlesOnceWhenItEndsWithItsUsage() async throws {
        let admission = RecordingAdmission()
        let ledger = RecordingLedger()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), admission: admission, ledger: ledger)
        h.transport.script("gpt/openai", streaming())
        let r = await h.send(key: "k", team: "t")
        let lease = try #require(r.lease)
        #expect(r.rateLimit?.remainingRequests == 59)
        // Still flowing: nothing charged, nothing in the ledger yet.
        #expect(admission.settles.isEmpty && ledger.rows.isEmpty)

        let record = try #require(await lease.finish(inputTokens: 1000, outputTokens: 400)).record
        let expected = Price(inputPerMTok: 2.5, outputPerMTok: 10).cost(inputTokens: 1000, outputTokens: 400)
        #expect(admission.settles.count == 1)
        #expect(admission.settles.first?.charge == SettledCharge(cost: record.cost, inputTokens: 1000, outputTokens: 400))
        #expect(abs(record.cost - expected) < 1e-12)
        let rows = ledger.rows
        #expect(rows.count == 1)
        #expect(rows.first?.cost == record.cost && rows.first?.status == 200 && rows.first?.outputTokens == 400)
        #expect(rows.first?.deployment == "gpt/openai" && rows.first?.key == "k" && rows.first?.team == "t")
    }

    @Test func aClientThatLeavesMidStreamSettlesOnceForWhatWasProduced() async throws {
        let admission = RecordingAdmission()
        let ledger = RecordingLedger()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), admission: admission, ledger: ledger)
        h.transport.script("gpt/openai", streaming())
        let r = await h.send()
        let lease = try #require(r.lease)
        let record = try #require(await lease.finish(inputTokens: 1000, outputTokens: 10, clientGone: true)).record
        #expect(record.status == 499)
        #expect(admission.settles.count == 1)
        #expect(admission.settles.first?.charge.outputTokens == 10)
        #expect(admission.settles.first?.charge.cost == record.cost)
        #expect(ledger.rows.map(\.status) == [499])
        #expect(ledger.rows.first?.cost == record.cost)
    }

    @Test func aDowngradedStreamCarriesItsTicketAndOrigin() async throws {
        let admission = RecordingAdmission { request, id in
            .downgraded(RecordingAdmission.ticket(id: id, for: request, model: "claude"), reason: "model gpt monthly")
        }
        let h = try Harness(admission: admission)
        h.transport.script("claude/anthropic", streaming())
        let r = await h.send()
        #expect(r.downgradedFrom == "gpt" && r.servedBy?.id == "claude/anthropic")
        let lease = try #require(r.lease)
        await lease.finish(inputTokens: 1000, outputTokens: 100)
        #expect(admission.settles.map(\.ticket.model) == ["claude"])
    }

    @Test func aLeaseFinishesOnceHoweverOftenItIsFinished() async throws {
        let admission = RecordingAdmission()
        let ledger = RecordingLedger()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), admission: admission, ledger: ledger)
        h.transport.script("gpt/openai", streaming())
        let lease = try #require(await h.send(key: "k", team: "t").lease)
        async let first = lease.finish(inputTokens: 1000, outputTokens: 400)
        async let second = lease.finish(inputTokens: 1000, outputTokens: 400, clientGone: true)
        let finished = await [first, second].compactMap { $0 }
        #expect(finished.count == 1)
        #expect(await lease.finish(inputTokens: 5, outputTokens: 5) == nil)
        #expect(admission.settles.count == 1)
        #expect(ledger.rows.count == 1)
    }
}

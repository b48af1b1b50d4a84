import Testing
@testable import SwitchyardCore

@Suite struct AdmissionTests {
    private static let budget429 = GatewayError(
        kind: .budgetExceeded, status: 429, message: "team team-a daily budget exhausted", code: "budget_exceeded",
        rateLimit: RateLimitStatus(limitRequests: 10, remainingRequests: 0))

    @Test func aRejectedRequestNeverReachesAnUpstreamButIsRecorded() async throws {
        let admission = RecordingAdmission { _, _ in .rejected(Self.budget429) }
        let ledger = RecordingLedger()
        let h = try Harness(admission: admission, ledger: ledger)
        let r = await h.send(id: "no", key: "team-a/ci", team: "team-a")

        #expect(h.transport.calls.isEmpty)
        #expect(r.status == 429)
        guard case .failure(let e) = r.result else { Issue.record("expected a failure"); return }
        #expect(e.code == "budget_exceeded")
        #expect(r.rateLimit == Self.budget429.rateLimit)
        // A rejection holds no reservation: nothing is settled.
        #expect(admission.settles.isEmpty)
        let rows = ledger.rows
        #expect(rows.count == 1)
        #expect(rows.first?.status == 429 && rows.first?.cost == 0 && rows.first?.deployment == nil)
        #expect(rows.first?.key == "team-a/ci" && rows.first?.team == "team-a" && rows.first?.model == "gpt")

        let record = try #require(h.engine.snapshot(info: h.info).requests.last)
        #expect(record.id == "no" && record.status == 429 && record.key == "team-a/ci" && record.team == "team-a")
        #expect(h.engine.metricsSnapshot().model("gpt")?.requests == [StatusCount(code: 429, count: 1)])
        #expect(h.engine.snapshot(info: h.info).totals.inFlight == 0)
    }

    @Test func aRetryThenFallbackSettlesOnceWithTheAnsweringAttemptsCost() async throws {
        let admission = RecordingAdmission()
        let ledger = RecordingLedger()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), admission: admission, ledger: ledger)
        h.transport.script("gpt/openai", .fail(503), .fail(503))
        h.transport.script("gpt/azure", .fail(429))
        let r = await h.send(key: "k", team: "t")

        #expect(r.servedBy?.id == "claude/anthropic" && r.attempts.count == 4)
        // claude/anthropic: 3 $/M in, 15 $/M out; 1000 in + 500 out.
        #expect(abs(r.cost - 0.0105) < 1e-12)
        let settles = admission.settles
        #expect(settles.count == 1)
        #expect(settles.first?.ticket.id == 1)
        #expect(settles.first?.charge == SettledCharge(cost: r.cost, inputTokens: 1000, outputTokens: 500))
        let rows = ledger.rows
        #expect(rows.count == 1)
        #expect(rows.first?.cost == r.cost && rows.first?.status == 200)
        #expect(rows.first?.deployment == "claude/anthropic" && rows.first?.model == "gpt")
        #expect(rows.first?.inputTokens == 1000 && rows.first?.outputTokens == 500 && rows.first?.costKnown == true)
        #expect(r.rateLimit?.remainingRequests == 59)
        #expect(r.downgradedFrom == nil)
    }

    @Test func aFailedRequestSettlesOnceWithNothing() async throws {
        let admission = RecordingAdmission()
        let ledger = RecordingLedger()
        let h = try Harness(admission: admission, ledger: ledger)
        for d in ["gpt/openai", "gpt/azure", "claude/anthropic"] { h.transport.script(d, .fail(400)) }
        let r = await h.send()
        #expect(r.status == 400)
        #expect(admission.settles.map(\.charge) == [.none])
        #expect(ledger.rows.map(\.status) == [400])
        #expect(ledger.rows.first?.cost == 0 && ledger.rows.first?.deployment == nil)
    }

    @Test func aClientThatLeavesStillGetsItsLedgerRow() async throws {
        let admission = RecordingAdmission()
        let ledger = RecordingLedger()
        let h = try Harness(catalog: fixtureCatalog(strategy: .priority), admission: admission, ledger: ledger)
        h.transport.script("gpt/openai", .fail(503))
        let task = Task { () -> GatewayResponse in
            withUnsafeCurrentTask { $0?.cancel() }
            return await h.send()
        }
        let r = await task.value
        #expect(r.status == 499)
        #expect(admission.settles.map(\.charge) == [.none])
        #expect(ledger.rows.map(\.status) == [499])
    }

    @Test func aDowngradeRunsOnTheCheaperGroupAndSaysSo() async throws {
        let admission = RecordingAdmission { request, id in
            .downgraded(RecordingAdmission.ticket(id: id, for: request, model: "claude"), reason: "team team-a daily")
        }
        let ledger = RecordingLedger()
        let h = try Harness(admission: admission, ledger: ledger)
        let r = await h.send(id: "down", key: "team-a/ci", team: "team-a")

        #expect(r.status == 200)
        #expect(h.transport.calls == ["claude/anthropic"])
        #expect(r.servedBy?.id == "claude/anthropic")
        #expect(r.downgradedFrom == "gpt")
        let events = h.engine.snapshot(info: h.info).events.filter { $0.kind == .fallback }
        #expect(events.count == 1)
        #expect(events.first?.from == "gpt" && events.first?.to == "claude" && events.first?.requestID == "down")
        #expect(events.first?.reason.contains("budget") == true)
        #expect(admission.settles.count == 1 && admission.settles.first?.ticket.model == "claude")
        #expect(ledger.rows.first?.model == "gpt" && ledger.rows.first?.deployment == "claude/anthropic")
        // The request is still the client's: counted under the model it asked for, marked as moved.
        let record = try #require(h.engine.snapshot(info: h.info).requests.last)
        #expect(record.model == "gpt" && record.fellBack)
        #expect(h.engine.metricsSnapshot().model("gpt")?.requests == [StatusCount(code: 200, count: 1)])
    }

    @Test func aDowngradeToAModelTheCatalogLacksIsRefusedAndReleased() async throws {
        let admission = RecordingAdmission { request, id in
            .downgraded(RecordingAdmission.ticket(id: id, for: request, model: "nope"), reason: "global daily")
        }
        let ledger = RecordingLedger()
        let h = try Harness(admission: admission, ledger: ledger)
        let r = await h.send()
        #expect(r.status == 429)
        #expect(h.transport.calls.isEmpty)
        #expect(admission.settles.map(\.charge) == [.none])
        #expect(ledger.rows.map(\.status) == [429])
    }

    @Test func theEstimateUsesTheHighestPricesOfTheWholeChain() async throws {
        let catalog = Catalog(
            providers: [ProviderSpec(name: "a", kind: .openai), ProviderSpec(name: "b", kind: .anthropic)],
            deployments: [
                DeploymentSpec(id: "big/a", model: "big", provider: "a", upstreamModel: "x",
                               price: Price(inputPerMTok: 2.5, outputPerMTok: 10)),
                DeploymentSpec(id: "big/b", model: "big", provider: "b", upstreamModel: "y",
                               price: Price(inputPerMTok: 4, outputPerMTok: 8)),
                DeploymentSpec(id: "spare/a", model: "spare", provider: "a", upstreamModel: "z",
                               price: Price(inputPerMTok: 1, outputPerMTok: 20)),
            ],
            models: [
                ModelGroupSpec(name: "big", strategy: .weighted, deployments: ["big/a", "big/b"], fallbacks: ["spare"]),
                ModelGroupSpec(name: "spare", strategy: .weighted, deployments: ["spare/a"]),
            ])
        let admission = RecordingAdmission()
        let h = try Harness(catalog: catalog, admission: admission)
        await h.engine.handle(GatewayRequest(id: "1", model: "big", inputTokens: 1000, maxOutputTokens: 500))
        await h.engine.handle(GatewayRequest(id: "2", model: "spare", inputTokens: 1000, maxOutputTokens: 500))
        let estimates = admission.admits.map(\.estimatedCost)
        #expect(estimates.count == 2)
        // big's chain: input at big/b's 4 $/M, output at spare/a's 20 $/M.
        #expect(abs(estimates[0] - (1000.0 * 4 + 500 * 20) / 1_000_000) < 1e-12)
        // spare alone: 1 $/M in, 20 $/M out.
        #expect(abs(estimates[1] - (1000.0 * 1 + 500 * 20) / 1_000_000) < 1e-12)
    }

    @Test func anUnpricedDeploymentSettlesWithAnUnknownCost() async throws {
        let catalog = Catalog(
            providers: [ProviderSpec(name: "local", kind: .openaiCompatible)],
            deployments: [DeploymentSpec(id: "llama/local", model: "llama", provider: "local", upstreamModel: "llama",
                                         price: Price(inputPerMTok: 0, outputPerMTok: 0))],
            models: [ModelGroupSpec(name: "llama", strategy: .weighted, deployments: ["llama/local"])])
        let admission = RecordingAdmission()
        let ledger = RecordingLedger()
        let h = try Harness(catalog: catalog, admission: admission, ledger: ledger)
        let r = await h.send("llama")
        #expect(r.status == 200)
        #expect(admission.settles.first?.charge.costKnown == false)
        #expect(admission.settles.first?.charge.outputTokens == 500)
        #expect(ledger.rows.first?.costKnown == false && ledger.rows.first?.cost == 0)
    }

    @Test func anUnknownModelIsNotAdmittedNorLedgered() async throws {
        let admission = RecordingAdmission()
        let ledger = RecordingLedger()
        let h = try Harness(admission: admission, ledger: ledger)
        let r = await h.send("nope")
        #expect(r.status == 404)
        #expect(admission.admits.isEmpty && ledger.rows.isEmpty)
    }
}

import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

@Suite struct RateLimitTests {
    func governor(key: RateLimits = RateLimits(), team: RateLimits = RateLimits(), defaultMaxTokens: Int = 4096,
                  completionless: @escaping @Sendable (GatewayRequest) -> Bool = { _ in false }) throws -> Governor {
        try Governor(policy: GovernancePolicy(defaultMaxTokens: defaultMaxTokens),
                     teams: [TeamSpec(name: "team-a", limits: team)],
                     keys: [mint("team-a/ci", team: "team-a", limits: key).record,
                            mint("team-a/web", team: "team-a").record],
                     now: noon, completionless: completionless)
    }

    let ci = request(key: "team-a/ci", team: "team-a")

    @Test func aSteadyStreamIsAdmittedUpToTheRPMPerMinute() throws {
        let rpm = 90
        let g = try governor(key: RateLimits(rpm: rpm))
        var admittedAt: [Double] = []
        var firstRefusal: GatewayError?
        for i in 0..<240 { // 2 requests per second for 120 seconds
            let t = noon + Double(i) * 0.5
            switch g.admit(ci, estimatedCost: 0, now: t) {
            case .admitted: admittedAt.append(t)
            case .rejected(let e): if firstRefusal == nil { firstRefusal = e }
            case .downgraded: Issue.record("no budget here")
            }
        }
        #expect(admittedAt.filter { $0 < noon + 60 }.count == rpm)
        #expect(admittedAt.count == 2 * rpm)
        let refusal = try #require(firstRefusal)
        #expect(refusal.status == 429)
        #expect(refusal.code == "rate_limit_exceeded")
        #expect(refusal.message.contains("key team-a/ci: 91/90 requests per minute"))
        // Refused at t+45 s; the requests of the first second leave the window at t+60 s.
        #expect(refusal.retryAfter == 15)
        #expect(refusal.rateLimit?.remainingRequests == 0)
        #expect(refusal.rateLimit?.limitRequests == rpm)
    }

    @Test func statusCountsDownTheRemainingRequestsAndTokens() throws {
        let g = try governor(key: RateLimits(rpm: 10, tpm: 10_000))
        let first = try #require(g.admit(ci, estimatedCost: 0, now: noon).ticket?.rateLimit)
        #expect(first.limitRequests == 10)
        #expect(first.remainingRequests == 9)
        #expect(first.remainingTokens == 10_000 - 200)
        #expect(first.resetRequests == 60)
        var last = first
        for k in 1..<5 { last = try #require(g.admit(ci, estimatedCost: 0, now: noon + Double(k)).ticket?.rateLimit) }
        #expect(last.remainingRequests == 5)
        #expect(last.remainingTokens == 10_000 - 1000)
        #expect(last.resetRequests == 56)
    }

    @Test func noLimitsMeansNoStatus() throws {
        let g = try governor()
        #expect(g.admit(ci, estimatedCost: 0, now: noon).ticket?.rateLimit == nil)
    }

    @Test func tokensAreCorrectedToActualUsageAtSettle() throws {
        let g = try governor(key: RateLimits(tpm: 1000))
        var tickets: [AdmissionTicket] = []
        for _ in 0..<5 { tickets.append(try #require(g.admit(ci, estimatedCost: 0, now: noon).ticket)) }
        let refused = try #require(g.admit(ci, estimatedCost: 0, now: noon + 1).error)
        #expect(refused.message.contains("1200/1000 tokens per minute"))
        #expect(refused.retryAfter == 59)
        // Two requests used 50 tokens instead of 200: 300 tokens free up.
        for ticket in tickets.prefix(2) {
            g.settle(ticket, charge: SettledCharge(cost: 0, inputTokens: 40, outputTokens: 10), now: noon + 2)
        }
        let admitted = try #require(g.admit(ci, estimatedCost: 0, now: noon + 2).ticket)
        #expect(admitted.rateLimit?.remainingTokens == 1000 - (3 * 200 + 2 * 50 + 200))
    }

    @Test func aRequestLargerThanTheWholeTPMSaysSo() throws {
        let g = try governor(key: RateLimits(tpm: 100))
        let error = try #require(g.admit(ci, estimatedCost: 0, now: noon).error)
        #expect(error.retryAfter == nil)
        #expect(error.message.contains("more than the whole limit"))
    }

    @Test func missingMaxTokensCountsTheDefaultUnlessCompletionless() throws {
        let noCap = request(key: "team-a/ci", team: "team-a", input: 50, maxOutput: 0)
        let g = try governor(defaultMaxTokens: 700)
        #expect(g.admit(noCap, estimatedCost: 0, now: noon).ticket?.reservedTokens == 750)
        #expect(g.admit(ci, estimatedCost: 0, now: noon).ticket?.reservedTokens == 200)
        let embeddings = try governor(defaultMaxTokens: 700, completionless: { $0.maxOutputTokens == 0 })
        #expect(embeddings.admit(noCap, estimatedCost: 0, now: noon).ticket?.reservedTokens == 50)
    }

    @Test func teamLimitsAreSharedByItsKeys() throws {
        let g = try governor(team: RateLimits(rpm: 3))
        let web = request(key: "team-a/web", team: "team-a")
        #expect(g.admit(ci, estimatedCost: 0, now: noon).isAdmitted)
        #expect(g.admit(web, estimatedCost: 0, now: noon).isAdmitted)
        #expect(g.admit(ci, estimatedCost: 0, now: noon).isAdmitted)
        let error = try #require(g.admit(web, estimatedCost: 0, now: noon).error)
        #expect(error.message.contains("team team-a: 4/3 requests per minute"))
    }

    @Test func theTighterOfKeyAndTeamIsReported() throws {
        let g = try governor(key: RateLimits(rpm: 10, tpm: 1000), team: RateLimits(rpm: 5, tpm: 100_000))
        let status = try #require(g.admit(ci, estimatedCost: 0, now: noon).ticket?.rateLimit)
        #expect(status.limitRequests == 5)
        #expect(status.remainingRequests == 4)
        #expect(status.limitTokens == 1000)
        #expect(status.remainingTokens == 800)
    }

    @Test func refusedRequestsDoNotUseUpTheWindow() throws {
        let g = try governor(key: RateLimits(rpm: 1))
        #expect(g.admit(ci, estimatedCost: 0, now: noon).isAdmitted)
        for k in 1...30 { #expect(g.admit(ci, estimatedCost: 0, now: noon + Double(k)).error != nil) }
        #expect(g.admit(ci, estimatedCost: 0, now: noon + 60).isAdmitted)
    }
}

import Testing
@testable import SwitchyardCore

@Suite struct RequestFilterMatchingTests {
    static func attempt(_ i: Int, _ deployment: String, status: Int?, cls: ErrorClass?) -> AttemptRecord {
        AttemptRecord(
            index: i, deployment: deployment, model: String(deployment.split(separator: "/").first ?? ""),
            startOffset: 0, latency: 0.1, timeToFirstToken: nil, status: status, errorClass: cls, retryAfter: nil,
            message: cls == nil ? "ok" : "failed", decision: cls == nil ? .answered : .nextDeployment, backoff: 0,
            inputTokens: 0, outputTokens: 0, cost: 0)
    }

    static func record(
        _ id: String, model: String, servedBy: String?, key: String? = "team-a/web", status: Int = 200,
        latency: Double = 0.5, ttft: Double? = 0.2, tokens: (Int, Int) = (100, 50), cost: Double = 0.001,
        stream: Bool = false, fellBack: Bool = false, attempts: [AttemptRecord]? = nil
    ) -> RequestRecord {
        RequestRecord(
            id: id, time: 0, model: model, servedBy: servedBy, key: key,
            team: key.map { String($0.split(separator: "/").first ?? "") }, status: status, latency: latency,
            timeToFirstToken: ttft, inputTokens: tokens.0, outputTokens: tokens.1, cost: cost, stream: stream,
            fellBack: fellBack, errorMessage: status >= 400 ? "failed" : nil,
            attempts: attempts ?? servedBy.map { [attempt(1, $0, status: status, cls: nil)] } ?? [])
    }

    /// Plain, fast, cheap, answered by openai.
    static let plain = record("req_a1", model: "gpt-4o", servedBy: "gpt-4o/openai")
    /// Azure 429, then openai: a fallback that streamed.
    static let fellBack = record(
        "req_b2", model: "gpt-4o", servedBy: "gpt-4o/openai", latency: 1.4, ttft: 0.9, tokens: (2000, 400),
        cost: 0.02, stream: true, fellBack: true,
        attempts: [attempt(1, "gpt-4o/azure", status: 429, cls: .rateLimited), attempt(2, "gpt-4o/openai", status: 200, cls: nil)])
    /// Gave up after a timeout: 504, no first token, another key.
    static let failed = record(
        "req_c3", model: "claude-sonnet", servedBy: nil, key: "team-b/ci", status: 504, latency: 30, ttft: nil,
        tokens: (300, 0), cost: 0, attempts: [attempt(1, "claude-sonnet/anthropic", status: nil, cls: .timeout)])
    /// Rejected before any attempt, no key.
    static let rejected = record("req_d4", model: "o3-mini", servedBy: nil, key: nil, status: 429, latency: 0.01,
                                 ttft: nil, tokens: (10, 0), cost: 0, attempts: [])
    static let all = [plain, fellBack, failed, rejected]

    func ids(_ text: String) throws -> [String] {
        let filter = try RequestFilter(parsing: text)
        return Self.all.filter(filter.matches).map(\.id)
    }

    @Test func emptyFilterMatchesEverything() throws {
        #expect(try ids("") == ["req_a1", "req_b2", "req_c3", "req_d4"])
    }

    @Test func textFields() throws {
        #expect(try ids("model=gpt-4o") == ["req_a1", "req_b2"])
        #expect(try ids("model=GPT-4O") == ["req_a1", "req_b2"])
        #expect(try ids("model!=gpt-4o") == ["req_c3", "req_d4"])
        #expect(try ids("model=gpt*") == ["req_a1", "req_b2"])
        #expect(try ids("key=team-b/ci") == ["req_c3"])
        #expect(try ids("key!=team-a/web") == ["req_c3", "req_d4"])
        // Key names are paths: a team's part matches every key under it, the last part every key so named.
        #expect(try ids("key=team-a") == ["req_a1", "req_b2"])
        #expect(try ids("key=TEAM-B") == ["req_c3"])
        #expect(try ids("key=ci") == ["req_c3"])
        #expect(try ids("!key=ci") == ["req_a1", "req_b2", "req_d4"])
        #expect(try ids("key=team").isEmpty)
        #expect(try ids("key=team-*") == ["req_a1", "req_b2", "req_c3"])
        #expect(try ids("team=team-a") == ["req_a1", "req_b2"])
        #expect(try ids("id=req_b") == ["req_b2"])
        #expect(try ids("id=req_") == ["req_a1", "req_b2", "req_c3", "req_d4"])
    }

    @Test func providerAndDeploymentIncludeEveryAttempt() throws {
        // Azure only failed req_b2's first attempt; it still concerns azure.
        #expect(try ids("provider=azure") == ["req_b2"])
        #expect(try ids("provider=openai") == ["req_a1", "req_b2"])
        #expect(try ids("provider=anthropic") == ["req_c3"])
        #expect(try ids("provider!=openai") == ["req_c3", "req_d4"])
        #expect(try ids("deployment=gpt-4o/azure") == ["req_b2"])
        #expect(try ids("deployment=gpt-4o/openai") == ["req_a1", "req_b2"])
    }

    @Test func statusAndNumbers() throws {
        #expect(try ids("status>=500") == ["req_c3"])
        #expect(try ids("status<400") == ["req_a1", "req_b2"])
        #expect(try ids("status=5xx") == ["req_c3"])
        #expect(try ids("status=4xx") == ["req_d4"])
        #expect(try ids("status!=2xx") == ["req_c3", "req_d4"])
        #expect(try ids("status=429") == ["req_d4"])
        #expect(try ids("tokens>1000") == ["req_b2"])
        #expect(try ids("tokens>=150") == ["req_a1", "req_b2", "req_c3"])
        #expect(try ids("cost>0.01") == ["req_b2"])
        #expect(try ids("cost>$0") == ["req_a1", "req_b2"])
        #expect(try ids("tries>1") == ["req_b2"])
        #expect(try ids("tries=0") == ["req_d4"])
    }

    @Test func durations() throws {
        #expect(try ids("slow>1s") == ["req_b2", "req_c3"])
        #expect(try ids("latency>=500ms") == ["req_a1", "req_b2", "req_c3"])
        #expect(try ids("latency<0.1") == ["req_d4"])
        #expect(try ids("latency>0.4m") == ["req_c3"])
        // No first token: no ttft comparison holds.
        #expect(try ids("ttft>0.5s") == ["req_b2"])
        #expect(try ids("ttft<10s") == ["req_a1", "req_b2"])
    }

    @Test func flagsAndNegation() throws {
        #expect(try ids("fallback") == ["req_b2"])
        #expect(try ids("!fallback") == ["req_a1", "req_c3", "req_d4"])
        #expect(try ids("stream") == ["req_b2"])
        #expect(try ids("-stream") == ["req_a1", "req_c3", "req_d4"])
        #expect(try ids("error") == ["req_c3", "req_d4"])
        #expect(try ids("ok") == ["req_a1", "req_b2"])
        let errors = try ids("error")
        #expect(try ids("!ok") == errors)
    }

    @Test func errorClassesCoverAttemptsAndRejections() throws {
        #expect(try ids("class=429") == ["req_b2", "req_d4"])
        #expect(try ids("class=timeout") == ["req_c3"])
        #expect(try ids("class=5xx").isEmpty)
        #expect(try ids("class!=429") == ["req_a1", "req_c3"])
    }

    @Test func bareWordsAreSubstrings() throws {
        #expect(try ids("gpt") == ["req_a1", "req_b2"])
        #expect(try ids("TEAM-B") == ["req_c3"])
        #expect(try ids("d4") == ["req_d4"])
        #expect(try ids("openai") == ["req_a1", "req_b2"])
        #expect(try ids("-gpt") == ["req_c3", "req_d4"])
        #expect(try ids("nothing-like-this").isEmpty)
    }

    @Test func termsAreAnded() throws {
        #expect(try ids("model=gpt-4o fallback") == ["req_b2"])
        #expect(try ids("model=gpt-4o !fallback") == ["req_a1"])
        #expect(try ids("status>=500 model=gpt-4o").isEmpty)
        #expect(try ids("status>=500 model=gpt-4o slow>1s fallback key=team-a").isEmpty)
        #expect(try ids("error slow>1s key=team-b/ci class=timeout") == ["req_c3"])
    }

    @Test func wordsAloneApplyToOtherRows() throws {
        let filter = try RequestFilter(parsing: "gro !mix status>=500")
        #expect(filter.words == [.word("gro"), .not(.word("mix"))])
        #expect(filter.matchesWords(["groq", nil]))
        #expect(!filter.matchesWords(["groq", "mixtral/groq"]))
        #expect(!filter.matchesWords(["openai"]))
        #expect(try RequestFilter(parsing: "status>=500").matchesWords(["anything"]))
    }
}

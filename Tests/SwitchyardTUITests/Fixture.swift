import Foundation
import SwitchyardCore
@testable import SwitchyardTUI

/// A fixed, realistic gateway state mid-incident: groq's llama breaker open, azure gpt-4o cooling on 429s.
enum Fixture {
    static let t0: Double = 1_767_269_071 // 2026-01-01 12:04:31 UTC

    static func series(_ base: Double, _ amp: Double, _ phase: Double, count: Int = 120, spikeAt: Int? = nil) -> [Double] {
        (0..<count).map { i in
            let v = base + amp * sin(Double(i) / 5 + phase) + amp / 2 * sin(Double(i) / 1.7 + phase * 2)
            if let s = spikeAt, i >= s { return max(0, v * 2.6) }
            return max(0, (v * 10).rounded() / 10)
        }
    }

    static func deployment(
        _ model: String, _ provider: String, _ upstream: String, weight: Double, share: Double, rps: Double,
        err: Double, p50: Double, status: HealthStatus = .healthy, breaker: BreakerState = .closed,
        enabled: Bool = true, cooling: Double? = nil, ejected: Bool = false, price: (Double, Double) = (2.5, 10)
    ) -> DeploymentSnapshot {
        DeploymentSnapshot(
            id: "\(model)/\(provider)", model: model, provider: provider, upstreamModel: upstream, weight: weight,
            trafficShare: share, enabled: enabled, draining: false, breaker: breaker, coolingUntil: cooling,
            ejected: ejected, status: status, requestsPerSecond: rps, errorRate: err, latencyP50: p50,
            latencyP95: p50 * 2.4, latencyP99: p50 * 4.1, inFlight: Int(rps * p50 / 1000),
            price: Price(inputPerMTok: price.0, outputPerMTok: price.1))
    }

    static let deployments: [DeploymentSnapshot] = [
        deployment("gpt-4o", "openai", "gpt-4o-2024-11-20", weight: 3, share: 0.86, rps: 96.4, err: 0.004, p50: 812),
        deployment("gpt-4o", "azure", "gpt-4o-eastus2", weight: 1, share: 0, rps: 3.1, err: 0.41, p50: 905,
                   status: .cooling, cooling: t0 + 42),
        deployment("gpt-4o-mini", "openai", "gpt-4o-mini", weight: 1, share: 0.5, rps: 71.2, err: 0.006, p50: 402,
                   price: (0.15, 0.6)),
        deployment("gpt-4o-mini", "azure", "gpt-4o-mini-eastus2", weight: 1, share: 0.5, rps: 69.8, err: 0.011, p50: 455,
                   price: (0.15, 0.6)),
        deployment("o3-mini", "openai", "o3-mini-2025-01-31", weight: 2, share: 1, rps: 12.5, err: 0.008, p50: 3120,
                   price: (1.1, 4.4)),
        deployment("o3-mini", "azure", "o3-mini-swedencentral", weight: 1, share: 0, rps: 0.4, err: 0.02, p50: 9800,
                   status: .ejected, ejected: true, price: (1.1, 4.4)),
        deployment("claude-sonnet", "anthropic", "claude-sonnet-4-5", weight: 1, share: 1, rps: 58.3, err: 0.012,
                   p50: 1240, price: (3, 15)),
        deployment("claude-haiku", "anthropic", "claude-haiku-4-5", weight: 1, share: 1, rps: 44.9, err: 0.009,
                   p50: 520, price: (1, 5)),
        deployment("llama-70b", "groq", "llama-3.3-70b-versatile", weight: 2, share: 0, rps: 0, err: 0.62, p50: 310,
                   status: .open, breaker: .open, price: (0.59, 0.79)),
        deployment("llama-70b", "together", "Llama-3.3-70B-Instruct-Turbo", weight: 1, share: 1, rps: 38.7,
                   err: 0.015, p50: 690, price: (0.88, 0.88)),
        deployment("mixtral", "groq", "mixtral-8x7b-32768", weight: 1, share: 0.7, rps: 9.2, err: 0.05, p50: 280,
                   status: .degraded, breaker: .halfOpen, price: (0.24, 0.24)),
        deployment("mixtral", "together", "Mixtral-8x7B-Instruct-v0.1", weight: 1, share: 0, rps: 0, err: 0, p50: 0,
                   status: .disabled, enabled: false, price: (0.6, 0.6)),
    ]

    static func provider(_ name: String, _ kind: ProviderKind, status: HealthStatus, share: Double, rps: Double,
                         err: Double, open: Int = 0, half: Int = 0) -> ProviderSnapshot {
        ProviderSnapshot(
            name: name, kind: kind, enabled: true, status: status, trafficShare: share, requestsPerSecond: rps,
            errorRate: err, openBreakers: open, halfOpenBreakers: half,
            deploymentIDs: deployments.filter { $0.provider == name }.map(\.id))
    }

    static let providers: [ProviderSnapshot] = [
        provider("openai", .openai, status: .healthy, share: 0.447, rps: 180.1, err: 0.005),
        provider("azure", .openai, status: .ejected, share: 0.182, rps: 73.3, err: 0.028),
        provider("anthropic", .anthropic, status: .healthy, share: 0.256, rps: 103.2, err: 0.011),
        provider("groq", .openaiCompatible, status: .open, share: 0.023, rps: 9.2, err: 0.214, open: 1, half: 1),
        provider("together", .openaiCompatible, status: .disabled, share: 0.092, rps: 38.7, err: 0.015),
    ]

    static func model(_ name: String, _ strategy: RoutingStrategyKind, rps: Double, p50: Double, phase: Double,
                      fallbacks: [String] = []) -> ModelSnapshot {
        ModelSnapshot(
            name: name, strategy: strategy, requestsPerSecond: rps, errorRate: 0.01, latencyP50: p50,
            latencyP95: p50 * 2.3, latencyP99: p50 * 3.9, ttftP50: p50 * 0.28,
            latencySeries: series(p50, p50 * 0.2, phase), inputTokens: Int(rps * 9000), outputTokens: Int(rps * 2100),
            cost: rps * 0.8, fallbacks: fallbacks, deploymentIDs: deployments.filter { $0.model == name }.map(\.id))
    }

    static let models: [ModelSnapshot] = [
        model("gpt-4o", .weighted, rps: 99.5, p50: 818, phase: 0, fallbacks: ["claude-sonnet"]),
        model("gpt-4o-mini", .latency, rps: 141, p50: 428, phase: 1),
        model("o3-mini", .priority, rps: 12.9, p50: 3180, phase: 2),
        model("claude-sonnet", .weighted, rps: 58.3, p50: 1240, phase: 3, fallbacks: ["gpt-4o"]),
        model("claude-haiku", .cost, rps: 44.9, p50: 520, phase: 4),
        model("llama-70b", .weighted, rps: 38.7, p50: 655, phase: 5, fallbacks: ["gpt-4o-mini"]),
        model("mixtral", .weighted, rps: 9.2, p50: 280, phase: 6),
    ]

    static let errors: [ErrorClassSnapshot] = [
        ErrorClassSnapshot(errorClass: .rateLimited, perSecond: 3.4, series: series(1.2, 0.8, 0, spikeAt: 100)),
        ErrorClassSnapshot(errorClass: .server, perSecond: 1.9, series: series(0.6, 0.5, 1, spikeAt: 108)),
        ErrorClassSnapshot(errorClass: .timeout, perSecond: 0.3, series: series(0.2, 0.2, 2)),
        ErrorClassSnapshot(errorClass: .connect, perSecond: 0.1, series: series(0.05, 0.1, 3)),
        ErrorClassSnapshot(errorClass: .other, perSecond: 0, series: Array(repeating: 0, count: 120)),
    ]

    /// Budgets at 12 % … 105 %: exhausted with a reset, exhausted with a downgrade, warn at 82 % and 85 %.
    static let budgets: [BudgetSnapshot] = [
        BudgetSnapshot(scope: .global, period: .daily, limit: 500, spent: 412.35, resetsAt: t0 + 43_529,
                       burnPerHour: 41.2, secondsToExhaustion: 7_689, burnPerHour24h: 17.2, reserved: 1.4),
        BudgetSnapshot(scope: .team("team-a"), period: .monthly, limit: 2000, spent: 612.4, resetsAt: t0 + 1_700_000,
                       burnPerHour: 8.3, secondsToExhaustion: 602_000, burnPerHour24h: 9.35),
        BudgetSnapshot(scope: .key("team-b/ci"), period: .daily, limit: 50, spent: 51.2, resetsAt: t0 + 43_529,
                       burnPerHour: 2.1, secondsToExhaustion: nil, burnPerHour24h: 2.4, team: "team-b",
                       downgradeTo: "gpt-4o-mini"),
        BudgetSnapshot(scope: .model("o3-mini"), period: .weekly, limit: 900, spent: 300.75, resetsAt: t0 + 300_000,
                       burnPerHour: 3.4, secondsToExhaustion: 176_000, burnPerHour24h: 2.9),
        BudgetSnapshot(scope: .team("team-b"), period: .total, limit: 10_000, spent: 1_204, resetsAt: nil,
                       burnPerHour: 0, secondsToExhaustion: nil, burnPerHour24h: 2.4),
        BudgetSnapshot(scope: .team("team-c"), period: .daily, limit: 40, spent: 42.1, resetsAt: t0 + 50_400,
                       burnPerHour: 3.9, secondsToExhaustion: nil, burnPerHour24h: 1.87),
        BudgetSnapshot(scope: .key("team-a/batch"), period: .daily, limit: 60, spent: 18, resetsAt: t0 + 43_529,
                       burnPerHour: 1.1, secondsToExhaustion: 152_000, burnPerHour24h: 1.88, team: "team-a"),
        BudgetSnapshot(scope: .key("team-a/web"), period: .daily, limit: 100, spent: 85.3, resetsAt: t0 + 43_529,
                       burnPerHour: 6.2, secondsToExhaustion: 8_500, burnPerHour24h: 4.09, reserved: 0.4,
                       team: "team-a"),
    ]

    /// Keys and teams with 24-hour spend, highest first; team-a/chat has spend but no budget.
    static let spend = SpendSnapshot(perHour: 38.6, perHour24h: 17.2, unpricedRequests24h: 12, spenders: [
        SpenderSnapshot(kind: .team, name: "team-a", team: nil, spent24h: 224.3, requests24h: 41_220, burnPerHour: 14.2),
        SpenderSnapshot(kind: .key, name: "team-a/web", team: "team-a", spent24h: 98.2, requests24h: 28_114, burnPerHour: 6.2),
        SpenderSnapshot(kind: .key, name: "team-a/chat", team: "team-a", spent24h: 81, requests24h: 9_870, burnPerHour: 6.9),
        SpenderSnapshot(kind: .team, name: "team-b", team: nil, spent24h: 57.6, requests24h: 12_004, burnPerHour: 2.1),
        SpenderSnapshot(kind: .key, name: "team-b/ci", team: "team-b", spent24h: 57.6, requests24h: 12_004, burnPerHour: 2.1),
        SpenderSnapshot(kind: .key, name: "team-a/batch", team: "team-a", spent24h: 45.1, requests24h: 3_236, burnPerHour: 1.1),
        SpenderSnapshot(kind: .team, name: "team-c", team: nil, spent24h: 44.9, requests24h: 6_312, burnPerHour: 3.9),
        SpenderSnapshot(kind: .key, name: "team-c/bot", team: "team-c", spent24h: 39.7, requests24h: 5_870, burnPerHour: 3.5),
        SpenderSnapshot(kind: .key, name: "team-c/notebook", team: "team-c", spent24h: 5.2, requests24h: 442, burnPerHour: 0.4),
    ])

    static let events: [GatewayEvent] = [
        GatewayEvent(sequence: 1, time: t0 - 240, kind: .override, model: nil, from: "mixtral/together", to: nil,
                     reason: "disabled by tui:alice"),
        GatewayEvent(sequence: 2, time: t0 - 170, kind: .ejected, model: "o3-mini", from: "o3-mini/azure", to: nil,
                     reason: "p95 3.1× median"),
        GatewayEvent(sequence: 3, time: t0 - 95, kind: .breakerOpened, model: "llama-70b", from: "llama-70b/groq",
                     to: nil, reason: "5 failures in 10s"),
        GatewayEvent(sequence: 4, time: t0 - 94, kind: .fallback, model: "llama-70b", from: "llama-70b/groq",
                     to: "llama-70b/together", reason: "503", requestID: "req_7f3a"),
        GatewayEvent(sequence: 5, time: t0 - 60, kind: .breakerHalfOpen, model: "mixtral", from: "mixtral/groq",
                     to: nil, reason: "probe after 30s"),
        GatewayEvent(sequence: 6, time: t0 - 41, kind: .cooldown, model: "gpt-4o", from: "gpt-4o/azure", to: nil,
                     reason: "429 retry-after 60s"),
        GatewayEvent(sequence: 7, time: t0 - 40, kind: .fallback, model: "gpt-4o", from: "gpt-4o/azure",
                     to: "gpt-4o/openai", reason: "429", requestID: "req_81c0"),
        GatewayEvent(sequence: 8, time: t0 - 22, kind: .fallback, model: "claude-sonnet", from: "claude-sonnet",
                     to: "gpt-4o", reason: "timeout", requestID: "req_8a91"),
        GatewayEvent(sequence: 9, time: t0 - 9, kind: .fallback, model: "mixtral", from: "mixtral/groq",
                     to: "mixtral/together", reason: "connect", requestID: "req_8f02"),
        GatewayEvent(sequence: 10, time: t0 - 3, kind: .fallback, model: "gpt-4o", from: "gpt-4o/azure",
                     to: "gpt-4o/openai", reason: "429", requestID: "req_9b44"),
    ]

    static func attempt(_ i: Int, _ dep: String, status: Int?, cls: ErrorClass?, latency: Double, message: String,
                        decision: AttemptRecord.Decision, tokens: (Int, Int) = (0, 0), cost: Double = 0,
                        retryAfter: Double? = nil, backoff: Double = 0) -> AttemptRecord {
        AttemptRecord(
            index: i, deployment: dep, model: String(dep.split(separator: "/").first ?? ""), startOffset: 0,
            latency: latency, timeToFirstToken: cls == nil ? latency * 0.3 : nil, status: status, errorClass: cls,
            retryAfter: retryAfter, message: message, decision: decision, backoff: backoff,
            inputTokens: tokens.0, outputTokens: tokens.1, cost: cost)
    }

    static func request(_ n: Int, model: String, served: String?, status: Int, latency: Double, tokens: (Int, Int),
                        cost: Double, key: String, fellBack: Bool = false, error: String? = nil,
                        attempts: [AttemptRecord]? = nil) -> RequestRecord {
        let id = String(format: "req_%04x%08x", 0x7f00 + n * 37, n * 2_654_435)
        let a = attempts ?? [attempt(1, served ?? model, status: status, cls: nil, latency: latency, message: "ok",
                                     decision: .answered, tokens: tokens, cost: cost)]
        return RequestRecord(
            id: id, time: t0 - Double(30 - n) * 1.7, model: model, servedBy: served, key: key,
            team: key.split(separator: "/").first.map(String.init), status: status, latency: latency,
            timeToFirstToken: latency * 0.3, inputTokens: tokens.0, outputTokens: tokens.1, cost: cost,
            stream: n % 3 == 0, fellBack: fellBack, errorMessage: error, attempts: a)
    }

    static let requests: [RequestRecord] = [
        request(1, model: "gpt-4o-mini", served: "gpt-4o-mini/openai", status: 200, latency: 0.41, tokens: (812, 164), cost: 0.00022, key: "team-a/web"),
        request(2, model: "claude-haiku", served: "claude-haiku/anthropic", status: 200, latency: 0.55, tokens: (1204, 220), cost: 0.0023, key: "team-b/ci"),
        request(3, model: "o3-mini", served: "o3-mini/openai", status: 200, latency: 3.2, tokens: (2210, 1830), cost: 0.0105, key: "team-a/batch"),
        request(4, model: "llama-70b", served: "llama-70b/together", status: 200, latency: 1.38, tokens: (950, 410), cost: 0.0012, key: "team-c/bot", fellBack: true, attempts: [
            attempt(1, "llama-70b/groq", status: 503, cls: .server, latency: 0.12, message: "503 service unavailable", decision: .nextDeployment),
            attempt(2, "llama-70b/together", status: 200, cls: nil, latency: 1.21, message: "ok", decision: .answered, tokens: (950, 410), cost: 0.0012),
        ]),
        request(5, model: "gpt-4o", served: "gpt-4o/openai", status: 200, latency: 0.92, tokens: (1530, 288), cost: 0.0067, key: "team-a/web"),
        request(6, model: "claude-sonnet", served: "gpt-4o/openai", status: 200, latency: 31.4, tokens: (4100, 620), cost: 0.0165, key: "team-a/chat", fellBack: true, attempts: [
            attempt(1, "claude-sonnet/anthropic", status: nil, cls: .timeout, latency: 30, message: "no response in 30s", decision: .fallbackGroup),
            attempt(2, "gpt-4o/openai", status: 200, cls: nil, latency: 1.4, message: "ok", decision: .answered, tokens: (4100, 620), cost: 0.0165),
        ]),
        request(7, model: "gpt-4o-mini", served: "gpt-4o-mini/azure", status: 200, latency: 0.47, tokens: (640, 96), cost: 0.00015, key: "team-b/ci"),
        request(8, model: "mixtral", served: nil, status: 502, latency: 0.36, tokens: (380, 0), cost: 0, key: "team-c/bot", error: "all deployments failed: connect refused, disabled", attempts: [
            attempt(1, "mixtral/groq", status: nil, cls: .connect, latency: 0.05, message: "connection refused", decision: .retrySame, backoff: 0.25),
            attempt(2, "mixtral/groq", status: nil, cls: .connect, latency: 0.06, message: "connection refused", decision: .gaveUp),
        ]),
        request(9, model: "claude-sonnet", served: "claude-sonnet/anthropic", status: 200, latency: 2.05, tokens: (3020, 540), cost: 0.0172, key: "team-a/chat"),
        request(10, model: "gpt-4o", served: "gpt-4o/openai", status: 200, latency: 1.12, tokens: (2048, 377), cost: 0.0089, key: "team-a/web", fellBack: true, attempts: [
            attempt(1, "gpt-4o/azure", status: 429, cls: .rateLimited, latency: 0.08, message: "rate limit exceeded", decision: .nextDeployment, retryAfter: 60),
            attempt(2, "gpt-4o/openai", status: 200, cls: nil, latency: 1.02, message: "ok", decision: .answered, tokens: (2048, 377), cost: 0.0089),
        ]),
        request(11, model: "claude-haiku", served: "claude-haiku/anthropic", status: 200, latency: 0.61, tokens: (990, 180), cost: 0.0019, key: "team-b/ci"),
        request(12, model: "gpt-4o-mini", served: nil, status: 429, latency: 0.01, tokens: (300, 0), cost: 0, key: "team-b/ci", error: "budget key team-b/ci exhausted", attempts: []),
        request(13, model: "o3-mini", served: "o3-mini/openai", status: 200, latency: 4.8, tokens: (1800, 2400), cost: 0.0125, key: "team-a/batch"),
        request(14, model: "gpt-4o", served: "gpt-4o/openai", status: 200, latency: 0.88, tokens: (1100, 240), cost: 0.0052, key: "team-a/web"),
    ]

    static let snapshot = GatewaySnapshot(
        info: GatewayInfo(mode: "demo", address: "127.0.0.1:8787", version: "0.1.0", startedAt: t0 - 3600),
        time: t0,
        totals: TotalsSnapshot(requestsPerSecond: 404.5, errorRate: 0.0124, spendPerHour: 41.2, tokensPerSecond: 3_640_000 / 1000,
                               inFlight: 37, totalRequests: 1_204_332, totalCost: 412.35, fallbacksPerMinute: 6.4),
        providers: providers, deployments: deployments, models: models, errors: errors, budgets: budgets,
        events: events, requests: requests, audit: [], canUndo: true, spend: spend)
}

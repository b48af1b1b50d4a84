@testable import SwitchyardCore

/// A small catalog: "gpt" on openai (weight 3, priority 0) and azure (weight 1, priority 1), falling back
/// to "claude" on anthropic.
func fixtureCatalog(strategy: RoutingStrategyKind = .weighted) -> Catalog {
    Catalog(
        providers: [
            ProviderSpec(name: "openai", kind: .openai),
            ProviderSpec(name: "azure", kind: .openaiCompatible),
            ProviderSpec(name: "anthropic", kind: .anthropic),
        ],
        deployments: [
            DeploymentSpec(id: "gpt/openai", model: "gpt", provider: "openai", upstreamModel: "gpt-4o",
                           weight: 3, priority: 0, price: Price(inputPerMTok: 2.5, outputPerMTok: 10)),
            DeploymentSpec(id: "gpt/azure", model: "gpt", provider: "azure", upstreamModel: "gpt-4o",
                           weight: 1, priority: 1, price: Price(inputPerMTok: 2, outputPerMTok: 8)),
            DeploymentSpec(id: "claude/anthropic", model: "claude", provider: "anthropic",
                           upstreamModel: "claude-sonnet", price: Price(inputPerMTok: 3, outputPerMTok: 15)),
        ],
        models: [
            ModelGroupSpec(name: "gpt", strategy: strategy, deployments: ["gpt/openai", "gpt/azure"],
                           fallbacks: ["claude"]),
            ModelGroupSpec(name: "claude", strategy: .weighted, deployments: ["claude/anthropic"]),
        ])
}

/// Config with ejection off so routing is decided only by what a test sets up.
func testConfig() -> EngineConfig {
    var c = EngineConfig()
    c.ejection.enabled = false
    return c
}

struct Harness {
    let clock: ManualClock
    let transport: ScriptedTransport
    let engine: GatewayEngine

    init(catalog: Catalog = fixtureCatalog(), config: EngineConfig = testConfig(),
         latencies: [String: Double] = [:], seed: UInt64 = 42, admission: (any AdmissionControl)? = nil,
         ledger: (any LedgerSink)? = nil, tracer: TraceRecorder? = nil) throws {
        clock = ManualClock()
        transport = ScriptedTransport(clock: clock, latencies: latencies)
        engine = try GatewayEngine(catalog: catalog, transport: transport, clock: clock, seed: seed, config: config,
                                   admission: admission, ledger: ledger, tracer: tracer)
    }

    @discardableResult
    func send(_ model: String = "gpt", id: String = "r", key: String? = nil, team: String? = nil) async -> GatewayResponse {
        await engine.handle(GatewayRequest(id: id, model: model, key: key, team: team, inputTokens: 1000,
                                           maxOutputTokens: 500))
    }

    /// Sends `n` requests and counts which deployment served each.
    func servedCounts(_ n: Int, model: String = "gpt") async -> [String: Int] {
        var counts: [String: Int] = [:]
        for i in 0..<n {
            let r = await send(model, id: "r\(i)")
            counts[r.servedBy?.id ?? "none", default: 0] += 1
        }
        return counts
    }

    var info: GatewayInfo { GatewayInfo(mode: "test", address: nil, version: "0", startedAt: 0) }
}

extension ClientStream {
    /// A stream with nothing in it, for engine tests that only need a streamed answer to settle.
    static var idle: ClientStream {
        ClientStream(frames: AsyncThrowingStream { $0.finish() }, usage: UsageMeter(estimatedInput: 0), abort: { _ in })
    }
}

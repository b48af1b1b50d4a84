import SwitchyardCore
import SwitchyardSim
import SwitchyardWire
import Testing

/// An entry listing several groups, chosen per request from the engine's live state.
@Suite struct TaskPreferenceRoutingTests {
    static func engine(prefer: TaskPreference) throws -> GatewayEngine {
        var catalog = DemoCatalog.make().catalog
        catalog.taskRouting = TaskRoutingSpec(models: [TaskModelSpec(
            name: "auto", choices: ["chat": ["claude-sonnet", "gpt-4o-mini"]], prefer: prefer)])
        let clock = SystemClock()
        return try GatewayEngine(
            catalog: catalog, transport: SimulatedTransport(catalog: catalog, timeline: .demo, clock: clock, seed: 1),
            clock: clock)
    }

    static func route(_ engine: GatewayEngine) throws -> TaskRoute {
        let payload = ClientRequest.chat(ChatCompletionRequest(model: "auto", messages: [ChatMessage(role: .user, content: .text("hi"))]))
        return try #require(engine.explainTaskRoute(model: "auto", payload: payload, team: nil, declaredTask: nil))
    }

    @Test func costTakesTheCheaperGroupUntilItCannotServe() throws {
        let engine = try Self.engine(prefer: .cost)
        let cheap = try Self.route(engine)
        #expect(cheap.group == "gpt-4o-mini")
        #expect(cheap.via == "auto's chat entry: cheapest of claude-sonnet, gpt-4o-mini", "\(cheap.via)")
        // Every deployment of the cheaper group is on a disabled provider: the other group serves.
        _ = engine.apply(.disableProvider("openai"), actor: "test")
        _ = engine.apply(.disableProvider("azure"), actor: "test")
        let fallback = try Self.route(engine)
        #expect(fallback.group == "claude-sonnet")
        #expect(fallback.via.hasSuffix("1 of 2 cannot serve now"), "\(fallback.via)")
    }

    @Test func qualityKeepsTheListedOrder() throws {
        #expect(try Self.route(Self.engine(prefer: .quality)).group == "claude-sonnet")
    }
}

import SwitchyardCore
@testable import SwitchyardGateway
import Testing

@Suite struct EventLogTests {
    static func event(_ kind: GatewayEvent.Kind, reason: String = "5 consecutive failures", to: String? = nil) -> GatewayEvent {
        GatewayEvent(sequence: 1, time: 0, kind: kind, model: "chat", from: "chat/openai", to: to, reason: reason)
    }

    @Test(arguments: [
        (GatewayEvent.Kind.breakerOpened, "warning", "breaker opened on chat/openai: 5 consecutive failures"),
        (.breakerHalfOpen, "notice", "breaker half-open on chat/openai: probing"),
        (.ejected, "warning", "chat/openai ejected: 5 consecutive failures"),
        (.cooldown, "info", "chat/openai cooling down: 5 consecutive failures"),
    ])
    func operatorEventsAreLogged(_ kind: GatewayEvent.Kind, _ level: String, _ text: String) throws {
        let (logged, message) = try #require(EventLog.line(Self.event(kind)))
        #expect("\(logged)" == level)
        #expect(message == text)
    }

    @Test func fallbacksStayOutOfTheLog() {
        #expect(EventLog.line(Self.event(.fallback)) == nil)
    }

    @Test func anOverrideNamesWhoAndWhat() throws {
        let (_, message) = try #require(EventLog.line(Self.event(.override, reason: "ctl:alice", to: "disabled")))
        #expect(message == "override by ctl:alice: chat/openai → disabled")
    }
}

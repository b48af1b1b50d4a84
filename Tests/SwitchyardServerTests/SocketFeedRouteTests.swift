import Foundation
@testable import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore
import Testing

@Suite struct SocketFeedRouteTests {
    func body(_ route: ControlRoute) -> String? { route.body.map { String(decoding: $0, as: UTF8.self) } }

    @Test func everyCommandHasItsRoute() throws {
        let cases: [(ControlCommand, String, String?)] = [
            (.disableProvider("azure"), "/v1/providers/azure/disable", nil),
            (.enableProvider("azure"), "/v1/providers/azure/enable", nil),
            (.disableDeployment("gpt-4o/openai"), "/v1/deployments/disable", #"{"deployment":"gpt-4o/openai"}"#),
            (.enableDeployment("gpt-4o/openai"), "/v1/deployments/enable", #"{"deployment":"gpt-4o/openai"}"#),
            (.setWeight(deployment: "gpt-4o/openai", weight: 5), "/v1/deployments/weight",
             #"{"deployment":"gpt-4o/openai","weight":5}"#),
            (.failover(model: "gpt-4o", from: "gpt-4o/openai"), "/v1/models/gpt-4o/failover",
             #"{"from":"gpt-4o/openai"}"#),
            (.undo, "/v1/undo", nil),
            (.reset, "/v1/reset", nil),
        ]
        for (command, path, json) in cases {
            let route = try ControlRoute(command)
            #expect(route.method == "POST")
            #expect(route.path == path, "\(command)")
            #expect(body(route) == json, "\(command)")
        }
    }

    @Test func namesInPathsAreOneSegment() throws {
        #expect(try ControlRoute(.disableProvider("us/east?x")).path == "/v1/providers/us%2Feast%3Fx/disable")
        #expect(try ControlRoute(.failover(model: "meta/llama 3", from: "a")).path == "/v1/models/meta%2Fllama%203/failover")
    }

    @Test func fractionalWeightKeepsItsValue() throws {
        let route = try ControlRoute(.setWeight(deployment: "d", weight: 0.5))
        #expect(body(route) == #"{"deployment":"d","weight":0.5}"#)
    }

    @Test func nonFiniteWeightCannotBeEncoded() {
        #expect(throws: (any Error).self) { try ControlRoute(.setWeight(deployment: "d", weight: .nan)) }
    }

    @Test func defaultSocketPath() {
        #expect(ControlSocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"], uid: 1000)
                == "/run/user/1000/switchyard/control.sock")
        #expect(ControlSocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": "/run/user/7/"], uid: 7)
                == "/run/user/7/switchyard/control.sock")
        #expect(ControlSocketPath.defaultPath(environment: [:], uid: 501) == "/tmp/switchyard-501/control.sock")
        #expect(ControlSocketPath.defaultPath(environment: ["XDG_RUNTIME_DIR": ""], uid: 0) == "/tmp/switchyard-0/control.sock")
        #expect(ControlSocketPath.resolve("/srv/gw.sock", environment: [:], uid: 1) == "/srv/gw.sock")
        #expect(ControlSocketPath.resolve(nil, environment: [:], uid: 1) == "/tmp/switchyard-1/control.sock")
    }

    @Test func backoffDoublesToTheCap() {
        let backoff = ReconnectBackoff()
        let middle = (1...8).map { backoff.delay(afterFailures: $0, unit: 0.5) }
        #expect(middle == [0.25, 0.5, 1, 2, 4, 5, 5, 5])
    }

    @Test func backoffJitterStaysInBounds() {
        let backoff = ReconnectBackoff()
        #expect(backoff.delay(afterFailures: 1, unit: 0) == 0.25 * 0.8)
        #expect(abs(backoff.delay(afterFailures: 1, unit: 0.999_999) - 0.25 * 1.2) < 1e-5)
        var rng = SeededGenerator(seed: 9)
        for failures in 1...40 {
            let d = backoff.delay(afterFailures: failures, unit: Double.random(in: 0..<1, using: &rng))
            #expect(d >= 0.2 && d <= 5)
        }
        #expect(backoff.delay(afterFailures: 100, unit: 1) == 5)
    }

    @Test func errorMessageOfAnErrorBody() {
        #expect(SocketFeed.errorMessage(Array(#"{"error":"body over 64 KiB"}"#.utf8)) == "body over 64 KiB")
        #expect(SocketFeed.errorMessage(Array("gateway exploded\n".utf8)) == "gateway exploded")
        #expect(SocketFeed.errorMessage([]) == "no message")
    }
}

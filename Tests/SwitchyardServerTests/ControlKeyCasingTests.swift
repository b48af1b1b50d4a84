import Foundation
import SwitchyardControl
import SwitchyardControlAPI
import SwitchyardCore
import Testing

@Suite struct ControlKeyCasingTests {
    @Test(arguments: [
        ("id", "id"), ("traceID", "trace_id"), ("parentSpanID", "parent_span_id"), ("deploymentIDs", "deployment_ids"),
        ("baseURL", "base_url"), ("spendUSD", "spend_usd"), ("latencyEWMA", "latency_ewma"),
        ("inputPerMTok", "input_per_mtok"), ("cachedInputPerMTok", "cached_input_per_mtok"),
        ("genAIProvider", "gen_ai_provider"), ("peerUID", "peer_uid"), ("noJSONMode", "no_json_mode"),
        ("defaultAzureAPIVersion", "default_azure_api_version"), ("timeToFirstToken", "time_to_first_token"),
        ("p95", "p95"), ("rps1m", "rps1m"), ("expiresInSeconds", "expires_in_seconds"),
        // Already snake_case, or an enum payload's synthesized key: as written.
        ("error_class", "error_class"), ("_0", "_0"),
    ])
    func namesBecomeSnakeCaseAndComeBack(camel: String, snake: String) {
        #expect(ControlKeyCasing.snake(camel) == snake)
        if !camel.contains("_") { #expect(ControlKeyCasing.camel(snake) == camel) }
    }

    @Test func camelCaseStillReads() {
        for name in ["traceID", "servedBy", "downgradeTo", "name"] { #expect(ControlKeyCasing.camel(name) == name) }
    }

    /// The whole feed: every field name snake_case, and the dashboard's decoder gets back what was sent.
    @Test func aSnapshotIsSnakeCaseAndRoundTrips() throws {
        let engine = try makeControlEngine()
        _ = engine.apply(.disableProvider("openai"), actor: "test")
        _ = engine.apply(.setWeight(deployment: "gpt-4o/azure", weight: 4), actor: "test")
        let snapshot = engine.snapshot(info: controlTestInfo)
        let data = try ControlJSON.encode(snapshot)
        let humped = Self.keys(in: try JSONSerialization.jsonObject(with: data)).filter { key in
            key.unicodeScalars.contains { CharacterSet.uppercaseLetters.contains($0) }
        }
        #expect(humped.isEmpty, "camelCase field names: \(humped.sorted())")
        #expect(try ControlJSON.decode(GatewaySnapshot.self, from: data) == snapshot)
    }

    @Test func aBodyInEitherCasingDecodesAndErrorsNameTheSnakeField() throws {
        let snake = #"{"limit":5,"period":"daily","downgrade_to":"gpt-4o-mini"}"#
        let camel = #"{"limit":5,"period":"daily","downgradeTo":"gpt-4o-mini"}"#
        for body in [snake, camel] {
            let decoded = try ControlBodyDecoder.decode(KeyBudgetRequest.self, from: Data(body.utf8), example: "{}")
            #expect(decoded.downgradeTo == "gpt-4o-mini")
        }
        let bad = Data(#"{"limit":5,"period":"daily","downgrade_to":3}"#.utf8)
        #expect(throws: ControlBodyDecoder.Failure.self) {
            try ControlBodyDecoder.decode(KeyBudgetRequest.self, from: bad, example: "{}")
        }
        do {
            _ = try ControlBodyDecoder.decode(KeyBudgetRequest.self, from: bad, example: "{}")
        } catch {
            #expect(error.message == "invalid body: field 'downgrade_to' must be a string; expected {}")
        }
    }

    private static func keys(in json: Any) -> Set<String> {
        if let object = json as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { $0.formUnion(keys(in: $1.value)) }
        }
        if let array = json as? [Any] { return array.reduce(into: Set<String>()) { $0.formUnion(keys(in: $1)) } }
        return []
    }
}

import Foundation
import SwitchyardJSON
import SwitchyardWire
import Testing

/// `GET /v1/models` and `/v1/models/{id}` answer in the caller's shape: Anthropic's when it sends
/// `anthropic-version` (as Anthropic's SDKs do), OpenAI's otherwise; an unknown id is a 404 in that format.
@Suite struct GatewayModelRouteTests {
    static let anthropic = [("anthropic-version", "2023-06-01")]

    @Test func oneModelInEitherShapeAndUnknownOnesRefused() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: { GatewayYAML.single($0[0]) }) { gw in
            let openai = try await gw.send(.GET, "/v1/models/chat")
            #expect(openai.status == 200, "\(openai.text)")
            let model = try openai.decode(ModelList.Model.self)
            #expect(model.id == "chat" && model.object == "model" && model.ownedBy == "switchyard" && model.created > 0)

            let claude = try await gw.send(.GET, "/v1/models/chat", headers: Self.anthropic)
            let json = try #require(JSONValue(parsing: claude.text))
            #expect(json["type"]?.stringValue == "model" && json["id"]?.stringValue == "chat", "\(claude.text)")
            #expect(json["display_name"]?.stringValue == "chat")
            #expect(json["created_at"]?.stringValue?.hasSuffix("Z") == true, "\(claude.text)")

            let list = try #require(JSONValue(parsing: try await gw.send(.GET, "/v1/models", headers: Self.anthropic).text))
            #expect(list["has_more"] == .bool(false) && list["first_id"]?.stringValue == "chat")
            #expect(list["data"]?.arrayValue?.count == 1)

            let missing = try await gw.send(.GET, "/v1/models/gpt-5")
            #expect(missing.status == 404)
            let error = try #require(JSONValue(parsing: missing.text))
            #expect(error["error"]?["code"]?.stringValue == "model_not_found", "\(missing.text)")
            #expect(error["error"]?["message"]?.stringValue?.contains("available models: chat") == true)
            let missingAnthropic = try await gw.send(.GET, "/v1/models/gpt-5", headers: Self.anthropic)
            #expect(missingAnthropic.status == 404)
            #expect(JSONValue(parsing: missingAnthropic.text)?["error"]?["type"]?.stringValue == "not_found_error",
                    "\(missingAnthropic.text)")

            let posted = try await gw.send(.POST, "/v1/models/chat", body: "{}")
            #expect(posted.status == 405 && posted.headers.first(name: "allow") == "GET")
        }
    }
}

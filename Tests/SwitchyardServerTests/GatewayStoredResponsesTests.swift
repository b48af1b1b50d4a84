import Foundation
import SwitchyardGateway
import SwitchyardJSON
import Testing

/// `previous_response_id` through the real ingress: what the upstream is sent, who may continue what, and the
/// retrieve and delete routes.
@Suite struct GatewayStoredResponsesTests {
    static func yaml(store: Bool) -> @Sendable ([String]) -> String {
        { bases in
            """
            listen: 127.0.0.1:0
            governance: { auth: keys }
            responses: { store: \(store), retention: 1h }
            providers:
              - { name: only, kind: openai-compatible, base_url: "\(bases[0])/v1" }
            models:
              - name: chat
                deployments: [{ provider: only, model: gpt-4o, price: { input: 2.5, output: 10 } }]
            """
        }
    }

    private static func bearer(_ secret: String) -> [(String, String)] { [("authorization", "Bearer \(secret)")] }

    private static func messages(_ body: String) throws -> [JSONValue] {
        try WireCoding.parse(Data(body.utf8))["messages"]?.arrayValue ?? []
    }

    @Test("a continued response sends the stored conversation first, then the new input; instructions are not carried")
    func continuation() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml(store: true), governed: true) { gw in
            let governance = try #require(gw.governance)
            let ada = Self.bearer(try GatewayGovernanceTests.addKey(governance, name: "ada"))
            let first = try await gw.post(
                "/v1/responses", #"{"model":"chat","instructions":"Be brief.","input":"My name is Ada."}"#, headers: ada)
            #expect(first.status == 200, "\(first.text)")
            let firstBody = try WireCoding.parse(Data(first.text.utf8))
            let id = try #require(firstBody["id"]?.stringValue)
            #expect(firstBody["store"] == .bool(true))
            let item = firstBody["output"]?.arrayValue?.first
            let answer = try #require(item?["content"]?.arrayValue?.first?["text"]?.stringValue)

            let second = try await gw.post(
                "/v1/responses", #"{"model":"chat","input":"What is my name?","previous_response_id":"\#(id)"}"#, headers: ada)
            #expect(second.status == 200, "\(second.text)")
            #expect(try WireCoding.parse(Data(second.text.utf8))["previous_response_id"] == .string(id))
            let sent = try Self.messages(try #require(gw.sims[0].server.recentRequests.last).body)
            #expect(sent.map { $0["role"]?.stringValue } == ["user", "assistant", "user"], "\(sent)")
            #expect(sent[0]["content"] == .string("My name is Ada."))
            #expect(sent[1]["content"] == .string(answer))
            #expect(sent[2]["content"] == .string("What is my name?"))

            // A stream continues the second, and is kept in turn.
            let secondID = try #require(try WireCoding.parse(Data(second.text.utf8))["id"]?.stringValue)
            let stream = try await gw.stream(
                "/v1/responses", #"{"model":"chat","input":"Again","stream":true,"previous_response_id":"\#(secondID)"}"#,
                headers: ada)
            #expect(stream.status == 200)
            #expect(try Self.messages(try #require(gw.sims[0].server.recentRequests.last).body).count == 5)
            let completed = try #require(stream.events.last.map { try WireCoding.parse(Data($0.data.utf8)) })
            let thirdID = try #require(completed["response"]?["id"]?.stringValue)
            let fourth = try await gw.post(
                "/v1/responses", #"{"model":"chat","input":"Once more","previous_response_id":"\#(thirdID)"}"#, headers: ada)
            #expect(fourth.status == 200, "\(fourth.text)")
            #expect(try Self.messages(try #require(gw.sims[0].server.recentRequests.last).body).count == 7)
        }
    }

    @Test("another key's response is not found, store:false keeps nothing, and retrieve and delete are the key's")
    func scopeRetrieveAndDelete() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml(store: true), governed: true) { gw in
            let governance = try #require(gw.governance)
            let ada = Self.bearer(try GatewayGovernanceTests.addKey(governance, name: "ada"))
            let bob = Self.bearer(try GatewayGovernanceTests.addKey(governance, name: "bob"))
            let first = try await gw.post("/v1/responses", #"{"model":"chat","input":"secret plans"}"#, headers: ada)
            let id = try #require(try WireCoding.parse(Data(first.text.utf8))["id"]?.stringValue)

            let stolen = try await gw.post(
                "/v1/responses", #"{"model":"chat","input":"hi","previous_response_id":"\#(id)"}"#, headers: bob)
            #expect(stolen.status == 400)
            let error = try #require(try WireCoding.parse(Data(stolen.text.utf8))["error"])
            #expect(error["code"] == "previous_response_not_found")
            #expect(error["param"] == "previous_response_id")
            #expect(try await gw.send(.GET, "/v1/responses/\(id)", headers: bob).status == 404)

            let kept = try await gw.send(.GET, "/v1/responses/\(id)", headers: ada)
            #expect(kept.status == 200)
            #expect(kept.text == first.text)
            #expect(try await gw.send(.DELETE, "/v1/responses/\(id)", headers: bob).status == 404)
            let deleted = try await gw.send(.DELETE, "/v1/responses/\(id)", headers: ada)
            #expect(deleted.status == 200)
            #expect(try WireCoding.parse(Data(deleted.text.utf8))["deleted"] == .bool(true))
            #expect(try await gw.send(.GET, "/v1/responses/\(id)", headers: ada).status == 404)

            let unkept = try await gw.post("/v1/responses", #"{"model":"chat","input":"x","store":false}"#, headers: ada)
            let unkeptBody = try WireCoding.parse(Data(unkept.text.utf8))
            #expect(unkeptBody["store"] == .bool(false))
            let unkeptID = try #require(unkeptBody["id"]?.stringValue)
            #expect(try await gw.send(.GET, "/v1/responses/\(unkeptID)", headers: ada).status == 404)
            #expect(try await gw.send(.GET, "/v1/responses/\(unkeptID)").status == 401)
        }
    }

    @Test("with stored responses off, previous_response_id is a 400 naming the setting")
    func off() async throws {
        try await withGateway(sims: [gatewaySimOptions(name: "only")], yaml: Self.yaml(store: false), governed: true) { gw in
            let governance = try #require(gw.governance)
            let ada = Self.bearer(try GatewayGovernanceTests.addKey(governance, name: "ada"))
            let refused = try await gw.post(
                "/v1/responses", #"{"model":"chat","input":"hi","previous_response_id":"resp_1"}"#, headers: ada)
            #expect(refused.status == 400)
            #expect(refused.text.contains("responses: { store: true }"), "\(refused.text)")
            let plain = try await gw.post("/v1/responses", #"{"model":"chat","input":"hi"}"#, headers: ada)
            #expect(try WireCoding.parse(Data(plain.text.utf8))["store"] == .bool(false))
            #expect(try await gw.send(.GET, "/v1/responses/resp_1", headers: ada).status == 404)
        }
    }
}

import Foundation
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardGovernance
import Testing

@Suite(.serialized) struct GovernanceKeyRouteTests {
    @Test func createdKeyShowsItsSecretOnceAndStoresOnlyTheHash() async throws {
        try await GovernedControl.with { control in
            let client = control.client
            let created = try await send(client, "POST", "/v1/keys", body: """
                {"name":"platform/ci","team":"platform","models":["gpt-4o"],"rpm":60,"tpm":10000,
                 "budget":{"limit":25,"period":"weekly","downgrade_to":"gpt-4o-mini"},
                 "expires_in_seconds":86400,"metadata":{"owner":"alice"}}
                """)
            #expect(created.status == 201, "\(created.text)")
            let answer = try created.decode(CreatedKey.self)
            #expect(KeyMint.isWellFormed(answer.secret))
            #expect(answer.secret.hasPrefix(answer.key.prefix))
            #expect(answer.key.state == .active)
            #expect(answer.key.team == "platform")
            #expect(answer.key.models == ["gpt-4o"])
            #expect(answer.key.rpm == 60 && answer.key.tpm == 10000)
            #expect(answer.key.metadata == ["owner": "alice"])
            #expect(answer.key.budgets.map(\.limit) == [25])
            #expect(answer.key.budgets.first?.downgradeTo == "gpt-4o-mini")
            #expect(answer.key.expiresAt.map { $0 > Date().timeIntervalSince1970 + 80_000 } == true)
            #expect(!created.text.contains("hash"))

            // The secret works, and is never sent again.
            let principal = control.service.governor.authenticate(
                authorization: "Bearer \(answer.secret)", apiKey: nil, now: Date().timeIntervalSince1970)
            #expect((try? principal.get())?.key == "platform/ci")
            let list = try await send(client, "GET", "/v1/keys")
            #expect(list.status == 200)
            #expect(!list.text.contains(answer.secret))
            #expect(!list.text.contains(KeyMint.hash(answer.secret)))
            #expect(try list.decode([KeyInfo].self).map(\.name) == ["platform/ci"])
            let one = try await send(client, "GET", "/v1/keys/platform%2Fci")
            #expect(one.status == 200, "\(one.text)")
            #expect(!one.text.contains(answer.secret))
            #expect(try one.decode(KeyInfo.self).prefix == answer.key.prefix)

            // Stored: the hash and the prefix only.
            let row = try #require(try control.service.database.key(named: "platform/ci"))
            #expect(row.hash == KeyMint.hash(answer.secret))
            #expect(row.prefix == answer.key.prefix)
            #expect(try control.service.database.budgets().map(\.scope) == [.key("platform/ci")])

            // Audited, without the secret.
            let audit = try await send(client, "GET", "/v1/audit").decode([AuditRecord].self)
            let record = try #require(audit.last)
            #expect(record.action == "keys create platform/ci")
            #expect(record.actor.hasPrefix("ctl:"))
            #expect(record.after.contains("budget $25.00 weekly"))
            #expect(!audit.contains { $0.after.contains(answer.secret) || $0.before.contains(answer.secret) })
            let auditFile = String(decoding: FileManager.default.contents(atPath: control.plane.store.auditPath) ?? Data(),
                                   as: UTF8.self)
            #expect(auditFile.contains("keys create platform/ci"))
            #expect(!auditFile.contains(answer.secret))
        }
    }

    @Test func revokedKeyStopsWorkingAndStaysListed() async throws {
        try await GovernedControl.with { control in
            let client = control.client
            let secret = try await send(client, "POST", "/v1/keys", body: #"{"name":"temp"}"#).decode(CreatedKey.self).secret
            let revoked = try await send(client, "POST", "/v1/keys/temp/revoke")
            #expect(revoked.status == 200, "\(revoked.text)")
            #expect(try revoked.decode(KeyInfo.self).state == .revoked)
            let now = Date().timeIntervalSince1970
            #expect(throws: GatewayError.self) {
                try control.service.governor.authenticate(authorization: "Bearer \(secret)", apiKey: nil, now: now).get()
            }
            #expect(try control.service.database.key(named: "temp")?.revokedAt != nil)
            // Revoking again changes nothing and writes no second audit record.
            #expect(try await send(client, "POST", "/v1/keys/temp/revoke").status == 200)
            let actions = try await send(client, "GET", "/v1/audit").decode([AuditRecord].self).map(\.action)
            #expect(actions == ["keys create temp", "keys revoke temp"])
            let unknown = try await send(client, "POST", "/v1/keys/tmep/revoke")
            #expect(unknown.status == 404)
            #expect(errorText(unknown).contains("no key named 'tmep'"))
            #expect(try await send(client, "GET", "/v1/keys/nope").status == 404)
        }
    }

    @Test func badKeyRequestsAreRefusedWithTheirReason() async throws {
        try await GovernedControl.with { control in
            let client = control.client
            #expect(try await send(client, "POST", "/v1/keys", body: #"{"name":"taken"}"#).status == 201)
            let cases: [(body: String, status: Int, says: String)] = [
                (#"{"name":"bad name!"}"#, 400, "must be 1–64 characters"),
                (#"{"name":"k","team":"ghosts"}"#, 400, "no team named 'ghosts'"),
                (#"{"name":"taken"}"#, 409, "already exists"),
                (#"{"name":"k","rpm":-1}"#, 400, "rpm must be from 0 to 1000000000000"),
                (#"{"name":"k","tpm":9223372036854775807}"#, 400, "tpm must be from 0 to 1000000000000"),
                (#"{"name":"k","budget":{"limit":1e308,"period":"daily"}}"#, 400, "from 0 to 1000000000000"),
                (#"{"name":"k","models":["gpt-4o","gtp-4o"]}"#, 400, "models: unknown model group 'gtp-4o'"),
                (#"{"name":"k","budget":{"limit":5,"period":"daily","downgrade_to":"cheap"}}"#, 400, "unknown model group 'cheap'"),
                (#"{"name":"k","budget":{"limit":-5,"period":"daily"}}"#, 400, "limit must be a number of dollars"),
                (#"{"name":"k","budget":{"limit":"lots","period":"daily"}}"#, 400, "'budget.limit' must be a number"),
                (#"{"name":"k","budget":{"limit":5,"period":"yearly"}}"#, 400, "period must be daily, weekly"),
                (#"{"name":"k","expires_at":"someday"}"#, 400, "is not a time"),
                (#"{"name":"k","expires_at":1000}"#, 400, "already be expired"),
                (#"{"name":"k","expires_at":"2099-01-01","expires_in_seconds":60}"#, 400, "not both"),
                (#"{"team":"platform"}"#, 400, "missing field 'name'"),
                ("not json", 400, "not valid JSON"),
            ]
            for (body, status, says) in cases {
                let reply = try await send(client, "POST", "/v1/keys", body: body)
                #expect(reply.status == status, "\(body) → \(reply.status) \(reply.text)")
                #expect(errorText(reply).contains(says), "\(body) → \(reply.text)")
                #expect(!reply.text.contains("sk-sy-"))
            }
            // Nothing was made by the refused requests.
            #expect(try control.service.database.keys().map(\.name) == ["taken"])
            #expect(control.service.governor.keys().map(\.name) == ["taken"])
            #expect(try control.service.database.budgets().isEmpty)
        }
    }

    @Test func withoutGovernanceTheRoutesAnswer503() async throws {
        let scratch = try ControlScratch()
        defer { scratch.cleanup() }
        let running = try await RunningControl.start(
            ControlServer(engine: try makeControlEngine(), socketPath: scratch.socketPath, info: { controlTestInfo }))
        for (method, path) in [("GET", "/v1/keys"), ("POST", "/v1/keys"), ("GET", "/v1/budgets"), ("GET", "/v1/spend")] {
            let reply = try await send(running.client, method, path, body: method == "POST" ? #"{"name":"x"}"# : nil)
            #expect(reply.status == 503, "\(method) \(path)")
            #expect(errorText(reply) == "this gateway runs without governance")
        }
        await running.stop()
    }
}

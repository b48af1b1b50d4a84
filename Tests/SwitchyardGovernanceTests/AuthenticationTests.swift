import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

@Suite struct AuthenticationTests {
    let ci = mint("team-a/ci", team: "team-a")
    let old = mint("old", revokedAt: noon - 3600)
    let temp = mint("temp", expiresAt: noon - 60)

    func governor(_ mode: AuthMode, keys: [VirtualKeyRecord]? = nil) throws -> Governor {
        try Governor(policy: GovernancePolicy(auth: mode), teams: [TeamSpec(name: "team-a")],
                     keys: keys ?? [ci.record, old.record, temp.record], now: noon)
    }

    func failure(_ result: Result<Principal, GatewayError>) -> GatewayError? {
        if case .failure(let e) = result { return e }
        return nil
    }

    @Test func bearerAndXAPIKeyBothAuthenticate() throws {
        let g = try governor(.keys)
        let viaBearer = g.authenticate(authorization: "Bearer \(ci.secret)", apiKey: nil, now: noon)
        let viaHeader = g.authenticate(authorization: nil, apiKey: ci.secret, now: noon)
        #expect(try viaBearer.get() == Principal(key: "team-a/ci", team: "team-a"))
        #expect(try viaHeader.get() == Principal(key: "team-a/ci", team: "team-a"))
    }

    @Test func missingKeyIs401AndSaysHowToSendOne() throws {
        let error = failure(try governor(.keys).authenticate(authorization: nil, apiKey: nil, now: noon))
        #expect(error?.status == 401)
        #expect(error?.message.contains("Authorization: Bearer") == true)
        #expect(error?.message.contains("keys create") == false)
        let empty = failure(try governor(.keys, keys: []).authenticate(authorization: nil, apiKey: nil, now: noon))
        #expect(empty?.message.contains("switchyard ctl keys create --name NAME") == true)
    }

    @Test(arguments: ["Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "Bearer two words", "bare-token-without-scheme"])
    func malformedAuthorizationIs401(_ header: String) throws {
        let error = failure(try governor(.keys).authenticate(authorization: header, apiKey: nil, now: noon))
        #expect(error?.status == 401)
        #expect(error?.code == "invalid_authorization_header")
        #expect(error?.message.contains("dXNlcjpwYXNz") == false)
        #expect(error?.message.contains("bare-token") == false)
    }

    @Test func conflictingHeadersAreRefused() throws {
        let other = mint("other")
        let error = failure(try governor(.keys).authenticate(
            authorization: "Bearer \(ci.secret)", apiKey: other.secret, now: noon))
        #expect(error?.code == "invalid_authorization_header")
    }

    @Test func unknownRevokedAndExpiredKeysAre401WithTheirCodes() throws {
        let g = try governor(.keys)
        let stranger = KeyMint.generate().secret
        let unknown = failure(g.authenticate(authorization: "Bearer \(stranger)", apiKey: nil, now: noon))
        let revoked = failure(g.authenticate(authorization: "Bearer \(old.secret)", apiKey: nil, now: noon))
        let expired = failure(g.authenticate(authorization: nil, apiKey: temp.secret, now: noon))
        #expect(unknown?.code == "invalid_api_key")
        #expect(revoked?.code == "key_revoked")
        #expect(revoked?.message.contains("'old'") == true)
        #expect(revoked?.message.contains("2026-11-25 11:00 UTC") == true)
        #expect(expired?.code == "key_expired")
        #expect(expired?.message.contains("2026-11-25 11:59 UTC") == true)
        for (error, secret) in [(unknown, stranger), (revoked, old.secret), (expired, temp.secret)] {
            #expect(error?.status == 401)
            #expect(error?.message.contains(secret) == false)
            // Not even the random part beyond the display prefix.
            #expect(error?.message.contains(String(secret.dropFirst(10))) == false)
        }
    }

    @Test func aKeyExpiringLaterStillWorks() throws {
        let later = mint("later", expiresAt: noon + 60)
        let g = try governor(.keys, keys: [later.record])
        #expect(try g.authenticate(authorization: "Bearer \(later.secret)", apiKey: nil, now: noon).get().key == "later")
        #expect(failure(g.authenticate(authorization: "Bearer \(later.secret)", apiKey: nil, now: noon + 60))?.code
                == "key_expired")
    }

    @Test func openModeIsAnonymousWithoutAKeyButEnforcesKnownOnes() throws {
        let g = try governor(.open)
        #expect(try g.authenticate(authorization: nil, apiKey: nil, now: noon).get() == .anonymous)
        #expect(try g.authenticate(authorization: "Bearer whatever", apiKey: nil, now: noon).get() == .anonymous)
        #expect(try g.authenticate(authorization: nil, apiKey: ci.secret, now: noon).get().key == "team-a/ci")
        #expect(failure(g.authenticate(authorization: "Bearer \(old.secret)", apiKey: nil, now: noon))?.code
                == "key_revoked")
        #expect(failure(g.authenticate(authorization: "Bearer \(temp.secret)", apiKey: nil, now: noon))?.code
                == "key_expired")
    }
}

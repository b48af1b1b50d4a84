import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

@Suite struct CredentialTests {
    @Test func bearerIsCaseInsensitiveAndTrimmed() throws {
        #expect(try Credential.secret(authorization: "  bearer sk-sy-abc  ", apiKey: nil).get() == "sk-sy-abc")
        #expect(try Credential.secret(authorization: "Bearer sk-sy-abc", apiKey: "sk-sy-abc").get() == "sk-sy-abc")
        #expect(try Credential.secret(authorization: nil, apiKey: nil).get() == nil)
    }

    @Test(arguments: ["", "   ", "two words"])
    func malformedXAPIKeyIs401(_ value: String) {
        guard case .failure(let error) = Credential.secret(authorization: nil, apiKey: value) else {
            Issue.record("accepted a malformed x-api-key")
            return
        }
        #expect(error.status == 401)
        #expect(error.code == "invalid_authorization_header")
        #expect(!error.message.contains("two words"))
    }

    @Test func basicNamesTheSchemeButNotTheCredentials() {
        guard case .failure(let error) = Credential.secret(authorization: "Basic c2VjcmV0", apiKey: nil) else {
            Issue.record("accepted Basic")
            return
        }
        #expect(error.message.contains("'Basic'"))
        #expect(!error.message.contains("c2VjcmV0"))
    }
}

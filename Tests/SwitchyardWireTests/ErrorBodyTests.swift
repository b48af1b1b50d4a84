import Foundation
@testable import SwitchyardJSON
@testable import SwitchyardWire
import Testing

@Suite struct ErrorBodyTests {
    @Test func openAIShapeAlwaysHasParamAndCode() throws {
        let body = OpenAIErrorBody.invalidRequest("messages is required", param: "messages")
        #expect(try encodedTree(body) == tree(
            #"{"error":{"message":"messages is required","type":"invalid_request_error","param":"messages","code":null}}"#))
        let key = OpenAIErrorBody.invalidAPIKey()
        #expect(try encodedTree(key) == tree(
            #"{"error":{"message":"Incorrect API key provided.","type":"authentication_error","param":null,"code":"invalid_api_key"}}"#))
    }

    @Test(arguments: [
        (400, "invalid_request_error", nil),
        (401, "authentication_error", "invalid_api_key"),
        (403, "permission_error", "permission_denied"),
        (404, "invalid_request_error", "model_not_found"),
        (413, "invalid_request_error", "request_too_large"),
        (429, "rate_limit_error", "rate_limit_exceeded"),
        (500, "server_error", "internal_error"),
        (502, "upstream_error", "bad_gateway"),
        (503, "upstream_error", "service_unavailable"),
        (504, "upstream_error", "gateway_timeout"),
    ] as [(Int, String, String?)])
    func openAIStatusBodies(status: Int, type: String, code: String?) throws {
        let body = OpenAIErrorBody.forStatus(status, message: "m")
        #expect(body.error.type == type)
        #expect(body.error.code == code)
        guard case .object(let outer) = try encodedTree(body), case .object(let inner)? = outer["error"] else {
            Issue.record("not an object")
            return
        }
        #expect(outer.keys.sorted() == ["error"])
        #expect(inner.keys.sorted() == ["code", "message", "param", "type"])
    }

    @Test func modelNotFoundNamesTheModel() {
        let body = OpenAIErrorBody.modelNotFound("gpt-9")
        #expect(body.error.message.contains("gpt-9"))
        #expect(body.error.param == "model")
        #expect(body.error.code == "model_not_found")
    }

    @Test func openAIDecodesNumericCodes() throws {
        let body = try WireCoding.decode(OpenAIErrorBody.self, from: #"{"error":{"message":"x","type":"y","code":502}}"#)
        #expect(body.error.code == "502")
        #expect(body.error.param == nil)
    }

    @Test(arguments: [
        (400, "invalid_request_error"), (401, "authentication_error"), (403, "permission_error"),
        (404, "not_found_error"), (413, "request_too_large"), (429, "rate_limit_error"), (500, "api_error"),
        (502, "api_error"), (503, "overloaded_error"), (529, "overloaded_error"),
    ])
    func anthropicStatusBodies(status: Int, type: String) throws {
        let body = AnthropicErrorBody.forStatus(status, message: "boom")
        #expect(try encodedTree(body) == .object([
            "type": "error", "error": ["type": .string(type), "message": "boom"],
        ]))
    }

    @Test func anthropicStatusForType() {
        #expect(AnthropicErrorBody.status(forErrorType: "overloaded_error") == 529)
        #expect(AnthropicErrorBody.status(forErrorType: "not_found_error") == 404)
        #expect(AnthropicErrorBody.status(forErrorType: "api_error") == 500)
    }

    @Test func anthropicRoundTrip() throws {
        let body = try expectRoundTrip(
            #"{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}"#,
            as: AnthropicErrorBody.self)
        #expect(body.error.type == "rate_limit_error")
    }

    @Test func translatedErrorsKeepTheirMeaning() {
        let overloaded = OpenAIErrorBody(translating: .overloaded())
        #expect(overloaded.error.code == "service_unavailable")
        let limited = OpenAIErrorBody(translating: .rateLimited("slow down"))
        #expect(limited.error.type == "rate_limit_error")
        #expect(limited.error.message == "slow down")
        let back = AnthropicErrorBody(translating: .invalidAPIKey(), status: 401)
        #expect(back.error.type == "authentication_error")
    }
}

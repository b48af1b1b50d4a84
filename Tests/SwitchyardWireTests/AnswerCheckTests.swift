import SwitchyardJSON
import Testing
@testable import SwitchyardWire

/// What fails a task model's checks, from tables of answers and the requests they answer.
@Suite struct AnswerCheckTests {
    private static func request(_ json: String) throws -> ClientRequest {
        .chat(try WireCoding.decode(ChatCompletionRequest.self, from: json))
    }

    private static func answer(content: String?, finish: String = "stop", toolCalls: String = "") throws -> ClientReply {
        let text = content.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" } ?? "null"
        let calls = toolCalls.isEmpty ? "" : #","tool_calls":[\#(toolCalls)]"#
        return .chat(try WireCoding.decode(ChatCompletionResponse.self, from: """
            {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"\(finish)",\
            "message":{"role":"assistant","content":\(text)\(calls)}}]}
            """))
    }

    static let schemaRequest = #"{"model":"auto","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"t","schema":{"type":"object","properties":{"n":{"type":"integer","minimum":1}},"required":["n"],"additionalProperties":false}}}}"#
    static let objectRequest = #"{"model":"auto","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_object"}}"#
    static let toolRequest = #"{"model":"auto","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"get","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}"#
    static let plainRequest = #"{"model":"auto","messages":[{"role":"user","content":"x"}]}"#

    static let cases: [(request: String, content: String?, finish: String, toolCalls: String, expected: AnswerProblem?)] = [
        (schemaRequest, #"{"n": 3}"#, "stop", "", nil),
        (schemaRequest, "Sure! Here it is", "stop", "", .invalidJSON),
        (schemaRequest, #"{"n": 0}"#, "stop", "", .invalidJSON),
        (schemaRequest, #"{"n": 2, "extra": true}"#, "stop", "", .invalidJSON),
        (schemaRequest, #"{"m": 2}"#, "stop", "", .invalidJSON),
        (objectRequest, #"{"anything": [1, 2]}"#, "stop", "", nil),
        (objectRequest, "{not json", "stop", "", .invalidJSON),
        (plainRequest, "prose is fine here", "stop", "", nil),
        (plainRequest, "cut mid-sen", "length", "", .truncated),
        (plainRequest, "   ", "stop", "", .empty),
        (plainRequest, nil, "stop", "", .empty),
        (toolRequest, nil, "tool_calls", #"{"id":"1","type":"function","function":{"name":"get","arguments":"{\"city\":\"Oslo\"}"}}"#, nil),
        (toolRequest, nil, "tool_calls", #"{"id":"1","type":"function","function":{"name":"get","arguments":"{\"town\":\"Oslo\"}"}}"#, .invalidToolArgs),
        (toolRequest, nil, "tool_calls", #"{"id":"1","type":"function","function":{"name":"get","arguments":"{city"}}"#, .invalidToolArgs),
    ]

    @Test(arguments: cases.indices) func theFirstFailedCheckIsNamed(_ i: Int) throws {
        let c = Self.cases[i]
        let found = AnswerCheck.problem(try Self.answer(content: c.content, finish: c.finish, toolCalls: c.toolCalls),
                                        for: try Self.request(c.request), checks: Set(AnswerProblem.allCases))
        #expect(found?.problem == c.expected, "case \(i): \(found?.detail ?? "passed")")
    }

    @Test func onlyTheConfiguredChecksRun() throws {
        let truncated = try Self.answer(content: "cut", finish: "length")
        #expect(AnswerCheck.problem(truncated, for: try Self.request(Self.plainRequest), checks: [.empty]) == nil)
        #expect(AnswerCheck.problem(truncated, for: try Self.request(Self.plainRequest), checks: [.truncated])?.problem == .truncated)
    }

    @Test func schemaViolationsNameTheirPath() throws {
        let schema = try #require(JSONValue(parsing: #"{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","required":["id"]}}}}"#))
        let value = try #require(JSONValue(parsing: #"{"items":[{"id":1},{"name":"x"}]}"#))
        #expect(JSONSchemaCheck.violation(of: schema, in: value) == "$.items[1]: missing required member 'id'")
        #expect(JSONSchemaCheck.violation(of: .object(["type": .string("integer")]), in: .double(2)) == nil)
        #expect(JSONSchemaCheck.violation(of: .object(["type": .array([.string("string"), .string("null")])]), in: .null) == nil)
        // Keywords it does not know pass.
        #expect(JSONSchemaCheck.violation(of: .object(["pattern": .string("^a")]), in: .string("b")) == nil)
    }
}

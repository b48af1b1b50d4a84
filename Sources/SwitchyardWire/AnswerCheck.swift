import SwitchyardJSON

/// What a cheaper model's answer can get wrong that a stronger one is asked for instead (`escalate.on`).
public enum AnswerProblem: String, Sendable, Hashable, CaseIterable, Codable {
    /// A JSON response format was asked for and the content is not JSON, or breaks the request's schema.
    case invalidJSON = "invalid_json"
    /// A tool call's arguments are not JSON, or break the tool's parameters schema.
    case invalidToolArgs = "invalid_tool_args"
    /// The answer stopped at its token limit (`length`, `max_tokens`).
    case truncated
    /// Neither text nor a tool call.
    case empty
}

/// Judges a complete answer against what its request asked for. Pure: the same answer and request give the same
/// verdict, tested from tables.
public enum AnswerCheck {
    /// The first of `checks` (in the order of `AnswerProblem.allCases`) that `reply` fails, with why; nil when it
    /// passes them all.
    public static func problem(
        _ reply: ClientReply, for request: ClientRequest, checks: Set<AnswerProblem>
    ) -> (problem: AnswerProblem, detail: String)? {
        for check in AnswerProblem.allCases where checks.contains(check) {
            if let detail = detail(check, reply, request) { return (check, detail) }
        }
        return nil
    }

    private static func detail(_ check: AnswerProblem, _ reply: ClientReply, _ request: ClientRequest) -> String? {
        switch (reply, request) {
        case (.chat(let answer), .chat(let asked)): chat(check, answer, asked)
        case (.messages(let answer), .messages(let asked)): messages(check, answer, asked)
        default: nil
        }
    }

    private static func chat(_ check: AnswerProblem, _ answer: ChatCompletionResponse, _ asked: ChatCompletionRequest) -> String? {
        guard let choice = answer.choices.first else { return check == .empty ? "no choices" : nil }
        let text = choice.message.content?.text ?? ""
        let calls = choice.message.toolCalls ?? []
        switch check {
        case .empty:
            return text.allSatisfy(\.isWhitespace) && calls.isEmpty ? "no text and no tool call" : nil
        case .truncated:
            return choice.finishReason == .length ? "stopped at the token limit (finish_reason length)" : nil
        case .invalidJSON:
            guard case .object(let format)? = asked.responseFormat, let type = format["type"]?.stringValue,
                  type == "json_object" || type == "json_schema", calls.isEmpty
            else { return nil }
            guard let value = JSONValue(parsing: text) else { return "the content is not JSON" }
            guard type == "json_schema", let schema = format["json_schema"]?["schema"] else { return nil }
            return JSONSchemaCheck.violation(of: schema, in: value).map { "the content breaks the schema: \($0)" }
        case .invalidToolArgs:
            for call in calls {
                guard let arguments = JSONValue(parsing: call.function.arguments) else {
                    return "the arguments of \(call.function.name) are not JSON"
                }
                let tool = asked.tools?.first { $0.function.name == call.function.name }
                if let schema = tool?.function.parameters,
                   let problem = JSONSchemaCheck.violation(of: schema, in: arguments) {
                    return "the arguments of \(call.function.name) break its parameters: \(problem)"
                }
            }
            return nil
        }
    }

    private static func messages(_ check: AnswerProblem, _ answer: MessagesResponse, _ asked: MessagesRequest) -> String? {
        let text = answer.content.compactMap(\.text).joined()
        let uses: [AnthropicToolUse] = answer.content.compactMap { if case .toolUse(let use) = $0 { use } else { nil } }
        switch check {
        case .empty:
            return text.allSatisfy(\.isWhitespace) && uses.isEmpty ? "no text and no tool use" : nil
        case .truncated:
            return answer.stopReason == .maxTokens ? "stopped at the token limit (stop_reason max_tokens)" : nil
        case .invalidJSON:
            // Anthropic's API has no JSON response format: structured output comes as a tool use.
            return nil
        case .invalidToolArgs:
            for use in uses {
                let tool = asked.tools?.first { $0.name == use.name }
                if let schema = tool?.inputSchema, let problem = JSONSchemaCheck.violation(of: schema, in: use.input) {
                    return "the input of \(use.name) breaks its schema: \(problem)"
                }
            }
            return nil
        }
    }
}

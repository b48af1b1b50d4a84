import SwitchyardJSON

/// Structured output for upstreams that read requests as Anthropic's (Anthropic, Bedrock): they take no
/// `response_format`, so a chat request asking for a JSON object gets one tool whose input schema is the
/// requested schema, and the model is made to call it; the call's input comes back to the client as the answer's
/// text, with the finish reason a text answer has. The tool's name marks it on the way back, so the return
/// translation needs no state.
public enum AnthropicJSONAnswer {
    /// The tool's name: unlikely to be one of the client's, and telling to the model.
    public static let toolName = "json_answer"

    /// The tool for `request`'s response format, when it asks for a JSON object and offers no tools of its own
    /// (a request that also offers tools is left to them: forcing this one would keep the model from calling them).
    public static func tool(for request: ChatCompletionRequest) -> AnthropicTool? {
        guard request.tools?.isEmpty ?? true, let format = request.responseFormat,
              let type = format["type"]?.stringValue else { return nil }
        let schema: JSONValue
        switch type {
        case "json_schema":
            guard let given = format["json_schema"]?["schema"], given["type"] == .string("object") else { return nil }
            schema = given
        case "json_object":
            schema = ["type": "object"]
        default:
            return nil
        }
        let named = format["json_schema"]?["name"]?.stringValue.map { " (\($0))" } ?? ""
        return AnthropicTool(
            name: toolName, description: "Give your whole answer as this JSON object\(named); nothing else is read.",
            inputSchema: schema)
    }

    /// Whether a `tool_use` block is the answer in this tool.
    public static func isAnswer(_ use: AnthropicToolUse) -> Bool { use.name == toolName }
}

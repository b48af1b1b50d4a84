import SwitchyardJSON
extension ResponsesRequest {
    /// The first thing in the request that needs what only OpenAI's own servers have (conversation objects,
    /// built-in tools, background runs), or that chat completions cannot carry; nil when it can all be served.
    /// `previous_response_id` is the ingress's to settle: it depends on whether the gateway stores responses.
    public var unsupported: UnsupportedParameter? {
        if conversation != nil {
            return UnsupportedParameter(
                param: "conversation", message: "'conversation' is not supported: this gateway keeps no conversation "
                    + "objects; chain responses with 'previous_response_id' (when the gateway stores responses) or "
                    + "send the whole conversation in 'input'")
        }
        if background == true {
            return UnsupportedParameter(
                param: "background", message: "background responses are not supported by this gateway; "
                    + "send the request without 'background' and keep the connection open (or stream)")
        }
        if let prompt = extra["prompt"], prompt != .null {
            return UnsupportedParameter(
                param: "prompt", message: "stored prompt templates are not supported by this gateway; "
                    + "send the prompt's text as 'instructions' and 'input'")
        }
        for (index, tool) in (tools ?? []).enumerated() {
            if case .builtIn(let type, _) = tool {
                return UnsupportedParameter(
                    param: "tools[\(index)].type",
                    message: "tool type '\(type)' is not supported by this gateway: only function tools are; "
                        + "the built-in tools run on OpenAI's own servers")
            }
        }
        if let refusal = Self.toolChoiceRefusal(toolChoice) { return refusal }
        if let refusal = Self.formatRefusal(text) { return refusal }
        if case .items(let items) = input {
            for (index, item) in items.enumerated() {
                if let refusal = Self.itemRefusal(item, at: index) { return refusal }
            }
        }
        return nil
    }

    private static func toolChoiceRefusal(_ choice: JSONValue?) -> UnsupportedParameter? {
        switch choice {
        case nil, .string("auto")?, .string("none")?, .string("required")?: return nil
        case let value?:
            if value["type"] == .string("function"), value["name"]?.stringValue != nil { return nil }
            let shown = value["type"]?.stringValue.map { "'\($0)'" } ?? value.jsonString()
            return UnsupportedParameter(
                param: "tool_choice",
                message: "tool_choice \(shown) is not supported by this gateway: use \"auto\", \"none\", "
                    + "\"required\" or {\"type\": \"function\", \"name\": …}")
        }
    }

    private static func formatRefusal(_ text: JSONValue?) -> UnsupportedParameter? {
        guard let format = text?["format"], format != .null else { return nil }
        let type = format["type"]?.stringValue ?? ""
        switch type {
        case "text", "json_object": return nil
        case "json_schema":
            if format["schema"]?.objectValue == nil {
                return UnsupportedParameter(param: "text.format.schema", message: "text.format of type 'json_schema' needs a 'schema' object")
            }
            return nil
        default:
            return UnsupportedParameter(
                param: "text.format.type",
                message: "text.format type '\(type)' is not supported: use 'text', 'json_object' or 'json_schema'")
        }
    }

    private static func itemRefusal(_ item: ResponsesInputItem, at index: Int) -> UnsupportedParameter? {
        switch item {
        case .message(_, .parts(let parts)):
            for (partIndex, part) in parts.enumerated() {
                let param = "input[\(index)].content[\(partIndex)]"
                switch part {
                case .text: continue
                case .image(let url, _, _):
                    if url == nil {
                        return UnsupportedParameter(
                            param: param, message: "images by 'file_id' are not supported by this gateway "
                                + "(files are not stored); send the image as 'image_url' (an https or data URL)")
                    }
                case .other(let type, _):
                    return UnsupportedParameter(
                        param: param, message: "content part type '\(type)' is not supported by this gateway")
                }
            }
            return nil
        case .message, .functionCall, .functionCallOutput:
            return nil
        case .other(let type, _):
            // Reasoning items carry hidden state only OpenAI can read: replaying them elsewhere changes nothing.
            if type == "reasoning" { return nil }
            let why = type == "item_reference"
                ? "items are not looked up by reference; send the items themselves, or chain with 'previous_response_id'"
                : "only messages, function_call and function_call_output items are"
            return UnsupportedParameter(
                param: "input[\(index)]", message: "input item type '\(type)' is not supported by this gateway: \(why)")
        }
    }
}

import SwitchyardJSON
/// One item of a Responses `input` list.
public enum ResponsesInputItem: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `{"type":"message","role":…,"content":…}`; `type` may be left out, as the SDK's easy input message does.
    case message(role: ChatRole, content: ResponsesMessageContent)
    /// A call the model made earlier: `{"type":"function_call","call_id","name","arguments"}`.
    case functionCall(callID: String, name: String, arguments: String)
    /// The result of a call: `{"type":"function_call_output","call_id","output"}`.
    case functionCallOutput(callID: String, output: String)
    /// Any other item type (`reasoning`, `item_reference`, built-in tool calls, …), kept verbatim.
    case other(type: String, JSONValue)

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        let type: String = try c.optional("type") ?? "message"
        switch type {
        case "message":
            self = .message(role: try c.value("role"), content: try c.value("content"))
        case "function_call":
            self = .functionCall(
                callID: try c.value("call_id"), name: try c.value("name"), arguments: try c.optional("arguments") ?? "")
        case "function_call_output":
            let output: String
            switch try c.value("output", as: JSONValue.self) {
            case .string(let s): output = s
            // A list of output parts: their text, in order.
            case let parts: output = (parts.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined()
            }
            self = .functionCallOutput(callID: try c.value("call_id"), output: output)
        default:
            self = .other(type: type, json)
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        if case .other(_, let json) = self {
            json.writeWire(to: &w)
            return
        }
        w.beginObject()
        switch self {
        case .message(let role, let content):
            w.put("message", "type")
            w.put(role, "role")
            w.put(content, "content")
        case .functionCall(let callID, let name, let arguments):
            w.put("function_call", "type")
            w.put(callID, "call_id")
            w.put(name, "name")
            w.put(arguments, "arguments")
        case .functionCallOutput(let callID, let output):
            w.put("function_call_output", "type")
            w.put(callID, "call_id")
            w.put(output, "output")
        case .other:
            break
        }
        w.endObject()
    }
}

/// A message's content: a plain string or a list of parts.
public enum ResponsesMessageContent: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// A plain string.
    case text(String)
    /// `input_text`, `output_text`, `input_image`, … parts.
    case parts([ResponsesContentPart])

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        if case .string(let s) = json {
            self = .text(s)
        } else {
            self = .parts(try [ResponsesContentPart](wire: json))
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .text(let s): w.string(s)
        case .parts(let parts): parts.writeWire(to: &w)
        }
    }
}

/// One part of a message's content.
public enum ResponsesContentPart: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `input_text` (what users and systems say) or `output_text` (an earlier answer), by `type`.
    case text(String, type: String)
    /// `{"type":"input_image","image_url":…,"detail":…}`, or by `file_id`, which the gateway refuses.
    case image(url: String?, detail: String?, fileID: String?)
    /// Any other part type (`input_file`, `input_audio`, `refusal`, …), kept verbatim.
    case other(type: String, JSONValue)

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        let type: String = try c.value("type")
        switch type {
        case "input_text", "output_text":
            self = .text(try c.value("text"), type: type)
        case "input_image":
            self = .image(url: try c.optional("image_url"), detail: try c.optional("detail"),
                          fileID: try c.optional("file_id"))
        default:
            self = .other(type: type, json)
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .text(let text, let type):
            w.beginObject()
            w.put(type, "type")
            w.put(text, "text")
            w.endObject()
        case .image(let url, let detail, let fileID):
            w.beginObject()
            w.put("input_image", "type")
            w.putIfPresent(url, "image_url")
            w.putIfPresent(detail, "detail")
            w.putIfPresent(fileID, "file_id")
            w.endObject()
        case .other(_, let json):
            json.writeWire(to: &w)
        }
    }
}

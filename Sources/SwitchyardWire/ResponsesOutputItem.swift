import SwitchyardJSON
/// One item of a response's `output`.
public enum ResponsesOutputItem: Encodable, WireEncodable, Hashable, Sendable {
    /// An assistant message with one `output_text` part.
    case message(id: String, status: ResponsesResponse.Status, text: String)
    /// A function call the client runs, answering with a `function_call_output` item.
    case functionCall(id: String, status: ResponsesResponse.Status, callID: String, name: String, arguments: String)

    /// The item's `id`.
    public var id: String {
        switch self {
        case .message(let id, _, _), .functionCall(let id, _, _, _, _): id
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON. A message item opened in a stream has no parts yet (`content_part.added` adds
    /// the one it gets), so an in-progress message is written with empty `content`.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        switch self {
        case .message(let id, let status, let text):
            w.put(id, "id")
            w.put("message", "type")
            w.put(status, "status")
            w.key("content")
            w.beginArray()
            if status != .inProgress { ResponsesOutputText(text: text).writeWire(to: &w) }
            w.endArray()
            w.put("assistant", "role")
        case .functionCall(let id, let status, let callID, let name, let arguments):
            w.put(id, "id")
            w.put("function_call", "type")
            w.put(status, "status")
            w.put(arguments, "arguments")
            w.put(callID, "call_id")
            w.put(name, "name")
        }
        w.endObject()
    }
}

/// An `output_text` content part: `{"type":"output_text","annotations":[],"logprobs":[],"text":…}`.
public struct ResponsesOutputText: Encodable, WireEncodable, Hashable, Sendable {
    /// The `text` member.
    public var text: String

    /// Creates a value from its members.
    public init(text: String) { self.text = text }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put("output_text", "type")
        w.key("annotations")
        w.beginArray()
        w.endArray()
        w.key("logprobs")
        w.beginArray()
        w.endArray()
        w.put(text, "text")
        w.endObject()
    }
}

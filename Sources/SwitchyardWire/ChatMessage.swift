import SwitchyardJSON
/// A chat message role; open-ended so roles this version does not know still decode.
public struct ChatRole: WireString {
    /// The wire string.
    public var rawValue: String
    /// Wraps a wire string.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `system`.
    public static let system: ChatRole = "system"
    /// `developer`.
    public static let developer: ChatRole = "developer"
    /// `user`.
    public static let user: ChatRole = "user"
    /// `assistant`.
    public static let assistant: ChatRole = "assistant"
    /// `tool`.
    public static let tool: ChatRole = "tool"
}

/// One message of an OpenAI chat conversation (request or response).
public struct ChatMessage: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// The `role` member.
    public var role: ChatRole
    /// Text or content parts; nil for an assistant turn that only calls tools.
    public var content: ChatContent?
    /// The `name` member.
    public var name: String?
    /// Tool calls an assistant turn made.
    public var toolCalls: [ChatToolCall]?
    /// The call a `tool` message answers.
    public var toolCallID: String?
    /// Members not modelled above (e.g. `refusal`, `annotations`, `audio`), passed through.
    public var extra: [String: JSONValue]

    /// Creates a value from its members.
    public init(
        role: ChatRole, content: ChatContent? = nil, name: String? = nil, toolCalls: [ChatToolCall]? = nil,
        toolCallID: String? = nil, extra: [String: JSONValue] = [:]
    ) {
        self.role = role
        self.content = content
        self.name = name
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.extra = extra
    }

    /// A message with plain text content.
    public static func text(_ role: ChatRole, _ text: String) -> ChatMessage {
        ChatMessage(role: role, content: .text(text))
    }

    static let known: Set<String> = ["role", "content", "name", "tool_calls", "tool_call_id"]

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        role = try c.value("role")
        content = try c.optional("content")
        name = try c.optional("name")
        toolCalls = try c.optional("tool_calls")
        toolCallID = try c.optional("tool_call_id")
        extra = c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        w.beginObject()
        w.put(role, "role")
        // The API always carries `content` on assistant turns, as null when only tools are called.
        if role == .assistant {
            w.putNullable(content, "content")
        } else {
            w.putIfPresent(content, "content")
        }
        w.putIfPresent(name, "name")
        w.putIfPresent(toolCalls, "tool_calls")
        w.putIfPresent(toolCallID, "tool_call_id")
        w.putExtras(extra, excluding: Self.known)
        w.endObject()
    }

    /// The text of the content: the string itself, or the text parts joined.
    public var textContent: String {
        content?.text ?? ""
    }
}

/// Message content: a plain string or an array of typed parts.
public enum ChatContent: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// A plain string.
    case text(String)
    /// An array of typed parts.
    case parts([ChatContentPart])

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        if case .string(let s) = json {
            self = .text(s)
        } else {
            self = .parts(try [ChatContentPart](wire: json))
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .text(let s): w.string(s)
        case .parts(let p): p.writeWire(to: &w)
        }
    }

    /// All text: the string, or the text parts concatenated with newlines.
    public var text: String {
        switch self {
        case .text(let s): return s
        case .parts(let parts):
            return parts.compactMap { part -> String? in
                if case .text(let t, _) = part { return t }
                return nil
            }.joined(separator: "\n")
        }
    }
}

/// One part of array-form content.
public enum ChatContentPart: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
    /// `{"type":"text","text":…}` plus any other members.
    case text(String, extra: [String: JSONValue] = [:])
    /// `{"type":"image_url","image_url":{"url":…,"detail":…}}`.
    case imageURL(ImageURL, extra: [String: JSONValue] = [:])
    /// Any other part type (`input_audio`, `file`, …), kept verbatim.
    case other(JSONValue)

    /// An image reference: an https URL or a `data:` URL.
    public struct ImageURL: Codable, WireDecodable, WireEncodable, Hashable, Sendable {
        /// The `url` member.
        public var url: String
        /// The `detail` member.
        public var detail: String?
        /// Creates a value from its members.
        public init(url: String, detail: String? = nil) {
            self.url = url
            self.detail = detail
        }

        public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

        /// Builds the value from a JSON tree.
        public init(wire json: JSONValue) throws {
            let c = try WireObject(json)
            url = try c.value("url")
            detail = try c.optional("detail")
        }

        public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

        /// Writes the value as JSON.
        public func writeWire(to w: inout JSONWriter) {
            w.beginObject()
            w.put(url, "url")
            w.putIfPresent(detail, "detail")
            w.endObject()
        }
    }

    public init(from decoder: any Decoder) throws { try self.init(wire: JSONValue(from: decoder)) }

    /// Builds the value from a JSON tree.
    public init(wire json: JSONValue) throws {
        let c = try WireObject(json)
        let type: String = try c.value("type")
        switch type {
        case "text":
            self = .text(try c.value("text"), extra: c.extras(excluding: ["type", "text"]))
        case "image_url":
            self = .imageURL(try c.value("image_url"), extra: c.extras(excluding: ["type", "image_url"]))
        default:
            self = .other(json)
        }
    }

    public func encode(to encoder: any Encoder) throws { try encodeThroughWire(to: encoder) }

    /// Writes the value as JSON.
    public func writeWire(to w: inout JSONWriter) {
        switch self {
        case .text(let text, let extra):
            w.beginObject()
            w.put("text", "type")
            w.put(text, "text")
            w.putExtras(extra, excluding: ["type", "text"])
            w.endObject()
        case .imageURL(let image, let extra):
            w.beginObject()
            w.put("image_url", "type")
            w.put(image, "image_url")
            w.putExtras(extra, excluding: ["type", "image_url"])
            w.endObject()
        case .other(let value):
            value.writeWire(to: &w)
        }
    }
}

/// A chat message role; open-ended so roles this version does not know still decode.
public struct ChatRole: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public static let system: ChatRole = "system"
    public static let developer: ChatRole = "developer"
    public static let user: ChatRole = "user"
    public static let assistant: ChatRole = "assistant"
    public static let tool: ChatRole = "tool"
}

/// One message of an OpenAI chat conversation (request or response).
public struct ChatMessage: Codable, Hashable, Sendable {
    public var role: ChatRole
    /// Text or content parts; nil for an assistant turn that only calls tools.
    public var content: ChatContent?
    public var name: String?
    /// Tool calls an assistant turn made.
    public var toolCalls: [ChatToolCall]?
    /// The call a `tool` message answers.
    public var toolCallID: String?
    /// Members not modelled above (e.g. `refusal`, `annotations`, `audio`), passed through.
    public var extra: [String: JSONValue]

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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        role = try c.value("role")
        content = try c.optional("content")
        name = try c.optional("name")
        toolCalls = try c.optional("tool_calls")
        toolCallID = try c.optional("tool_call_id")
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put(role, "role")
        // The API always carries `content` on assistant turns, as null when only tools are called.
        if role == .assistant {
            try c.putNullable(content, "content")
        } else {
            try c.putIfPresent(content, "content")
        }
        try c.putIfPresent(name, "name")
        try c.putIfPresent(toolCalls, "tool_calls")
        try c.putIfPresent(toolCallID, "tool_call_id")
        try c.putExtras(extra, excluding: Self.known)
    }

    /// The text of the content: the string itself, or the text parts joined.
    public var textContent: String {
        content?.text ?? ""
    }
}

/// Message content: a plain string or an array of typed parts.
public enum ChatContent: Codable, Hashable, Sendable {
    case text(String)
    case parts([ChatContentPart])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .text(s)
        } else {
            self = .parts(try c.decode([ChatContentPart].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .parts(let p): try c.encode(p)
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
public enum ChatContentPart: Codable, Hashable, Sendable {
    /// `{"type":"text","text":…}` plus any other members.
    case text(String, extra: [String: JSONValue] = [:])
    /// `{"type":"image_url","image_url":{"url":…,"detail":…}}`.
    case imageURL(ImageURL, extra: [String: JSONValue] = [:])
    /// Any other part type (`input_audio`, `file`, …), kept verbatim.
    case other(JSONValue)

    /// An image reference: an https URL or a `data:` URL.
    public struct ImageURL: Codable, Hashable, Sendable {
        public var url: String
        public var detail: String?
        public init(url: String, detail: String? = nil) {
            self.url = url
            self.detail = detail
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        let type: String = try c.value("type")
        switch type {
        case "text":
            self = .text(try c.value("text"), extra: try c.extras(excluding: ["type", "text"]))
        case "image_url":
            self = .imageURL(try c.value("image_url"), extra: try c.extras(excluding: ["type", "image_url"]))
        default:
            self = .other(try JSONValue(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text, let extra):
            var c = encoder.container(keyedBy: WireCodingKey.self)
            try c.put("text", "type")
            try c.put(text, "text")
            try c.putExtras(extra, excluding: ["type", "text"])
        case .imageURL(let image, let extra):
            var c = encoder.container(keyedBy: WireCodingKey.self)
            try c.put("image_url", "type")
            try c.put(image, "image_url")
            try c.putExtras(extra, excluding: ["type", "image_url"])
        case .other(let value):
            try value.encode(to: encoder)
        }
    }
}

/// One Anthropic content block (request or response).
public enum AnthropicContentBlock: Codable, Hashable, Sendable {
    /// `{"type":"text","text":…}` plus any other members (`cache_control`, `citations`).
    case text(String, extra: [String: JSONValue] = [:])
    /// `{"type":"image","source":{…}}`.
    case image(AnthropicImageSource, extra: [String: JSONValue] = [:])
    /// `{"type":"tool_use","id","name","input"}`.
    case toolUse(AnthropicToolUse)
    /// `{"type":"tool_result","tool_use_id","content","is_error"}`.
    case toolResult(AnthropicToolResult)
    /// Any other block type (`thinking`, `document`, …), kept verbatim.
    case other(JSONValue)

    /// The `type` discriminator.
    public var type: String {
        switch self {
        case .text: "text"
        case .image: "image"
        case .toolUse: "tool_use"
        case .toolResult: "tool_result"
        case .other(let v): v["type"]?.stringValue ?? ""
        }
    }

    /// The text of a text block; nil for other blocks.
    public var text: String? {
        if case .text(let t, _) = self { return t }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        let type: String = try c.value("type")
        switch type {
        case "text":
            self = .text(try c.value("text"), extra: try c.extras(excluding: ["type", "text"]))
        case "image":
            self = .image(try c.value("source"), extra: try c.extras(excluding: ["type", "source"]))
        case "tool_use":
            self = .toolUse(try AnthropicToolUse(from: decoder))
        case "tool_result":
            self = .toolResult(try AnthropicToolResult(from: decoder))
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
        case .image(let source, let extra):
            var c = encoder.container(keyedBy: WireCodingKey.self)
            try c.put("image", "type")
            try c.put(source, "source")
            try c.putExtras(extra, excluding: ["type", "source"])
        case .toolUse(let t): try t.encode(to: encoder)
        case .toolResult(let t): try t.encode(to: encoder)
        case .other(let v): try v.encode(to: encoder)
        }
    }
}

/// An image source: `{"type":"base64","media_type","data"}` or `{"type":"url","url"}`.
public struct AnthropicImageSource: Codable, Hashable, Sendable {
    public var type: String
    public var mediaType: String?
    public var data: String?
    public var url: String?

    public init(type: String, mediaType: String? = nil, data: String? = nil, url: String? = nil) {
        self.type = type
        self.mediaType = mediaType
        self.data = data
        self.url = url
    }

    /// Inline base64 image data.
    public static func base64(mediaType: String, data: String) -> AnthropicImageSource {
        AnthropicImageSource(type: "base64", mediaType: mediaType, data: data)
    }

    /// An image the API fetches by URL.
    public static func url(_ url: String) -> AnthropicImageSource {
        AnthropicImageSource(type: "url", url: url)
    }

    enum CodingKeys: String, CodingKey {
        case type, data, url
        case mediaType = "media_type"
    }
}

/// A tool call the model made.
public struct AnthropicToolUse: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// The arguments object.
    public var input: JSONValue
    /// Members not modelled above (e.g. `cache_control`), passed through.
    public var extra: [String: JSONValue]

    public init(id: String, name: String, input: JSONValue, extra: [String: JSONValue] = [:]) {
        self.id = id
        self.name = name
        self.input = input
        self.extra = extra
    }

    static let known: Set<String> = ["type", "id", "name", "input"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        id = try c.value("id")
        name = try c.value("name")
        input = try c.optional("input") ?? .object([:])
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put("tool_use", "type")
        try c.put(id, "id")
        try c.put(name, "name")
        try c.put(input, "input")
        try c.putExtras(extra, excluding: Self.known)
    }
}

/// The result of a tool call, sent back in a user turn.
public struct AnthropicToolResult: Codable, Hashable, Sendable {
    public var toolUseID: String
    public var content: AnthropicContent?
    public var isError: Bool?
    /// Members not modelled above (e.g. `cache_control`), passed through.
    public var extra: [String: JSONValue]

    public init(toolUseID: String, content: AnthropicContent? = nil, isError: Bool? = nil,
                extra: [String: JSONValue] = [:]) {
        self.toolUseID = toolUseID
        self.content = content
        self.isError = isError
        self.extra = extra
    }

    static let known: Set<String> = ["type", "tool_use_id", "content", "is_error"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireCodingKey.self)
        toolUseID = try c.value("tool_use_id")
        content = try c.optional("content")
        isError = try c.optional("is_error")
        extra = try c.extras(excluding: Self.known)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: WireCodingKey.self)
        try c.put("tool_result", "type")
        try c.put(toolUseID, "tool_use_id")
        try c.putIfPresent(content, "content")
        try c.putIfPresent(isError, "is_error")
        try c.putExtras(extra, excluding: Self.known)
    }
}

/// Content given as a plain string or as blocks (messages, system prompt, tool results).
public enum AnthropicContent: Codable, Hashable, Sendable {
    case text(String)
    case blocks([AnthropicContentBlock])

    /// The blocks, with a plain string seen as one text block.
    public var blocks: [AnthropicContentBlock] {
        switch self {
        case .text(let s): [.text(s)]
        case .blocks(let b): b
        }
    }

    /// All text blocks joined with newlines (a plain string as is).
    public var text: String {
        switch self {
        case .text(let s): s
        case .blocks(let b): b.compactMap(\.text).joined(separator: "\n")
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .text(s)
        } else {
            self = .blocks(try c.decode([AnthropicContentBlock].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .blocks(let b): try c.encode(b)
        }
    }
}
